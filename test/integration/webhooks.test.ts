/**
 * The insurers' webhook subscription through the route handlers, against DynamoDB Local and
 * the local KMS endpoint: register (201, the secret once, stored only encrypted under the
 * tenant's encryption context), read (never the secret), re-register (200, a rotated
 * secret, the previous one kept for the grace period), delete; insurers only (403 for the
 * other roles); each insurer sees only its own; invalid URLs (422 on /url) store nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DecryptCommand, InvalidCiphertextException } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKmsServer, type KmsServer } from '../../local/kms';
import type { Caller } from '../../shared/auth/roles';
import { keys } from '../../shared/store/keys';
import { WEBHOOK_ENV } from '../../shared/webhooks/settings';
import { kmsClient, KMS_ACCOUNT, KMS_REGION, rejection, testKey } from '../support/kms';
import { startRouteHarness, type RouteHarness } from '../support/route-harness';

const KEY = testKey('dddddddd-4444-4444-a444-444444444444', 'SYMMETRIC_DEFAULT', ['alias/anxin-test-webhook-secrets']);
const INSURER_A: Caller = { tenantId: 'ten_01JWHKINSURERAAAAAAAAAAAAA', role: 'insurer', keyId: 'key_ia' };
const INSURER_B: Caller = { tenantId: 'ten_01JWHKINSURERBBBBBBBBBBBBB', role: 'insurer', keyId: 'key_ib' };
const INSURER_C: Caller = { tenantId: 'ten_01JWHKINSURERCCCCCCCCCCCCC', role: 'insurer', keyId: 'key_ic' };
const ENTERPRISE: Caller = { tenantId: 'ten_01JWHKENTERPRISEXXXXXXXXXX', role: 'enterprise', keyId: 'key_e' };
const ADMIN: Caller = { tenantId: 'ten_01JWHKADMINXXXXXXXXXXXXXXX', role: 'admin', keyId: 'key_ad' };

const dataDir = mkdtempSync(join(tmpdir(), 'anxin-webhooks-'));
let kms: KmsServer;
let h: RouteHarness;

beforeAll(async () => {
  kms = await startKmsServer({ port: 0, dataDir, region: KMS_REGION, accountId: KMS_ACCOUNT, keys: [KEY] });
  h = await startRouteHarness();
  // What the template gives the webhook routes (dev: loopback receivers allowed); read at import.
  Object.assign(process.env, { AWS_ENDPOINT_URL_KMS: kms.endpoint, [WEBHOOK_ENV.secretsKey]: KEY.arn, [WEBHOOK_ENV.allowLoopback]: 'true' });
});
afterAll(async () => {
  await h?.close();
  await kms?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const put = (caller: Caller, body: unknown) => h.call(caller, 'PUT /v1/webhook', { body });
const get = (caller: Caller) => h.call(caller, 'GET /v1/webhook');
const del = (caller: Caller) => h.call(caller, 'DELETE /v1/webhook');
const stored = async (tenantId: string) =>
  (await h.store.doc.send(new GetCommand({ TableName: h.store.tableName, Key: keys.webhook(tenantId), ConsistentRead: true }))).Item;
const decrypt = async (ciphertext: string, tenantId: string) =>
  Buffer.from(
    (await kmsClient(kms.endpoint).send(new DecryptCommand({ CiphertextBlob: Buffer.from(ciphertext, 'base64'), EncryptionContext: { tenantId }, KeyId: KEY.arn }))).Plaintext!,
  ).toString('utf8');

describe('an insurer registers its webhook', () => {
  it('201 with the URL and a whsec_ secret shown once (no-store); stored only as a KMS ciphertext under { tenantId }', async () => {
    const res = await put(INSURER_A, { url: 'https://hooks.example.com/anxin' });
    expect(res.status).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({ url: 'https://hooks.example.com/anxin', secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/), createdAt: expect.any(String), secretIssuedAt: res.body.createdAt });

    const item = (await stored(INSURER_A.tenantId))!;
    expect(JSON.stringify(item)).not.toContain(res.body.secret.slice(6));
    expect(await decrypt(item.secretCiphertext, INSURER_A.tenantId)).toBe(res.body.secret);
    expect(await rejection(decrypt(item.secretCiphertext, INSURER_B.tenantId))).toBeInstanceOf(InvalidCiphertextException);
  });

  it('GET shows the URL and dates, never the secret', async () => {
    const res = await get(INSURER_A);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ url: 'https://hooks.example.com/anxin', createdAt: expect.any(String), secretIssuedAt: expect.any(String) });
  });

  it('a second PUT rotates: 200, a new secret, the previous one kept (encrypted) for 24 h, createdAt unchanged', async () => {
    const before = (await stored(INSURER_A.tenantId))!;
    const res = await put(INSURER_A, { url: 'https://hooks.example.com/anxin/v2' });
    expect(res.status).toBe(200);
    expect(res.body.url).toBe('https://hooks.example.com/anxin/v2');
    expect(res.body.createdAt).toBe(before.createdAt);
    const after = (await stored(INSURER_A.tenantId))!;
    expect(after.version).toBe(before.version + 1);
    expect(after.previousSecretCiphertext).toBe(before.secretCiphertext);
    expect(await decrypt(after.secretCiphertext, INSURER_A.tenantId)).toBe(res.body.secret);
    const graceHours = (Date.parse(after.previousSecretExpiresAt) - Date.parse(after.secretIssuedAt)) / 3_600_000;
    expect(graceHours).toBe(24);
    expect((await get(INSURER_A)).body.previousSecretExpiresAt).toBe(after.previousSecretExpiresAt);
  });

  it('accepts a loopback receiver where the stage allows it (dev)', async () => {
    expect((await put(INSURER_C, { url: 'http://127.0.0.1:8787/anxin' })).status).toBe(201);
  });
});

describe('invalid requests store nothing', () => {
  it.each([
    ['http://hooks.example.com/x', /https/],
    ['https://u:p@hooks.example.com/x', /credentials/],
    ['https://169.254.169.254/latest', /public address/],
    ['not a url', /absolute URL/],
  ])('422 on /url for %s', async (url, detail) => {
    const res = await put(INSURER_B, { url });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.body).toMatchObject({ type: '/problems/validation-error', errors: [{ pointer: '/url', detail: expect.stringMatching(detail) }] });
    expect(await stored(INSURER_B.tenantId)).toBeUndefined();
  });

  it('422 for unknown fields or a missing url', async () => {
    expect((await put(INSURER_B, { url: 'https://hooks.example.com/x', secret: 'mine' })).status).toBe(422);
    expect((await put(INSURER_B, {})).status).toBe(422);
    expect(await stored(INSURER_B.tenantId)).toBeUndefined();
  });
});

describe('isolation and roles', () => {
  it('each insurer sees and deletes only its own: B has none (404)', async () => {
    expect((await get(INSURER_B)).status).toBe(404);
    expect((await del(INSURER_B)).status).toBe(404);
    expect((await get(INSURER_A)).status).toBe(200);
  });

  it.each([ENTERPRISE, ADMIN])('403 for the $role role on every webhook route', async (caller) => {
    for (const res of [await put(caller, { url: 'https://hooks.example.com/x' }), await get(caller), await del(caller)]) {
      expect(res.status).toBe(403);
      expect(res.body.type).toBe('/problems/forbidden');
    }
    expect(await stored(caller.tenantId)).toBeUndefined();
  });
});

describe('delete', () => {
  it('204, then 404 for GET and DELETE; a new PUT starts over (201)', async () => {
    expect((await del(INSURER_A)).status).toBe(204);
    expect(await stored(INSURER_A.tenantId)).toBeUndefined();
    expect((await get(INSURER_A)).status).toBe(404);
    expect((await del(INSURER_A)).status).toBe(404);
    expect((await put(INSURER_A, { url: 'https://hooks.example.com/again' })).status).toBe(201);
  });
});
