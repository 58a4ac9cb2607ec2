/**
 * services/webhook-dispatch.ts with its dependencies faked (no network, no SQS): what one
 * attempt does — sign and POST, or nothing without a subscription — and what a failure
 * leads to: the next delay of the schedule as the message's visibility, or on the last
 * attempt the dead letter (logged, metric, visible at once so SQS moves it).
 */
import type { SQSRecord } from 'aws-lambda';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { dispatchWebhookRecord, readWebhookEvent, WebhookAttemptFailedError, WEBHOOK_CONTENT_TYPE, type DeliveryLog, type DispatchDeps } from '../../shared/services/webhook-dispatch';
import type { WebhookSubscription } from '../../shared/store/webhooks-repository';
import type { AttemptResult, PostOptions } from '../../shared/webhooks/deliver';
import { newSigningSecret } from '../../shared/webhooks/signing';

const INSURER = 'ten_00000000000000000000DEM001';
const NOW = new Date();
const event = { specversion: '1.0', id: 'evt_01TESTTESTTESTTESTTESTTEST', source: '/anxin/dev/claims', type: 'cn.anxin.claim.filed.v1', anxininsurer: INSURER, data: { claimId: 'clm_1' } };
const body = JSON.stringify(event);

const record = (receiveCount: number, text = body): SQSRecord =>
  ({
    messageId: 'm-1',
    receiptHandle: 'rh-1',
    body: text,
    attributes: { ApproximateReceiveCount: String(receiveCount) },
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:anxin-dev-webhooks',
  }) as unknown as SQSRecord;

function harness(opts: { subscription?: Partial<WebhookSubscription> | null; answer?: AttemptResult } = {}) {
  const secrets = { current: newSigningSecret(), previous: newSigningSecret() };
  const posts: { url: string; body: string; opts: PostOptions }[] = [];
  const visibility: number[] = [];
  const logs: { kind: string; info: DeliveryLog }[] = [];
  const sub: WebhookSubscription | undefined =
    opts.subscription === null
      ? undefined
      : { tenantId: INSURER, url: 'https://hooks.example.com/anxin', secretCiphertext: 'ct-current', createdAt: '', secretIssuedAt: '', version: 1, ...opts.subscription };
  const deps: DispatchDeps = {
    settings: { retryDelaysSeconds: [1, 2, 4, 8], attemptTimeoutSeconds: 3, allowLoopback: false },
    subscription: async (tenantId) => (tenantId === INSURER ? sub : undefined),
    decrypt: async (ciphertext) => (ciphertext === 'ct-current' ? secrets.current : secrets.previous),
    post: async (url, b, o) => {
      posts.push({ url, body: b, opts: o });
      return opts.answer ?? { ok: true, status: 204 };
    },
    setVisibility: async (_r, seconds) => void visibility.push(seconds),
    now: () => NOW,
    delivered: (info) => logs.push({ kind: 'delivered', info }),
    failed: (info) => logs.push({ kind: 'failed', info }),
    deadLettered: (info) => logs.push({ kind: 'dead-lettered', info }),
  };
  return { deps, posts, visibility, logs, secrets };
}

const failure = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error as WebhookAttemptFailedError;
  }
  throw new Error('expected the attempt to fail');
};

