/**
 * Function bundles take their credentials from the environment only (esbuild alias in
 * infra/bundling/esbuild-options.ts): the SDK's default chain and the STS/SSO clients behind
 * it stay out of every bundle, and the replacement answers as the chain's first link does.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { credentialsTreatedAsExpired, defaultProvider } from '../../shared/lib/env-credential-provider';
import { DYNAMODB_CLIENT_MODULE, probeBundleInputs } from '../support/probe-bundle';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe('the credentials a function bundle uses', () => {
  it("leaves the SDK's default chain out of a bundle that constructs a client", () => {
    const inputs = probeBundleInputs(DYNAMODB_CLIENT_MODULE);
    expect(inputs).toContain('shared/lib/env-credential-provider.ts');
    for (const dropped of ['credential-provider-node', 'credential-provider-ini', 'credential-provider-sso', 'nested-clients']) {
      expect(inputs.filter((input) => input.includes(`/@aws-sdk/${dropped}/`)), dropped).toEqual([]);
    }
  });

  it("answers with the environment's credentials, as Lambda sets them", async () => {
    process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret';
    process.env.AWS_SESSION_TOKEN = 'token';
    delete process.env.AWS_CREDENTIAL_EXPIRATION;
    const credentials = await defaultProvider()();
    expect(credentials).toMatchObject({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token' });
    expect(credentialsTreatedAsExpired(credentials)).toBe(false);
  });

  it('fails plainly when the environment has none', async () => {
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    await expect(defaultProvider()()).rejects.toThrow(/environment variable credentials/);
  });

  it('treats credentials within five minutes of expiry as expired, as the chain does', () => {
    const soon = { accessKeyId: 'a', secretAccessKey: 'b', expiration: new Date(Date.now() + 60_000) };
    const later = { ...soon, expiration: new Date(Date.now() + 3_600_000) };
    expect(credentialsTreatedAsExpired(soon)).toBe(true);
    expect(credentialsTreatedAsExpired(later)).toBe(false);
  });
});
