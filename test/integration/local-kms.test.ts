/**
 * local/kms with the real @aws-sdk/client-kms: the SDK's own serializers and error
 * parsing, against the endpoint, over HTTP.
 */
import {
  DecryptCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateMacCommand,
  IncorrectKeyException,
  InvalidCiphertextException,
  InvalidKeyUsageException,
  KMSInvalidMacException,
  ListAliasesCommand,
  NotFoundException,
  VerifyMacCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKmsServer, type KmsServer } from '../../local/kms';
import { KMS_ACCOUNT, KMS_REGION, kmsClient, rejection, testKey } from '../support/kms';

const DATA_ID = '11111111-1111-4111-a111-111111111111';
const OTHER_DATA_ID = '22222222-2222-4222-a222-222222222222';
const HMAC_ID = '33333333-3333-4333-a333-333333333333';
const OTHER_HMAC_ID = '44444444-4444-4444-a444-444444444444';
const HMAC512_ID = '55555555-5555-4555-a555-555555555555';
const DISABLED_ID = '66666666-6666-4666-a666-666666666666';

const KEYS = [
  testKey(DATA_ID, 'SYMMETRIC_DEFAULT', ['alias/anxin-test-personal-data'], { description: 'personal data' }),
  testKey(OTHER_DATA_ID, 'SYMMETRIC_DEFAULT', ['alias/other']),
  testKey(HMAC_ID, 'HMAC_256', ['alias/anxin-test-personal-data-hmac', 'alias/hmac-second-name']),
  testKey(OTHER_HMAC_ID, 'HMAC_256'),
  testKey(HMAC512_ID, 'HMAC_512'),
  testKey(DISABLED_ID, 'SYMMETRIC_DEFAULT', [], { enabled: false }),
];
const arnOf = (id: string) => `arn:aws:kms:${KMS_REGION}:${KMS_ACCOUNT}:key/${id}`;
const bytes = (s: string) => Buffer.from(s, 'utf8');
const text = (b: Uint8Array | undefined) => Buffer.from(b!).toString('utf8');

const root = mkdtempSync(join(tmpdir(), 'anxin-local-kms-'));
const dataDir = join(root, 'kms');
let server: KmsServer;
let kms: KMSClient;
const logs: string[] = [];

async function restart(dir = dataDir): Promise<void> {
  kms?.destroy();
  await server?.close();
  server = await startKmsServer({ port: 0, dataDir: dir, region: KMS_REGION, accountId: KMS_ACCOUNT, keys: KEYS, log: (l) => logs.push(l) });
  kms = kmsClient(server.endpoint);
}

beforeAll(() => restart());
afterAll(async () => {
  kms.destroy();
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

const context = { purpose: 'id-number', tenant: 'ten_A' };
const encrypt = (plaintext: string, keyId = DATA_ID, ctx: Record<string, string> | undefined = context) =>
  kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: bytes(plaintext), EncryptionContext: ctx }));
const mac = (message: string, keyId = HMAC_ID) =>
  kms.send(new GenerateMacCommand({ KeyId: keyId, MacAlgorithm: 'HMAC_SHA_256', Message: bytes(message) })).then((o) => Buffer.from(o.Mac!).toString('hex'));