describe('one webhook attempt', () => {
  it('POSTs the body as it came, signed (webhook-id = the CloudEvent id), within the attempt timeout', async () => {
    const h = harness();
    expect(await dispatchWebhookRecord(record(1), h.deps)).toBe('delivered');
    expect(h.posts).toHaveLength(1);
    const [post] = h.posts;
    expect(post!.url).toBe('https://hooks.example.com/anxin');
    expect(post!.body).toBe(body);
    expect(post!.opts).toMatchObject({ timeoutMs: 3000, allowLoopback: false });
    expect(post!.opts.headers).toMatchObject({ 'webhook-id': event.id, 'content-type': WEBHOOK_CONTENT_TYPE, 'webhook-timestamp': String(Math.floor(NOW.getTime() / 1000)) });
    expect(new Webhook(h.secrets.current).verify(post!.body, post!.opts.headers)).toEqual(event);
    expect(h.visibility).toEqual([]);
    expect(h.logs).toEqual([{ kind: 'delivered', info: expect.objectContaining({ eventId: event.id, insurer: INSURER, attempt: 1, attempts: 5, host: 'hooks.example.com', status: 204 }) }]);
  });

  it('does nothing, successfully, for an insurer without a webhook', async () => {
    const h = harness({ subscription: null });
    expect(await dispatchWebhookRecord(record(1), h.deps)).toBe('no-subscription');
    expect(h.posts).toEqual([]);
    expect(h.visibility).toEqual([]);
  });

  it('signs with the previous secret too while its grace period lasts, and only then', async () => {
    const grace = harness({ subscription: { previousSecretCiphertext: 'ct-previous', previousSecretExpiresAt: new Date(NOW.getTime() + 60_000).toISOString() } });
    await dispatchWebhookRecord(record(1), grace.deps);
    const headers = grace.posts[0]!.opts.headers;
    expect(headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(new Webhook(grace.secrets.previous).verify(body, headers)).toEqual(event);
    expect(new Webhook(grace.secrets.current).verify(body, headers)).toEqual(event);

    const over = harness({ subscription: { previousSecretCiphertext: 'ct-previous', previousSecretExpiresAt: new Date(NOW.getTime() - 1).toISOString() } });
    await dispatchWebhookRecord(record(1), over.deps);
    expect(over.posts[0]!.opts.headers['webhook-signature']!.split(' ')).toHaveLength(1);
  });
});

describe('after a failed attempt', () => {
  it.each([
    [1, 1],
    [2, 2],
    [3, 4],
    [4, 8],
  ])('attempt %i of 5: the message becomes visible again in %i s, and the record is reported failed', async (attempt, delay) => {
    const h = harness({ answer: { ok: false, status: 503, error: 'HTTP 503' } });
    const error = await failure(dispatchWebhookRecord(record(attempt), h.deps));
    expect(error).toBeInstanceOf(WebhookAttemptFailedError);
    expect(h.visibility).toEqual([delay]);
    expect(h.logs).toEqual([{ kind: 'failed', info: expect.objectContaining({ attempt, attempts: 5, status: 503, error: 'HTTP 503', nextAttemptInSeconds: delay }) }]);
  });

  it('the last attempt (5 of 5): dead-lettered — reported, visible at once so SQS moves it to the DLQ', async () => {
    const h = harness({ answer: { ok: false, error: 'no answer within 3000 ms' } });
    await failure(dispatchWebhookRecord(record(5), h.deps));
    expect(h.visibility).toEqual([0]);
    expect(h.logs).toEqual([{ kind: 'dead-lettered', info: expect.objectContaining({ eventId: event.id, insurer: INSURER, attempt: 5, attempts: 5, error: 'no answer within 3000 ms' }) }]);
  });

  it('our own failures (a decrypt that throws) follow the same schedule', async () => {
    const h = harness();
    h.deps.decrypt = async () => {
      throw new Error('ThrottlingException');
    };
    await failure(dispatchWebhookRecord(record(2), h.deps));
    expect(h.posts).toEqual([]);
    expect(h.visibility).toEqual([2]);
  });

  it('an unreadable message is failed too (and dead-lettered in the end), never posted', async () => {
    const h = harness();
    await failure(dispatchWebhookRecord(record(5, '{"not":"a cloudevent"}'), h.deps));
    expect(h.posts).toEqual([]);
    expect(h.logs[0]).toMatchObject({ kind: 'dead-lettered', info: { eventId: undefined, error: expect.stringMatching(/not a CloudEvent/) } });
  });

  it('a visibility change that fails still fails the record (the queue timeout brings it back)', async () => {
    const h = harness({ answer: { ok: false, status: 500, error: 'HTTP 500' } });
    h.deps.setVisibility = async () => {
      throw new Error('ReceiptHandleIsInvalid');
    };
    await failure(dispatchWebhookRecord(record(1), h.deps));
    expect(h.logs.map((l) => l.kind)).toEqual(['failed', 'failed']);
    expect(h.logs[1]!.info.error).toMatch(/could not schedule the retry: ReceiptHandleIsInvalid/);
  });
});

describe('readWebhookEvent', () => {
  it('needs an id and an insurer tenant id', () => {
    expect(readWebhookEvent(body)).toEqual({ id: event.id, insurer: INSURER });
    expect(readWebhookEvent('not json')).toBeUndefined();
    expect(readWebhookEvent(JSON.stringify({ ...event, anxininsurer: 'ten_x' }))).toBeUndefined();
    expect(readWebhookEvent(JSON.stringify({ ...event, id: '' }))).toBeUndefined();
  });
});
