/**
 * End to end on the local platform: delivery of insurer events through both channels, with
 * claim.filed CloudEvents put on the domain bus the way the claims consumer publishes them
 * (shared/events/publisher.ts; Detail = the CloudEvent).
 *
 *   (a) queue: the demo insurer of cdk.json reads its own queue with a plain
 *       @aws-sdk/client-sqs client; the body is the CloudEvent, exactly; another insurer's
 *       event never lands there.
 *   (b) webhook: insurers register receivers on 127.0.0.1 (dev allows loopback). Every
 *       request verifies with the standardwebhooks library. A receiver that fails three
 *       times and then answers applies the event once, deduplicating on webhook-id, though
 *       it got four requests; a receiver that never answers ends in the webhook DLQ (after
 *       5 attempts of 3 s on the dev schedule 1, 2, 4, 8 s) with the WebhookDeadLettered
 *       metric logged; `anxin dlq redrive` sends it back and, the receiver answering now, it
 *       is delivered.
 *
 * Every wait polls a condition with a deadline.
 */
import { conformingFetch } from '../support/openapi-conformance';
import { execFile } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { DeleteMessageCommand, GetQueueAttributesCommand, GetQueueUrlCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey, createTenant } from '../../shared/admin/onboarding';
import { CLAIM_EVENT_SOURCE, CLAIM_EVENT_TYPES } from '../../shared/events/claim-event-types';
import { buildCloudEvent, type CloudEvent } from '../../shared/events/cloudevent';
import { publishEvents } from '../../shared/events/publisher';
import { newTenantId } from '../../shared/lib/ids';
import { eventually, logLine, startTestPlatform, type TestPlatform } from '../support/platform';

const run = promisify(execFile);
const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
const BUS = 'anxin-dev-events';

let platform: TestPlatform;
let sqs: SQSClient;
let events: EventBridgeClient;
let enterpriseId: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  sqs = new SQSClient({ endpoint: platform.sqsEndpoint, region: 'us-east-1', credentials: CREDENTIALS });
  events = new EventBridgeClient({ endpoint: platform.eventsEndpoint, region: 'us-east-1', credentials: CREDENTIALS });
  enterpriseId = (await createTenant(platform.store, { name: '投保企业', role: 'enterprise' })).tenantId;
});
afterAll(async () => {
  sqs?.destroy();
  events?.destroy();
  await platform?.close();
});

let seq = 0;
/** A claim.filed CloudEvent for `insurerId`, as the claims consumer would publish it: ids and facts only. */
function claimFiled(insurerId: string): CloudEvent {
  const n = ++seq;
  const id = `evt_${String(Date.now()).padStart(16, '0')}E2E${String(n).padStart(7, '0')}`;
  return buildCloudEvent({
    id,
    source: CLAIM_EVENT_SOURCE('dev'),
    type: CLAIM_EVENT_TYPES.filed,
    subject: `clm_${id.slice(4)}`,
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    extensions: { anxininsurer: insurerId, anxintenant: enterpriseId, anxintraceseq: 1 },
    data: { claimId: `clm_${id.slice(4)}`, claimType: 'worker-accident', amountClaimedFen: 350_000 },
  });
}

const publish = (event: CloudEvent) => publishEvents([event], { eventBusName: BUS, client: events });

async function insurerWithKey(name: string): Promise<{ tenantId: string; apiKey: string }> {
  const tenant = await createTenant(platform.store, { name, role: 'insurer', tenantId: newTenantId() });
  return { tenantId: tenant.tenantId, apiKey: (await createKey(platform.store, tenant.tenantId)).apiKey };
}