describe('Encrypt / Decrypt', () => {
  it('round-trips, answering with the key ARN and SYMMETRIC_DEFAULT', async () => {
    const out = await encrypt('440308199001011239');
    expect(out.KeyId).toBe(arnOf(DATA_ID));
    expect(out.EncryptionAlgorithm).toBe('SYMMETRIC_DEFAULT');
    expect(text(out.CiphertextBlob)).not.toContain('440308');
    const back = await kms.send(new DecryptCommand({ CiphertextBlob: out.CiphertextBlob, EncryptionContext: context }));
    expect(text(back.Plaintext)).toBe('440308199001011239');
    expect(back.KeyId).toBe(arnOf(DATA_ID));
    expect(back.EncryptionAlgorithm).toBe('SYMMETRIC_DEFAULT');
  });

  it('gives a fresh ciphertext every time (random IV)', async () => {
    const [a, b] = await Promise.all([encrypt('same'), encrypt('same')]);
    expect(Buffer.from(a.CiphertextBlob!).equals(Buffer.from(b.CiphertextBlob!))).toBe(false);
  });

  it.each([
    ['key id', DATA_ID],
    ['key ARN', arnOf(DATA_ID)],
    ['alias name', 'alias/anxin-test-personal-data'],
    ['alias ARN', `arn:aws:kms:${KMS_REGION}:${KMS_ACCOUNT}:alias/anxin-test-personal-data`],
  ])('accepts the key as %s, for Encrypt and for Decrypt', async (_form, keyId) => {
    const out = await encrypt('x', keyId);
    expect(out.KeyId).toBe(arnOf(DATA_ID));
    const back = await kms.send(new DecryptCommand({ KeyId: keyId, CiphertextBlob: out.CiphertextBlob, EncryptionContext: context }));
    expect(text(back.Plaintext)).toBe('x');
  });

  it('binds the ciphertext to the encryption context: same pairs in any order decrypt, anything else is InvalidCiphertextException', async () => {
    const { CiphertextBlob } = await encrypt('secret');
    const reordered = { tenant: 'ten_A', purpose: 'id-number' };
    expect(text((await kms.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: reordered }))).Plaintext)).toBe('secret');
    const wrongs: Record<string, string>[] = [{ purpose: 'id-number', tenant: 'ten_B' }, { purpose: 'id-number' }, {}, { ...context, extra: 'x' }];
    for (const wrong of wrongs) {
      const error = await rejection(kms.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: wrong })));
      expect(error, JSON.stringify(wrong)).toBeInstanceOf(InvalidCiphertextException);
      expect(error.$metadata?.httpStatusCode).toBe(400);
    }
  });

  it('cannot be decrypted with another key: IncorrectKeyException for another KeyId, InvalidCiphertextException for a swapped header or tampering', async () => {
    const { CiphertextBlob } = await encrypt('secret');
    const blob = Buffer.from(CiphertextBlob!);
    expect(await rejection(kms.send(new DecryptCommand({ KeyId: OTHER_DATA_ID, CiphertextBlob: blob, EncryptionContext: context })))).toBeInstanceOf(
      IncorrectKeyException,
    );
    // The blob names its key; pointing it at the other key's material must not open it.
    const swapped = Buffer.from(blob);
    swapped.write(OTHER_DATA_ID, 2, 'ascii');
    expect(await rejection(kms.send(new DecryptCommand({ CiphertextBlob: swapped, EncryptionContext: context })))).toBeInstanceOf(
      InvalidCiphertextException,
    );
    const tampered = Buffer.from(blob);
    tampered[tampered.length - 20]! ^= 1;
    expect(await rejection(kms.send(new DecryptCommand({ CiphertextBlob: tampered, EncryptionContext: context })))).toBeInstanceOf(
      InvalidCiphertextException,
    );
    expect(await rejection(kms.send(new DecryptCommand({ CiphertextBlob: bytes('not a blob at all'), EncryptionContext: context })))).toBeInstanceOf(
      InvalidCiphertextException,
    );
  });

  it('refuses plaintext over 4096 bytes and a missing KeyId with ValidationException', async () => {
    expect((await rejection(encrypt('x'.repeat(4097)))).name).toBe('ValidationException');
    const missing = await rejection(kms.send(new EncryptCommand({ Plaintext: bytes('x') } as never)));
    expect(missing.name).toBe('ValidationException');
    expect(missing.message).toMatch(/at 'keyId' failed to satisfy constraint: Member must not be null/);
  });
});

describe('GenerateDataKey', () => {
  it('returns a data key and its ciphertext, which Decrypt opens with the same context', async () => {
    const out = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/anxin-test-personal-data', KeySpec: 'AES_256', EncryptionContext: context }));
    expect(out.Plaintext).toHaveLength(32);
    expect(out.KeyId).toBe(arnOf(DATA_ID));
    const back = await kms.send(new DecryptCommand({ CiphertextBlob: out.CiphertextBlob, EncryptionContext: context }));
    expect(Buffer.from(back.Plaintext!).equals(Buffer.from(out.Plaintext!))).toBe(true);
    const sized = await kms.send(new GenerateDataKeyCommand({ KeyId: DATA_ID, NumberOfBytes: 64 }));
    expect(sized.Plaintext).toHaveLength(64);
  });

  it('wants exactly one of KeySpec and NumberOfBytes', async () => {
    expect((await rejection(kms.send(new GenerateDataKeyCommand({ KeyId: DATA_ID })))).name).toBe('ValidationException');
    expect((await rejection(kms.send(new GenerateDataKeyCommand({ KeyId: DATA_ID, KeySpec: 'AES_128', NumberOfBytes: 16 })))).name).toBe(
      'ValidationException',
    );
  });
});

