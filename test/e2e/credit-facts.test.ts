/**
 * The credit facts end to end on the local platform, which runs the three stacks the CDK
 * app synthesizes: an order driven over HTTP (posted, assigned, confirmed, checked in on
 * time, checked out, rated by the household) shows up in GET /v1/credit/facts — a route of
 * the programme stack on the API stack's HTTP API — once the credit-facts consumer counted
 * its events. Then copies of already-counted CloudEvents are sent straight into the
 * credit-facts queue, as a redelivery or a replay would: once the queue is empty (and its
 * DLQ too), the counters have not moved. A message that is not a counted order event is
 * refused and counts nothing; `anxin dlq list` shows the DLQ it is headed for. The route's
 * roles and query errors close the file. Every wait polls a condition with a deadline.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { GetQueueAttributesCommand, GetQueueUrlCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey, createTenant } from '../../shared/admin/onboarding';
import { shanghaiMonth } from '../../shared/lib/shanghai-day';
import { addMonths } from '../../shared/domain/credit/period';
import { creditFactsRepository } from '../../shared/store/credit-facts-repository';
import { employmentRepository } from '../../shared/store/employment-repository';
import { certifyWorker } from '../support/certificates';
import { validOrder } from '../support/fixtures';
import { conformingFetch } from '../support/openapi-conformance';
import { eventually, logLines, startTestPlatform, type TestPlatform } from '../support/platform';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response shapes are asserted, not typed
type Json = any;

const QUEUE = 'anxin-dev-credit-facts';
const DLQ = 'anxin-dev-credit-facts-dlq';

let platform: TestPlatform;
let sqs: SQSClient;
let enterpriseKey: string;
let adminKey: string;
let tenantId: string;
let requests = 0;

beforeAll(async () => {
  platform = await startTestPlatform();
  sqs = new SQSClient({ endpoint: platform.sqsEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  enterpriseKey = platform.keys.enterprise;
  adminKey = platform.keys.admin;
  tenantId = (JSON.parse(readFileSync(`${platform.dataDir}/local.json`, 'utf8')) as { tenants: { enterprise: string } }).tenants.enterprise;
});
afterAll(async () => {
  sqs?.destroy();
  await platform?.close();
});

async function api(path: string, init: { method?: string; key?: string; body?: unknown } = {}): Promise<{ status: number; body: Json }> {
  const headers: Record<string, string> = {};
  if (init.key) headers.authorization = `Bearer ${init.key}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.method === 'POST' && init.key) headers['idempotency-key'] = `e2e-credit-facts-${process.pid}-${++requests}`;
  const res = await conformingFetch(`${platform.apiUrl}${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const post = (path: string, body: unknown = {}, key = enterpriseKey) => api(path, { method: 'POST', key, body });

/** Waits until an accepted command is applied. */
async function applied(eventId: string): Promise<void> {
  const event = await eventually(async () => {
    const found = (await api(`/v1/events/${eventId}`, { key: enterpriseKey })).body;
    return found?.status === 'accepted' ? undefined : found;
  }, 20_000, `event ${eventId} to settle`);
  expect(event.status, JSON.stringify(event)).toBe('applied');
}

async function command(orderId: string, name: string, body: unknown = {}): Promise<string> {
  const res = await post(`/v1/orders/${orderId}/${name}`, body);
  expect(res.status, `${name}: ${JSON.stringify(res.body)}`).toBe(202);
  await applied(res.body.eventId);
  return res.body.eventId;
}

// The counters land in the Shanghai month of each event's time (when its command was
// accepted, i.e. now): the range around it covers a run that crosses a month's end.
const thisMonth = shanghaiMonth(new Date());
const range = `from=${addMonths(thisMonth, -1)}&to=${addMonths(thisMonth, 1)}`;

/** The counters summed over the range (a run across a month's end splits them over two months). */
async function totals(key = enterpriseKey, query = range): Promise<Record<string, number>> {
  const res = await api(`/v1/credit/facts?${query}`, { key });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const sum: Record<string, number> = {};
  for (const month of res.body.months as Record<string, unknown>[]) {
    for (const [name, value] of Object.entries(month)) if (typeof value === 'number') sum[name] = (sum[name] ?? 0) + value;
  }
  return sum;
}