async function api(method: string, path: string, key: string, body?: unknown) {
  const res = await conformingFetch(`${platform.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: res.status === 204 ? undefined : ((await res.json()) as Record<string, string>) };
}

async function queueCounts(name: string): Promise<{ visible: number; inFlight: number }> {
  const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: name }));
  const out = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
  return { visible: Number(out.Attributes!.ApproximateNumberOfMessages), inFlight: Number(out.Attributes!.ApproximateNumberOfMessagesNotVisible) };
}

describe('(a) the insurer reads its own queue', () => {
  it('the demo insurer of cdk.json is seeded with its fixed tenant id, a key and its queue', () => {
    expect(platform.insurers).toEqual([
      {
        name: 'demo',
        tenantId: 'ten_00000000000000000000DEM001',
        apiKey: expect.stringMatching(/^ak_key_/),
        queueUrl: `${platform.sqsEndpoint}/000000000000/anxin-dev-insurer-demo`,
        dlqUrl: `${platform.sqsEndpoint}/000000000000/anxin-dev-insurer-demo-dlq`,
      },
    ]);
  });

  it('gets claim.filed with a plain SQS client: the body is exactly the CloudEvent; other insurers\' events are not there', async () => {
    const demo = platform.insurers[0]!;
    const other = claimFiled(newTenantId());
    const mine = claimFiled(demo.tenantId);
    await publish(other);
    await publish(mine);

    // What an insurer's own code does: long-poll, read, process, delete.
    const insurer = new SQSClient({ endpoint: platform.sqsEndpoint, region: 'us-east-1', credentials: CREDENTIALS });
    try {
      const received = await eventually(async () => {
        const out = await insurer.send(new ReceiveMessageCommand({ QueueUrl: demo.queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 2 }));
        return out.Messages?.length ? out.Messages : undefined;
      }, 20_000, 'the event on the insurer queue');
      expect(received).toHaveLength(1);
      expect(JSON.parse(received[0]!.Body!)).toEqual(mine);
      expect(received[0]!.Body).toBe(JSON.stringify(mine));
      await insurer.send(new DeleteMessageCommand({ QueueUrl: demo.queueUrl, ReceiptHandle: received[0]!.ReceiptHandle }));
      expect(await queueCounts('anxin-dev-insurer-demo')).toEqual({ visible: 0, inFlight: 0 });
    } finally {
      insurer.destroy();
    }
  });
});

/** A webhook receiver on 127.0.0.1 that verifies every request and applies each webhook-id once. */
class Receiver {
  server!: Server;
  url = '';
  secret = '';
  readonly requests: { id: string; verified: boolean; status: number }[] = [];
  /** webhook-id → times applied (1 for each: the dedupe holds). */
  readonly applied = new Map<string, number>();
  private readonly held: ServerResponse[] = [];

  constructor(private answer: (requestNumber: number) => number | 'never') {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/anxin/webhook`;
    return this;
  }

  answerWith(answer: (requestNumber: number) => number | 'never'): void {
    this.answer = answer;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const id = String(req.headers['webhook-id']);
      let verified = false;
      try {
        new Webhook(this.secret).verify(raw, req.headers as Record<string, string>);
        verified = true;
      } catch {
        verified = false;
      }
      // Apply first (then maybe fail to answer, as a crashing receiver would); a webhook-id
      // seen before is not applied again — the dedupe every receiver needs.
      if (verified && !this.applied.has(id)) this.applied.set(id, 1);
      const answer = verified ? this.answer(this.requests.length + 1) : 401;
      this.requests.push({ id, verified, status: answer === 'never' ? 0 : answer });
      if (answer === 'never') this.held.push(res);
      else res.writeHead(answer).end();
    });
  }

  async close(): Promise<void> {
    for (const res of this.held) res.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

// Concurrent: each test has its own insurer and receiver, and most of their time is the retry schedule's waiting.
describe.concurrent('(b) webhooks', () => {
  const receivers: Receiver[] = [];
  let subscribed = 0;
  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.close()));
  });

  async function subscribe(answer: (n: number) => number | 'never') {
    const insurer = await insurerWithKey(`webhook insurer ${++subscribed}`);
    const receiver = await new Receiver(answer).start();
    receivers.push(receiver);
    const res = await api('PUT', '/v1/webhook', insurer.apiKey, { url: receiver.url });
    expect(res.status).toBe(201);
    receiver.secret = res.body!.secret!;
    return { insurer, receiver };
  }

  it('registration over HTTP: the secret once, GET without it, other roles 403', async () => {
    const { insurer, receiver } = await subscribe(() => 204);
    const got = await api('GET', '/v1/webhook', insurer.apiKey);
    expect(got).toMatchObject({ status: 200, body: { url: receiver.url } });
    expect(JSON.stringify(got.body)).not.toContain('whsec_');
    expect((await api('PUT', '/v1/webhook', platform.keys.enterprise, { url: receiver.url })).status).toBe(403);
    expect((await api('GET', '/v1/webhook', platform.keys.enterprise)).status).toBe(403);
  });

  it('fails three times, then answers: four signed requests for one webhook-id, applied once', async () => {
    const { insurer, receiver } = await subscribe((n) => (n <= 3 ? 500 : 204));
    const event = claimFiled(insurer.tenantId);
    const started = Date.now();
    await publish(event);
    await eventually(async () => (receiver.requests.some((r) => r.status === 204) ? true : undefined), 30_000, 'the fourth attempt');
    expect(receiver.requests).toEqual([1, 2, 3, 4].map((n) => ({ id: event.id, verified: true, status: n <= 3 ? 500 : 204 })));
    expect(receiver.applied).toEqual(new Map([[event.id, 1]]));
    // Retries after 1, 2 and 4 s (dev schedule): the fourth attempt comes after ~7 s, not sooner.
    expect(Date.now() - started).toBeGreaterThanOrEqual(7_000);
    const delivered = await logLine(platform.logs, (l) => l.includes('webhook delivered') && l.includes(event.id), 'the delivery');
    expect(delivered).toMatch(/"attempt":4/);
  });

  it('never answers, then fails: dead-lettered after 5 attempts (metric WebhookDeadLettered), redriven by `anxin dlq redrive`, then delivered', async () => {
    // The first attempt hangs until the attempt timeout; the other four fail at once (a
    // receiver that never answers five times only waits the same timeout four times more).
    const { insurer, receiver } = await subscribe((n) => (n === 1 ? 'never' : 503));
    const event = claimFiled(insurer.tenantId);
    await publish(event);

    const dlq = await eventually(async () => {
      const counts = await queueCounts('anxin-dev-webhooks-dlq');
      return counts.visible > 0 ? counts : undefined;
    }, 60_000, 'the message in the webhook DLQ');
    expect(dlq.visible).toBe(1);
    expect(receiver.requests).toEqual([0, 503, 503, 503, 503].map((status) => ({ id: event.id, verified: true, status })));
    const emf = await logLine(platform.logs, (l) => l.includes('"WebhookDeadLettered"') && l.includes(event.id), 'the EMF of the dead letter');
    expect(JSON.parse(emf.slice(emf.indexOf('{')))).toMatchObject({
      _aws: { CloudWatchMetrics: [{ Namespace: 'Anxin', Metrics: [{ Name: 'WebhookDeadLettered', Unit: 'Count' }] }] },
      WebhookDeadLettered: 1,
      eventId: event.id,
      insurer: insurer.tenantId,
    });
    await logLine(platform.logs, (l) => l.includes('webhook dead-lettered') && l.includes(event.id), 'the dead letter');

    // The operator sees it, fixes the receiver, and redrives with the CLI.
    const cli = (...args: string[]) => run('node', ['bin/anxin.mjs', 'dlq', ...args, '--data-dir', platform.dataDir], { encoding: 'utf8', timeout: 60_000 });
    const listed = JSON.parse((await cli('list', '--json')).stdout) as { name: string; messages: number; sources: { name: string; maxReceiveCount: number }[] }[];
    expect(listed.find((d) => d.name === 'anxin-dev-webhooks-dlq')).toMatchObject({ messages: 1, sources: [{ name: 'anxin-dev-webhooks', maxReceiveCount: 5 }] });
    expect(listed.map((d) => d.name)).toEqual(expect.arrayContaining(['anxin-dev-insurer-demo-dlq', 'anxin-dev-orders-dlq.fifo']));

    receiver.answerWith(() => 200);
    const redrive = await cli('redrive', 'anxin-dev-webhooks-dlq', '--wait');
    expect(redrive.stdout).toMatch(/redrive of anxin-dev-webhooks-dlq to anxin-dev-webhooks: COMPLETED, 1 message\(s\) moved/);
    await eventually(async () => (receiver.requests.some((r) => r.status === 200) ? true : undefined), 20_000, 'the redriven delivery');
    expect(receiver.requests.at(-1)).toEqual({ id: event.id, verified: true, status: 200 });
    expect(receiver.applied).toEqual(new Map([[event.id, 1]]));
    expect(await queueCounts('anxin-dev-webhooks-dlq')).toEqual({ visible: 0, inFlight: 0 });
  }, 120_000);
});