describe('GenerateMac / VerifyMac', () => {
  it('is HMAC-SHA-256, deterministic per key, different across keys', async () => {
    const a = await mac('440308199001011239');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(await mac('440308199001011239')).toBe(a);
    expect(await mac('440308199001011239', 'alias/hmac-second-name')).toBe(a);
    expect(await mac('440308199001011239', OTHER_HMAC_ID)).not.toBe(a);
    expect(await mac('440308199001011230')).not.toBe(a);
  });

  it('verifies a good MAC and answers KMSInvalidMacException for a bad one', async () => {
    const Message = bytes('hello');
    const { Mac } = await kms.send(new GenerateMacCommand({ KeyId: HMAC_ID, MacAlgorithm: 'HMAC_SHA_256', Message }));
    const ok = await kms.send(new VerifyMacCommand({ KeyId: HMAC_ID, MacAlgorithm: 'HMAC_SHA_256', Message, Mac }));
    expect(ok).toMatchObject({ MacValid: true, MacAlgorithm: 'HMAC_SHA_256', KeyId: arnOf(HMAC_ID) });
    const bad = Buffer.from(Mac!);
    bad[0]! ^= 1;
    for (const [key, m] of [[HMAC_ID, bad], [OTHER_HMAC_ID, Mac], [HMAC_ID, Buffer.from(Mac!).subarray(1)]] as const) {
      expect(await rejection(kms.send(new VerifyMacCommand({ KeyId: key, MacAlgorithm: 'HMAC_SHA_256', Message, Mac: m })))).toBeInstanceOf(
        KMSInvalidMacException,
      );
    }
  });

  it('takes only the algorithm of the key spec', async () => {
    const error = await rejection(kms.send(new GenerateMacCommand({ KeyId: HMAC512_ID, MacAlgorithm: 'HMAC_SHA_256', Message: bytes('x') })));
    expect(error).toBeInstanceOf(InvalidKeyUsageException);
    const out = await kms.send(new GenerateMacCommand({ KeyId: HMAC512_ID, MacAlgorithm: 'HMAC_SHA_512', Message: bytes('x') }));
    expect(out.Mac).toHaveLength(64);
  });
});

