/**
 * Key material of the local keys: random bytes generated the first time a key is served,
 * kept in `<dataDir>/<keyId>.json` (mode 0600) so data encrypted before a restart still
 * decrypts after it, and lookup MACs stay the same. Without a dataDir material lives in
 * memory only (tests).
 *
 * A file that cannot be read is an error, never a reason to make new material: that would
 * silently make every stored ciphertext undecryptable. When the template changes a key's
 * spec (CloudFormation would replace the key), the old file is set aside, not deleted.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { writeFileAtomic } from '../atomic-file';
import { join } from 'node:path';
import { KEY_SPECS } from './key-specs';

export interface KeyMaterial {
  keyId: string;
  keySpec: string;
  material: Buffer;
  /** Epoch ms; DescribeKey's CreationDate. */
  createdAt: number;
}

interface MaterialFile {
  keyId: string;
  keySpec: string;
  material: string;
  createdAt: number;
}

export class KeyMaterialStore {
  private readonly cache = new Map<string, KeyMaterial>();

  constructor(
    private readonly dir: string | undefined,
    private readonly log: (line: string) => void,
    private readonly now: () => number,
  ) {
    if (dir) mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  /** The material of `keyId` for `keySpec`, created on first use. */
  materialFor(keyId: string, keySpec: string, label: string): KeyMaterial {
    const cached = this.cache.get(keyId);
    if (cached?.keySpec === keySpec) return cached;
    const loaded = this.read(keyId, keySpec, label) ?? this.create(keyId, keySpec, label);
    this.cache.set(keyId, loaded);
    return loaded;
  }

  private path(keyId: string): string | undefined {
    return this.dir && join(this.dir, `${keyId}.json`);
  }

  private read(keyId: string, keySpec: string, label: string): KeyMaterial | undefined {
    const path = this.path(keyId);
    if (!path || !existsSync(path)) return undefined;
    let file: MaterialFile;
    try {
      file = JSON.parse(readFileSync(path, 'utf8')) as MaterialFile;
    } catch (error) {
      throw new Error(
        `kms: cannot read key material ${path} (${(error as Error).message}). Data encrypted under this key ` +
          'cannot be decrypted without it; restore the file, or delete it to start over with a new key.',
      );
    }
    if (file.keySpec !== keySpec) {
      const aside = `${path}.${file.keySpec}.replaced-${this.now()}`;
      renameSync(path, aside);
      this.log(`kms: ${label} changed from ${file.keySpec} to ${keySpec} (a replacement in AWS); old material kept in ${aside}`);
      return undefined;
    }
    const material = Buffer.from(file.material, 'base64');
    if (file.keyId !== keyId || material.length !== KEY_SPECS[keySpec]!.materialBytes) {
      throw new Error(`kms: key material ${path} does not belong to key ${keyId} (${keySpec})`);
    }
    return { keyId, keySpec, material, createdAt: file.createdAt };
  }

  private create(keyId: string, keySpec: string, label: string): KeyMaterial {
    const key: KeyMaterial = { keyId, keySpec, material: randomBytes(KEY_SPECS[keySpec]!.materialBytes), createdAt: this.now() };
    const path = this.path(keyId);
    if (path) {
      const file: MaterialFile = { keyId, keySpec, material: key.material.toString('base64'), createdAt: key.createdAt };
      // A crash never leaves a half-written key file behind.
      writeFileAtomic(path, `${JSON.stringify(file)}\n`, { mode: 0o600 });
    }
    this.log(`kms: new key material for ${label} (${keySpec})${path ? ` in ${path}` : ' (in memory)'}`);
    return key;
  }
}