async function queueUrl(name: string): Promise<string> {
  return (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl!;
}

/** Messages waiting or being processed. */
async function inQueue(name: string): Promise<number> {
  const out = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: await queueUrl(name), AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
  return Number(out.Attributes?.ApproximateNumberOfMessages ?? 0) + Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
}

/** The CloudEvent an applied command published, as the local bus received it. */
async function publishedEvent(eventId: string): Promise<Record<string, unknown>> {
  return eventually(async () => {
    const recent = (await (await fetch(`${platform.eventsEndpoint}/_anxin/events?bus=anxin-dev-events`)).json()) as { events: { event: { detail: Record<string, unknown> } }[] };
    return recent.events.find((e) => e.event.detail.id === eventId)?.event.detail;
  }, 20_000, `event ${eventId} on the bus`);
}

const EXPECTED = { ordersCreated: 1, checkIns: 1, onTimeCheckIns: 1, ordersCompleted: 1, ratings: 1, ratingStarsSum: 4 };
let workerId: string;
let counted: { checkIn: string; rating: string };

describe('an order driven over HTTP', () => {
  it('is counted in the monthly credit facts of its enterprise and its worker', async () => {
    workerId = `wk-${Math.random().toString(36).slice(2, 10)}`;
    await employmentRepository(platform.store).link({ tenantId, workerId, status: 'current', since: '2026-01-01' });
    await certifyWorker(platform.store, workerId, tenantId);

    const created = await post('/v1/orders', validOrder());
    expect(created.status).toBe(202);
    await applied(created.body.eventId);
    const { orderId } = created.body;
    await command(orderId, 'assign', { workerId });
    await command(orderId, 'confirm');
    // Scheduled 09:00 in Guangzhou: 09:03 is on time.
    const checkIn = await command(orderId, 'check-in', { at: '2026-12-01T09:03:00+08:00', method: 'qr' });
    await command(orderId, 'check-out', { at: '2026-12-01T12:05:00+08:00', method: 'qr' });
    const link = await post(`/v1/orders/${orderId}/rating-token`);
    expect(link.status).toBe(201);
    const rated = await api('/v1/public/ratings', { method: 'POST', body: { token: link.body.token, stars: 4 } });
    expect(rated.status).toBe(202);
    await applied(rated.body.eventId);
    counted = { checkIn, rating: rated.body.eventId };

    const facts = await eventually(async () => {
      const sum = await totals();
      return Object.entries(EXPECTED).every(([name, n]) => sum[name] === n) ? sum : undefined;
    }, 30_000, 'the credit facts of the order');
    expect(facts).toMatchObject({ ...EXPECTED, workerNoShows: 0, enterpriseCancellations: 0, complaintsOpened: 0 });

    // Every month of the range, oldest first, each with every counter.
    const res = await api(`/v1/credit/facts?${range}`, { key: enterpriseKey });
    expect(res.body.months.map((m: { period: string }) => m.period)).toEqual([addMonths(thisMonth, -1), thisMonth, addMonths(thisMonth, 1)]);
    expect(res.body).toMatchObject({ tenantId, from: addMonths(thisMonth, -1), to: addMonths(thisMonth, 1) });

    const workerMonths = await creditFactsRepository(platform.store).workerMonths(workerId);
    const workerSum = (name: string) => workerMonths.reduce((n, m) => n + (m as unknown as Record<string, number>)[name]!, 0);
    expect(['ordersCompleted', 'ratings', 'ratingStarsSum'].map(workerSum)).toEqual([1, 1, 4]);
  });

  it('counts nothing again when copies of counted CloudEvents are sent into the credit-facts queue', async () => {
    const before = await totals();
    const url = await queueUrl(QUEUE);
    const copies = [await publishedEvent(counted.rating), await publishedEvent(counted.checkIn)];
    for (const event of copies) {
      for (let i = 0; i < 3; i++) await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: JSON.stringify(event) }));
    }
    // Consumed and deleted (a refused record would stay in flight, then reach the DLQ).
    await eventually(async () => ((await inQueue(QUEUE)) === 0 ? true : undefined), 30_000, 'the credit-facts queue to be empty');
    expect(await inQueue(DLQ)).toBe(0);
    // Six copies, each logged as a duplicate (waited for: see `logLines`).
    await logLines(platform.logs, (line) => line.includes('"outcome":"duplicate"') && (line.includes(counted.rating) || line.includes(counted.checkIn)), 6, 'the duplicates');
    expect(await totals()).toEqual(before);
    const workerMonths = await creditFactsRepository(platform.store).workerMonths(workerId);
    expect(workerMonths.reduce((n, m) => n + m.ratings, 0)).toBe(1);
  });
});

