/**
 * The pure rules of webhook delivery: which URLs may be registered (per stage), which
 * addresses a delivery may connect to, the retry schedule (attempt n → its delay, the last
 * attempt → dead letter), the settings' trip through the environment, and Standard
 * Webhooks signatures verified with the reference library's Webhook.verify.
 */
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { stageConfig } from '../../infra/config';
import { addressKind, isDeliverableAddress } from '../../shared/webhooks/addresses';
import { afterFailedAttempt, attemptStartTimes } from '../../shared/webhooks/retry-schedule';
import { readWebhookSettings, STANDARD_WEBHOOKS_RETRY_DELAYS_SECONDS, webhookAttempts, webhookDispatcherEnv } from '../../shared/webhooks/settings';
import { newSigningSecret, signWebhook } from '../../shared/webhooks/signing';
import { checkWebhookUrl } from '../../shared/webhooks/url-rules';

const dev = { allowLoopback: true };
const prod = { allowLoopback: false };

describe('webhook URL rules', () => {
  it.each([
    'https://hooks.example.com/anxin',
    'https://hooks.example.com:8443/anxin?token=abc',
    'https://insurer.example.com./hook',
    'https://8.8.8.8/hook',
    'https://[2606:4700:4700::1111]/hook',
  ])('accepts %s in every stage', (url) => {
    expect(checkWebhookUrl(url, prod)).toMatchObject({ ok: true });
    expect(checkWebhookUrl(url, dev)).toMatchObject({ ok: true });
  });

  it.each(['http://127.0.0.1:8787/anxin', 'http://localhost:3000/hook', 'https://localhost/hook', 'http://[::1]:9000/', 'http://127.1.2.3/x'])(
    'accepts the loopback receiver %s only where the stage allows loopback (dev)',
    (url) => {
      expect(checkWebhookUrl(url, dev)).toMatchObject({ ok: true });
      expect(checkWebhookUrl(url, prod)).toEqual({ ok: false, reason: expect.stringMatching(/loopback/) });
    },
  );

  it.each([
    ['http://hooks.example.com/anxin', /https/],
    ['ftp://hooks.example.com/anxin', /https/],
    ['https://user:secret@hooks.example.com/anxin', /credentials/],
    ['https://user@hooks.example.com/anxin', /credentials/],
    ['https://hooks.example.com/anxin#frag', /fragment/],
    ['hooks.example.com/anxin', /absolute URL/],
    ['https://intranet/hook', /public host/],
    ['https://10.0.0.8/hook', /public address/],
    ['https://169.254.169.254/latest/meta-data', /public address/],
    ['https://192.168.1.20/hook', /public address/],
    ['https://[fd00::1]/hook', /public address/],
    ['https://[::ffff:a00:1]/hook', /public address/],
    ['https://0.0.0.0/hook', /public address/],
    [`https://hooks.example.com/${'a'.repeat(2048)}`, /2048/],
  ])('refuses %s', (url, reason) => {
    for (const opts of [dev, prod]) expect(checkWebhookUrl(url, opts)).toEqual({ ok: false, reason: expect.stringMatching(reason) });
  });

  it('sees loopback behind an IPv4-mapped IPv6 literal', () => {
    expect(checkWebhookUrl('https://[::ffff:127.0.0.1]/hook', prod)).toEqual({ ok: false, reason: expect.stringMatching(/loopback/) });
  });

  it('normalizes what it accepts (what is stored is what is called)', () => {
    expect(checkWebhookUrl('HTTPS://Hooks.Example.COM/a/../anxin', prod)).toEqual({ ok: true, url: 'https://hooks.example.com/anxin' });
  });
});