describe('key usage, state and lookup errors', () => {
  it('answers InvalidKeyUsageException for a key used against its usage', async () => {
    expect(await rejection(encrypt('x', HMAC_ID))).toBeInstanceOf(InvalidKeyUsageException);
    expect(await rejection(mac('x', DATA_ID))).toBeInstanceOf(InvalidKeyUsageException);
    expect(await rejection(kms.send(new GenerateDataKeyCommand({ KeyId: HMAC_ID, KeySpec: 'AES_256' })))).toBeInstanceOf(
      InvalidKeyUsageException,
    );
    expect(await rejection(kms.send(new EncryptCommand({ KeyId: DATA_ID, Plaintext: bytes('x'), EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' })))).toBeInstanceOf(
      InvalidKeyUsageException,
    );
  });

  it('answers NotFoundException for unknown keys and aliases, and for ARNs of another region or account', async () => {
    for (const keyId of [
      '99999999-9999-4999-a999-999999999999',
      'alias/nope',
      'not-a-key-id',
      `arn:aws:kms:eu-west-1:${KMS_ACCOUNT}:key/${DATA_ID}`,
      `arn:aws:kms:${KMS_REGION}:123456789012:alias/anxin-test-personal-data`,
    ]) {
      expect(await rejection(encrypt('x', keyId)), keyId).toBeInstanceOf(NotFoundException);
    }
  });

  it('answers DisabledException for a disabled key, DryRunOperationException for a dry run', async () => {
    expect((await rejection(encrypt('x', DISABLED_ID))).name).toBe('DisabledException');
    const dry = await rejection(kms.send(new EncryptCommand({ KeyId: DATA_ID, Plaintext: bytes('x'), DryRun: true })));
    expect(dry.name).toBe('DryRunOperationException');
  });

  it('answers UnsupportedOperationException for KMS operations it does not serve', async () => {
    const response = await fetch(server.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'TrentService.CreateKey' },
      body: '{}',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ __type: 'UnsupportedOperationException' });
  });
});

describe('DescribeKey / ListAliases', () => {
  it('describes keys as KMS does', async () => {
    const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/anxin-test-personal-data-hmac' }));
    expect(KeyMetadata).toMatchObject({
      KeyId: HMAC_ID,
      Arn: arnOf(HMAC_ID),
      AWSAccountId: KMS_ACCOUNT,
      KeySpec: 'HMAC_256',
      KeyUsage: 'GENERATE_VERIFY_MAC',
      KeyState: 'Enabled',
      Enabled: true,
      Origin: 'AWS_KMS',
      KeyManager: 'CUSTOMER',
      MacAlgorithms: ['HMAC_SHA_256'],
    });
    expect(KeyMetadata!.CreationDate).toBeInstanceOf(Date);
    const data = await kms.send(new DescribeKeyCommand({ KeyId: DATA_ID }));
    expect(data.KeyMetadata).toMatchObject({ Description: 'personal data', EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'] });
    expect((await kms.send(new DescribeKeyCommand({ KeyId: DISABLED_ID }))).KeyMetadata).toMatchObject({ Enabled: false, KeyState: 'Disabled' });
  });

  it('lists aliases, pages with Limit/Marker, filters by key', async () => {
    const all = await kms.send(new ListAliasesCommand({}));
    expect(all.Aliases!.map((a) => a.AliasName)).toEqual([
      'alias/anxin-test-personal-data',
      'alias/anxin-test-personal-data-hmac',
      'alias/hmac-second-name',
      'alias/other',
    ]);
    expect(all.Truncated).toBe(false);
    expect(all.Aliases![0]).toMatchObject({
      AliasArn: `arn:aws:kms:${KMS_REGION}:${KMS_ACCOUNT}:alias/anxin-test-personal-data`,
      TargetKeyId: DATA_ID,
    });
    const first = await kms.send(new ListAliasesCommand({ Limit: 3 }));
    expect(first).toMatchObject({ Truncated: true });
    const rest = await kms.send(new ListAliasesCommand({ Limit: 3, Marker: first.NextMarker }));
    expect(rest.Aliases!.map((a) => a.AliasName)).toEqual(['alias/other']);
    const hmac = await kms.send(new ListAliasesCommand({ KeyId: arnOf(HMAC_ID) }));
    expect(hmac.Aliases!.map((a) => a.AliasName)).toEqual(['alias/anxin-test-personal-data-hmac', 'alias/hmac-second-name']);
    expect((await rejection(kms.send(new ListAliasesCommand({ Marker: 'garbage' })))).name).toBe('InvalidMarkerException');
  });
});

describe('key material across restarts', () => {
  it('keeps MACs and decryptability across a restart with the same data dir, in 0600 files', async () => {
    const before = await mac('440308199001011239');
    const { CiphertextBlob } = await encrypt('kept');
    await restart();
    expect(await mac('440308199001011239')).toBe(before);
    expect(text((await kms.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: context }))).Plaintext)).toBe('kept');
    const files = readdirSync(dataDir);
    expect(files.sort()).toEqual(KEYS.map((k) => `${k.keyId}.json`).sort());
    for (const f of files) expect(statSync(join(dataDir, f)).mode & 0o777).toBe(0o600);
  });

  it('has new material in another data dir: old MACs differ, old ciphertexts do not decrypt', async () => {
    const before = await mac('440308199001011239');
    const { CiphertextBlob } = await encrypt('kept');
    await restart(join(root, 'elsewhere'));
    try {
      expect(await mac('440308199001011239')).not.toBe(before);
      expect(await rejection(kms.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: context })))).toBeInstanceOf(
        InvalidCiphertextException,
      );
    } finally {
      await restart();
    }
  });
});
