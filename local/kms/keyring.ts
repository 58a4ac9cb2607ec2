/**
 * The keys the endpoint serves (from the template's Topology.keys, with their material)
 * and how a request's KeyId finds one. KMS accepts four forms wherever a KeyId is taken:
 *
 *   key id      1234abcd-12ab-34cd-56ef-1234567890ab
 *   key ARN     arn:aws:kms:us-east-1:000000000000:key/1234abcd-...
 *   alias name  alias/anxin-dev-personal-data
 *   alias ARN   arn:aws:kms:us-east-1:000000000000:alias/anxin-dev-personal-data
 *
 * ARNs of another partition, region or account name no key here: NotFoundException, as AWS.
 */
import type { LocalKmsKey } from '../topology';
import { partitionOf } from '../template/local-env';
import { KmsError } from './errors';
import { KeyMaterialStore, type KeyMaterial } from './key-material';
import { KEY_SPECS, type KeySpecInfo } from './key-specs';

export interface ServedKey extends LocalKmsKey {
  spec: KeySpecInfo;
  material: KeyMaterial;
}

export interface AliasEntry {
  aliasName: string;
  aliasArn: string;
  key: ServedKey;
}

export class Keyring {
  private keys = new Map<string, ServedKey>();
  private aliases = new Map<string, AliasEntry>();
  private readonly arnPrefix: string;

  constructor(
    readonly region: string,
    readonly accountId: string,
    private readonly store: KeyMaterialStore,
  ) {
    this.arnPrefix = `arn:${partitionOf(region)}:kms:${region}:${accountId}:`;
  }

  /** Serves exactly `keys` from now on (the template may have changed: watch mode). */
  apply(keys: readonly LocalKmsKey[]): void {
    const next = new Map<string, ServedKey>();
    const aliases = new Map<string, AliasEntry>();
    for (const key of keys) {
      const spec = KEY_SPECS[key.keySpec];
      if (!spec) throw new Error(`kms: key ${key.logicalId} has KeySpec ${key.keySpec}, which the local endpoint does not serve`);
      const label = key.aliases[0] ?? key.logicalId;
      const served: ServedKey = { ...key, spec, material: this.store.materialFor(key.keyId, key.keySpec, label) };
      next.set(key.keyId, served);
      for (const aliasName of key.aliases) aliases.set(aliasName, { aliasName, aliasArn: this.arnPrefix + aliasName, key: served });
    }
    this.keys = next;
    this.aliases = aliases;
  }

  get size(): number {
    return this.keys.size;
  }

  byId(keyId: string): ServedKey | undefined {
    return this.keys.get(keyId);
  }

  /** Aliases sorted by name (ListAliases pages through them in this order). */
  listAliases(): AliasEntry[] {
    return [...this.aliases.values()].sort((a, b) => (a.aliasName < b.aliasName ? -1 : 1));
  }

  /** Resolves any of the four KeyId forms, or throws NotFoundException. */
  resolve(keyIdParam: string): ServedKey {
    if (keyIdParam.startsWith('arn:')) {
      const m = /^arn:[\w-]+:kms:[^:]*:[^:]*:(key\/.+|alias\/.+)$/.exec(keyIdParam);
      if (!m) throw new KmsError('NotFoundException', `Invalid arn ${keyIdParam}`);
      if (!keyIdParam.startsWith(this.arnPrefix)) {
        throw new KmsError('NotFoundException', m[1]!.startsWith('alias/') ? `Alias ${keyIdParam} is not found.` : `Key '${keyIdParam}' does not exist`);
      }
      return this.resolve(m[1]!.startsWith('alias/') ? m[1]! : m[1]!.slice('key/'.length));
    }
    if (keyIdParam.startsWith('alias/')) {
      const entry = this.aliases.get(keyIdParam);
      if (!entry) throw new KmsError('NotFoundException', `Alias ${this.arnPrefix}${keyIdParam} is not found.`);
      return entry.key;
    }
    if (!/^(mrk-)?[0-9a-fA-F-]{32,36}$/.test(keyIdParam)) throw new KmsError('NotFoundException', `Invalid keyId '${keyIdParam}'`);
    const key = this.keys.get(keyIdParam);
    if (!key) throw new KmsError('NotFoundException', `Key '${this.arnPrefix}key/${keyIdParam}' does not exist`);
    return key;
  }

  /**
   * ListAliases' KeyId takes only a key id or key ARN (documented); an alias is refused.
   * Which error AWS gives for an alias there is not documented: InvalidArnException (one of
   * the operation's listed errors) is this endpoint's choice.
   */
  resolveKeyOnly(keyIdParam: string): ServedKey {
    if (keyIdParam.startsWith('alias/') || keyIdParam.includes(':alias/')) {
      throw new KmsError('InvalidArnException', `Alias is not a valid value for keyId: ${keyIdParam}`);
    }
    return this.resolve(keyIdParam);
  }
}

/** The checks every cryptographic operation makes on its key, in AWS's order. */
export function assertUsable(key: ServedKey, operation: string, usage: ServedKey['keyUsage']): void {
  if (!key.enabled) throw new KmsError('DisabledException', `${key.arn} is disabled.`);
  if (key.keyUsage !== usage) {
    throw new KmsError('InvalidKeyUsageException', `${key.arn} key usage is ${key.keyUsage} which is not valid for ${operation}.`);
  }
}