describe('deliverable addresses', () => {
  it('classifies loopback, special-purpose and public addresses', () => {
    expect(addressKind('127.0.0.1')).toBe('loopback');
    expect(addressKind('::1')).toBe('loopback');
    expect(addressKind('::ffff:127.0.0.1')).toBe('loopback');
    for (const a of ['10.1.2.3', '172.20.0.1', '192.168.0.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '255.255.255.255', 'fe80::1', 'fc00::1', '::ffff:10.0.0.1', '::']) {
      expect(addressKind(a), a).toBe('not-public');
    }
    for (const a of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111']) expect(addressKind(a), a).toBe('public');
    expect(addressKind('not-an-ip')).toBe('not-public');
  });

  it('delivers to loopback only when allowed, never to private or link-local addresses', () => {
    expect(isDeliverableAddress('127.0.0.1', true)).toBe(true);
    expect(isDeliverableAddress('127.0.0.1', false)).toBe(false);
    expect(isDeliverableAddress('169.254.169.254', true)).toBe(false);
    expect(isDeliverableAddress('8.8.8.8', false)).toBe(true);
  });
});

describe('retry schedule', () => {
  it('dev: attempts at 0, 1, 3, 7, 15 s; 5 attempts = the queue maxReceiveCount', () => {
    const { webhooks } = stageConfig('dev');
    expect(webhooks.retryDelaysSeconds).toEqual([1, 2, 4, 8]);
    expect(webhookAttempts(webhooks)).toBe(5);
    expect(attemptStartTimes(webhooks.retryDelaysSeconds)).toEqual([0, 1, 3, 7, 15]);
    expect(webhooks).toMatchObject({ attemptTimeoutSeconds: 3, allowLoopback: true });
  });

  it("prod: the Standard Webhooks schedule (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h), 8 attempts, no loopback", () => {
    const { webhooks } = stageConfig('prod');
    expect(webhooks.retryDelaysSeconds).toEqual(STANDARD_WEBHOOKS_RETRY_DELAYS_SECONDS);
    expect(STANDARD_WEBHOOKS_RETRY_DELAYS_SECONDS).toEqual([5, 300, 1800, 7200, 18000, 36000, 36000]);
    expect(webhookAttempts(webhooks)).toBe(8);
    expect(webhooks).toMatchObject({ allowLoopback: false });
    expect(webhooks.attemptTimeoutSeconds).toBeLessThanOrEqual(15);
  });

  it('after a failed attempt n: wait delays[n-1]; after the last: dead letter', () => {
    const delays = [1, 2, 4, 8];
    expect([1, 2, 3, 4].map((n) => afterFailedAttempt(n, delays))).toEqual([
      { kind: 'retry', attempt: 1, attempts: 5, delaySeconds: 1 },
      { kind: 'retry', attempt: 2, attempts: 5, delaySeconds: 2 },
      { kind: 'retry', attempt: 3, attempts: 5, delaySeconds: 4 },
      { kind: 'retry', attempt: 4, attempts: 5, delaySeconds: 8 },
    ]);
    expect(afterFailedAttempt(5, delays)).toEqual({ kind: 'dead-letter', attempt: 5, attempts: 5 });
    // A redelivery beyond the count (SQS counts approximately) is still the end.
    expect(afterFailedAttempt(7, delays)).toMatchObject({ kind: 'dead-letter' });
    // A missing or odd count is treated as the first attempt.
    expect(afterFailedAttempt(Number.NaN, delays)).toMatchObject({ kind: 'retry', attempt: 1, delaySeconds: 1 });
  });

  it('travels to the dispatcher through its environment unchanged', () => {
    for (const stage of ['dev', 'prod'] as const) {
      const { webhooks } = stageConfig(stage);
      expect(readWebhookSettings(webhookDispatcherEnv(webhooks))).toEqual(webhooks);
    }
    expect(() => readWebhookSettings({})).toThrow(/WEBHOOK_RETRY_DELAYS_SECONDS/);
  });
});

describe('Standard Webhooks signatures', () => {
  const payload = JSON.stringify({ specversion: '1.0', id: 'evt_1', type: 'cn.anxin.claim.filed.v1', data: { amountFen: 12000 } });

  it('issues whsec_ secrets of 32 random bytes', () => {
    const secret = newSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(newSigningSecret()).not.toBe(secret);
  });

  it('verifies with the standardwebhooks library (webhook-id = the event id) and parses the payload', () => {
    const secret = newSigningSecret();
    const headers = signWebhook({ id: 'evt_1', timestamp: new Date(), payload, secrets: [secret] });
    expect(headers['webhook-id']).toBe('evt_1');
    expect(headers['webhook-timestamp']).toMatch(/^\d{10}$/);
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(new Webhook(secret).verify(payload, { ...headers })).toEqual(JSON.parse(payload));
  });

  it('fails verification for a changed body, another id, another secret, or an old timestamp', () => {
    const secret = newSigningSecret();
    const headers = { ...signWebhook({ id: 'evt_1', timestamp: new Date(), payload, secrets: [secret] }) };
    const wh = new Webhook(secret);
    expect(() => wh.verify(payload.replace('12000', '99000'), headers)).toThrow(WebhookVerificationError);
    expect(() => wh.verify(payload, { ...headers, 'webhook-id': 'evt_2' })).toThrow(WebhookVerificationError);
    expect(() => new Webhook(newSigningSecret()).verify(payload, headers)).toThrow(WebhookVerificationError);
    const old = { ...signWebhook({ id: 'evt_1', timestamp: new Date(Date.now() - 10 * 60_000), payload, secrets: [secret] }) };
    expect(() => wh.verify(payload, old)).toThrow(/too old/);
  });

  it('during a rotation signs with both secrets: a receiver holding either one verifies', () => {
    const [current, previous] = [newSigningSecret(), newSigningSecret()];
    const headers = { ...signWebhook({ id: 'evt_1', timestamp: new Date(), payload, secrets: [current, previous] }) };
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(current).verify(payload, headers)).toEqual(JSON.parse(payload));
    expect(new Webhook(previous).verify(payload, headers)).toEqual(JSON.parse(payload));
    expect(() => signWebhook({ id: 'x', timestamp: new Date(), payload, secrets: [] })).toThrow();
  });
});