describe('what the consumer cannot read', () => {
  it('is refused, never counted, and heads for the DLQ that `anxin dlq list` shows', async () => {
    const before = await totals();
    const url = await queueUrl(QUEUE);
    const claim = { specversion: '1.0', id: 'evt_01JDX3S5Z8Q4K7M2N9P6R3T5V8', source: '/anxin/dev/claims', type: 'cn.anxin.claim.filed.v1', data: { tenantId } };
    for (const body of ['not json', JSON.stringify(claim)]) await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body }));
    await eventually(async () => (platform.logs.filter((line) => line.includes('credit facts refused')).length >= 2 ? true : undefined), 20_000, 'both messages refused');
    // Failed, so back in the queue after its visibility timeout (and in the DLQ after 5 receives).
    expect(await inQueue(QUEUE)).toBe(2);
    expect(await totals()).toEqual(before);
    const { stdout } = await promisify(execFile)('node', ['bin/anxin.mjs', 'dlq', 'list', '--json', '--data-dir', platform.dataDir], { encoding: 'utf8', timeout: 60_000 });
    const listed = JSON.parse(stdout) as { name: string; sources: { name: string; maxReceiveCount: number }[] }[];
    expect(listed.find((d) => d.name === DLQ)).toMatchObject({ sources: [{ name: QUEUE, maxReceiveCount: 5 }] });
  });
});

describe('GET /v1/credit/facts', () => {
  it("an admin reads any enterprise's with tenantId; the enterprise only its own; other roles are refused", async () => {
    expect(await totals(adminKey, `${range}&tenantId=${tenantId}`)).toEqual(await totals());
    expect((await api(`/v1/credit/facts?${range}`, { key: adminKey })).status).toBe(400);
    const other = await createTenant(platform.store, { name: '另一家家政公司', role: 'enterprise' });
    expect((await api(`/v1/credit/facts?${range}&tenantId=${other.tenantId}`, { key: enterpriseKey })).status).toBe(403);
    const otherKey = (await createKey(platform.store, other.tenantId)).apiKey;
    expect(Object.values(await totals(otherKey)).every((n) => n === 0)).toBe(true);
    const insurer = await createTenant(platform.store, { name: '保险公司', role: 'insurer' });
    const insurerKey = (await createKey(platform.store, insurer.tenantId)).apiKey;
    expect((await api(`/v1/credit/facts?${range}`, { key: insurerKey })).status).toBe(403);
    expect((await api(`/v1/credit/facts?${range}`)).status).toBe(401);
  });

  it.each([
    ['a month that is not YYYY-MM', 'from=2026-13&to=2026-12'],
    ['no from', 'to=2026-12'],
    ['to before from', 'from=2026-12&to=2026-11'],
    ['more than 24 months', 'from=2025-01&to=2027-01'],
    ['an unknown parameter', 'from=2026-01&to=2026-12&month=2026-05'],
  ])('answers 400 problem+json for %s', async (_what, query) => {
    const res = await api(`/v1/credit/facts?${query}`, { key: enterpriseKey });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ type: expect.stringContaining('invalid-query'), status: 400 });
  });

  it('24 months is the most a range may span', async () => {
    const res = await api('/v1/credit/facts?from=2025-01&to=2026-12', { key: enterpriseKey });
    expect(res.status).toBe(200);
    expect(res.body.months).toHaveLength(24);
  });
});
