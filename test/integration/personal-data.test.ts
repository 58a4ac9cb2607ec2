/**
 * shared/crypto/personal-data.ts against the local KMS endpoint, configured ONLY through
 * the environment a function gets (AWS_ENDPOINT_URL_KMS, region, credentials, key ids):
 * the module is imported after the environment is set, exactly as in a worker thread.
 */
import { EncryptCommand, IncorrectKeyException, InvalidCiphertextException, KMSClient } from '@aws-sdk/client-kms';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKmsServer, type KmsServer } from '../../local/kms';
import { KMS_ACCOUNT, KMS_REGION, rejection, testKey } from '../support/kms';

const DATA = testKey('aaaaaaaa-1111-4111-a111-111111111111', 'SYMMETRIC_DEFAULT', ['alias/anxin-test-personal-data']);
const HMAC = testKey('bbbbbbbb-2222-4222-a222-222222222222', 'HMAC_256', ['alias/anxin-test-personal-data-hmac']);
const OTHER = testKey('cccccccc-3333-4333-a333-333333333333', 'SYMMETRIC_DEFAULT');

const dataDir = mkdtempSync(join(tmpdir(), 'anxin-personal-data-'));
let server: KmsServer;
let crypto: typeof import('../../shared/crypto/personal-data');

beforeAll(async () => {
  server = await startKmsServer({ port: 0, dataDir, region: KMS_REGION, accountId: KMS_ACCOUNT, keys: [DATA, HMAC, OTHER] });
  // What the platform and the template give a function (vitest runs each file in its own process).
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_KMS: server.endpoint,
    AWS_REGION: KMS_REGION,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_SESSION_TOKEN: 'local',
    PERSONAL_DATA_KEY_ID: DATA.arn,
    PERSONAL_DATA_HMAC_KEY_ID: HMAC.arn,
  });
  crypto = await import('../../shared/crypto/personal-data');
});
afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const ID = '440308199001011239';
const tenantA = { purpose: 'id-number', tenant: 'ten_A' };

describe('encryptPersonalData / decryptPersonalData', () => {
  it('round-trips through the local KMS, the ciphertext being base64 without the plaintext', async () => {
    const ciphertext = await crypto.encryptPersonalData(ID, tenantA);
    expect(ciphertext).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(ciphertext, 'base64').toString('latin1')).not.toContain(ID);
    expect(await crypto.decryptPersonalData(ciphertext, tenantA)).toBe(ID);
    expect(await crypto.decryptPersonalData(await crypto.encryptPersonalData('王小明', { purpose: 'name' }), { purpose: 'name' })).toBe('王小明');
  });

  it('does not decrypt under another tenant or purpose (InvalidCiphertextException)', async () => {
    const ciphertext = await crypto.encryptPersonalData(ID, tenantA);
    for (const context of [{ purpose: 'id-number', tenant: 'ten_B' }, { purpose: 'name', tenant: 'ten_A' }]) {
      expect(await rejection(crypto.decryptPersonalData(ciphertext, context))).toBeInstanceOf(InvalidCiphertextException);
    }
  });

  it('refuses a ciphertext made under another key (IncorrectKeyException), even with the right context', async () => {
    const other = new KMSClient({}); // configured by the same environment
    const out = await other.send(new EncryptCommand({ KeyId: OTHER.keyId, Plaintext: Buffer.from(ID), EncryptionContext: tenantA }));
    other.destroy();
    const error = await rejection(crypto.decryptPersonalData(Buffer.from(out.CiphertextBlob!).toString('base64'), tenantA));
    expect(error).toBeInstanceOf(IncorrectKeyException);
  });

  it('requires a purpose in the context', async () => {
    await expect(crypto.encryptPersonalData(ID, { tenant: 'ten_A' })).rejects.toThrow(TypeError);
    await expect(crypto.decryptPersonalData('AAAA', {} as never)).rejects.toThrow(TypeError);
  });
});

describe('lookupHash', () => {
  it('is a stable hex HMAC-SHA-256 of the normalized value', async () => {
    const h = await crypto.lookupHash(ID, 'id-number');
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(await crypto.lookupHash(ID, 'id-number')).toBe(h);
    expect(await crypto.lookupHash(` ${ID} `, 'id-number')).toBe(h);
    // Full-width digits and a lower-case check character normalize to the same value.
    expect(await crypto.lookupHash('１１０１０５１９４９１２３１００２x', 'id-number')).toBe(await crypto.lookupHash('11010519491231002X', 'id-number'));
    expect(await crypto.lookupHash('440308199001011230', 'id-number')).not.toBe(h);
  });

  it('separates purposes, and refuses empty values and odd purposes', async () => {
    expect(await crypto.lookupHash(ID, 'phone')).not.toBe(await crypto.lookupHash(ID, 'id-number'));
    await expect(crypto.lookupHash('   ', 'id-number')).rejects.toThrow(TypeError);
    await expect(crypto.lookupHash(ID, 'ID:number')).rejects.toThrow(TypeError);
  });

  it('stays the same after the KMS endpoint restarts on the same data dir (lookups keep working)', async () => {
    const before = await crypto.lookupHash(ID, 'id-number');
    // Same port: the module's client keeps the endpoint it read from the environment.
    const port = server.port;
    await server.close();
    server = await startKmsServer({ port, dataDir, region: KMS_REGION, accountId: KMS_ACCOUNT, keys: [DATA, HMAC, OTHER] });
    expect(await crypto.lookupHash(ID, 'id-number')).toBe(before);
  });
});

describe('normalizeForLookup', () => {
  it.each([
    ['11010519491231002x', '11010519491231002X'],
    [' 4403 0819 9001 0112 39 ', '440308199001011239'],
    ['１２３ＡＢｃ', '123ABC'],
  ])('%s → %s', (input, expected) => expect(crypto.normalizeForLookup(input)).toBe(expected));
});
