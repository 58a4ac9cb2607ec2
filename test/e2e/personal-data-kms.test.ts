/**
 * Personal data on the local platform, end to end: keys from the template → the local KMS
 * endpoint → a function in a worker thread whose environment comes from the template
 * (PERSONAL_DATA_KEY_ID / PERSONAL_DATA_HMAC_KEY_ID, set by grantPersonalDataAccess) and
 * the platform (AWS_ENDPOINT_URL_KMS) → shared/crypto/personal-data.ts with no local
 * branch. Lookup hashes survive a platform restart on the same data directory.
 */
import { GenerateMacCommand } from '@aws-sdk/client-kms';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '../../local/platform';
import { kmsClient } from '../support/kms';
import { FREE_PORTS, sharedDynamoDb } from '../support/platform';
import { DATA_KEY_ALIAS, FIXTURE_STAGE, HMAC_KEY_ALIAS, synthPersonalDataApp } from './fixtures/personal-data/app';

const dataDir = mkdtempSync(join(tmpdir(), 'anxin-e2e-personal-data-'));
const platforms: Platform[] = [];

async function start(): Promise<Platform> {
  const platform = await startPlatform({
    synth: synthPersonalDataApp,
    seed: false,
    dataDir,
    ...FREE_PORTS,
    ...sharedDynamoDb(dataDir),
    stage: FIXTURE_STAGE,
    log: () => undefined,
  });
  platforms.push(platform);
  return platform;
}

afterAll(async () => {
  for (const p of platforms) await p.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Protected {
  ciphertext: string;
  roundTrip: boolean;
  masked: string;
  otherTenant: string;
  hash: string;
}

async function protect(platform: Platform, idNumber: string, tenant = 'ten_A'): Promise<Protected> {
  const res = await fetch(`${platform.apiUrl}/protect`, { method: 'POST', body: JSON.stringify({ idNumber, tenant }) });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Protected;
}

const ID = '440308199001011239';

describe('personal data through the local platform', () => {
  let firstHash = '';

  it('encrypts, decrypts, masks and hashes inside a function, with the template keys', async () => {
    const platform = await start();
    expect(platform.topology.keys.map((k) => k.aliases).flat().sort()).toEqual([DATA_KEY_ALIAS, HMAC_KEY_ALIAS]);
    const out = await protect(platform, ID);
    expect(out).toMatchObject({ roundTrip: true, masked: '440308********1239', otherTenant: 'InvalidCiphertextException' });
    expect(out.hash).toMatch(/^[0-9a-f]{64}$/);
    // The function used the template's HMAC key on the platform's endpoint: same MAC from outside.
    const kms = kmsClient(platform.kmsEndpoint);
    const { Mac } = await kms.send(
      new GenerateMacCommand({ KeyId: HMAC_KEY_ALIAS, MacAlgorithm: 'HMAC_SHA_256', Message: Buffer.from(`id-number:${ID}`) }),
    );
    kms.destroy();
    expect(Buffer.from(Mac!).toString('hex')).toBe(out.hash);
    expect((await protect(platform, ID, 'ten_B')).hash).toBe(out.hash);
    expect(readdirSync(join(dataDir, 'kms'))).toHaveLength(2);
    firstHash = out.hash;
  });

  it('keeps lookup hashes after a restart on the same data directory', async () => {
    expect(firstHash).not.toBe('');
    await platforms.pop()!.stop();
    const platform = await start();
    expect((await protect(platform, ID)).hash).toBe(firstHash);
  });
});
