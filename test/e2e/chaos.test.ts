/**
 * Commands under injected faults (chaos mode, local/chaos/): 100 (or CHAOS_COMMANDS) order commands sent over
 * HTTP while a fifth of the consumer batches fail (an error before or after the handler
 * ran), 5 % are cut off by a timeout, a tenth of the functions' DynamoDB calls are throttled,
 * every batch a consumer processes is handed to it a second time, and EventBridge targets
 * are delayed. Afterwards every command is applied exactly once or rejected with its reason:
 * one order per Idempotency-Key, each trace as long as its applied commands and verifying,
 * every event settled as expected, the queues drained and every dead-letter queue empty.
 *
 * The seed is printed and can be given back with CHAOS_SEED to repeat a run's choices. The
 * figures of the last run are written to test-results/chaos.json (README "Reliability").
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { employmentRepository } from '../../shared/store/employment-repository';
import { eventsRepository } from '../../shared/store/events-repository';
import { certifyWorker } from '../support/certificates';
import { validOrder } from '../support/fixtures';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform';

const SEED = process.env.CHAOS_SEED !== undefined ? Number(process.env.CHAOS_SEED) : Math.floor(Math.random() * 2 ** 32);

/**
 * Orders × 5 commands. `npm test` sends 100 commands; CHAOS_COMMANDS=500 runs the 500 of the
 * README's figures ("Reliability"). Why not 500 always: on this 2-core machine 500 commands
 * under these faults take 73–79 s on a quiet fresh clone, and inside the whole suite (three
 * files at once) 250 took 65 s of a run that had grown past 8 minutes; 100 settled in 17 s
 * and still faulted every kind many times over (one run: 202 batches, 41 errors, 6 timeouts,
 * 155 batches delivered twice, 133 of 1,389 DynamoDB calls throttled).
 */
const ORDERS = Math.max(1, Math.round(Number(process.env.CHAOS_COMMANDS ?? 100) / 5));
/**
 * The share of batches whose invocation is cut off: 5% in the README's figures (500 commands,
 * 500–800 batches). Of those cuts about half end as a timeout (the figures: 8–23 timeouts of
 * 13–40 cuts), so a 100-command run (130–200 batches) saw no timeout at all in roughly one run
 * of 25–150 (one did on 2026-12-07), and the check that every fault really happened failed.
 * 10% there: the chance of none is then about one in 3,000.
 */
const TIMEOUT_RATE = ORDERS * 5 >= 250 ? 0.05 : 0.1;
const FAULTS = `consumer-error=0.2,consumer-timeout=${TIMEOUT_RATE},throttle=0.1,duplicate=1,events-delay=200ms`;
/** A batch that failed comes back after 1 s instead of the orders queue's 180 s (6 × the consumer timeout), so a run takes seconds. */
const SPEC = `${FAULTS},redeliver-after=1s,seed=${SEED}`;
const CLIENTS = 8;
const WORKERS = 10;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response shapes are asserted, not typed
type Json = any;

let platform: TestPlatform;
let events: ReturnType<typeof eventsRepository>;
let key: string;
let tenantId: string;
const workers: string[] = [];

beforeAll(async () => {
  platform = await startTestPlatform({ chaos: SPEC });
  key = platform.keys.enterprise;
  events = eventsRepository(platform.store);
  tenantId = (JSON.parse(readFileSync(`${platform.dataDir}/local.json`, 'utf8')) as { tenants: { enterprise: string } }).tenants.enterprise;
  // Set up straight in the table (not through the throttled endpoint): certified workers of the enterprise.
  for (let i = 0; i < WORKERS; i++) {
    const workerId = `wk-chaos-${i}`;
    await employmentRepository(platform.store).link({ tenantId, workerId, status: 'current', since: '2026-01-01' });
    await certifyWorker(platform.store, workerId, tenantId);
    workers.push(workerId);
  }
});
afterAll(async () => {
  // The platform's log, to read what happened when a run fails (repeat it with CHAOS_SEED).
  if (platform) {
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/chaos-platform.log', `${platform.logs.join('\n')}\n`);
  }
  await platform?.close();
});

/** What the client saw: every answer other than 202, by status. */
const answers = { retried503: 0, unexpected: [] as string[] };

/**
 * POSTs a command as a careful client does: a 503 (throttled past the SDK's retries) is
 * repeated with the same Idempotency-Key until it is accepted; any other answer is kept
 * as unexpected. Returns the 202 body.
 */
async function send(path: string, idempotencyKey: string, body: unknown): Promise<Json | undefined> {
  const deadline = Date.now() + 30_000;
  for (let attempt = 1; Date.now() < deadline; attempt++) {
    const res = await fetch(`${platform.apiUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status === 202) return JSON.parse(text);
    if (res.status === 503 && res.headers.get('content-type') === 'application/problem+json') {
      answers.retried503++;
      await new Promise((r) => setTimeout(r, 50 * attempt)); // the client's backoff before a retry
      continue;
    }
    answers.unexpected.push(`${path} ${res.status} ${text.slice(0, 200)}`);
    return undefined;
  }
  answers.unexpected.push(`${path}: still 503 after 30 s`);
  return undefined;
}

/** GET with the same patience for 503. */
async function get(path: string): Promise<Json> {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(`${platform.apiUrl}${path}`, { headers: { authorization: `Bearer ${key}` } });
    if (res.status === 503 && attempt < 20) {
      answers.retried503++;
      await new Promise((r) => setTimeout(r, 50 * attempt));
      continue;
    }
    expect(res.status, `${path}: ${res.status}`).toBe(200);
    return res.json();
  }
}

/** Runs `task` over `items` with `n` concurrent clients. */
async function inParallel<T>(items: T[], n: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) await task(items[next++]!);
  }));
}

type Expect = { status: 'applied' } | { status: 'rejected'; reason: string };
interface Lane {
  n: number;
  orderId?: string;
  /** The commands sent after the create, in order, with what each must end as. */
  steps: { command: string; body: unknown; expect: Expect }[];
  finalStatus: string;
}

const at = (hh: string) => `2026-12-01T${hh}:00+08:00`;
function lane(n: number): Lane {
  const workerId = workers[n % WORKERS]!;
  const applied = { status: 'applied' } as const;
  const assign = { command: 'assign', body: { workerId }, expect: applied };
  const confirm = { command: 'confirm', body: {}, expect: applied };
  const checkIn = { command: 'check-in', body: { at: at('09:02'), method: 'app' }, expect: applied };
  const checkOut = { command: 'check-out', body: { at: at('12:01'), method: 'app' }, expect: applied };
  // One order in ten first gets a check-out it cannot take yet, one in ten a worker it does not employ.
  if (n % 10 === 3) {
    const early = { command: 'check-out', body: { at: at('12:01') }, expect: { status: 'rejected', reason: 'cannot check-out an order in status CREATED' } as const };
    return { n, steps: [early, assign, confirm, checkIn], finalStatus: 'IN_SERVICE' };
  }
  if (n % 10 === 7) {
    const stranger = {
      command: 'assign',
      body: { workerId: 'wk-not-ours' },
      expect: { status: 'rejected', reason: 'worker wk-not-ours is not currently employed by this enterprise' } as const,
    };
    return { n, steps: [stranger, assign, confirm, checkIn], finalStatus: 'IN_SERVICE' };
  }
  return { n, steps: [assign, confirm, checkIn, checkOut], finalStatus: 'COMPLETED' };
}

async function scan(filter: string, values: Record<string, unknown>, names?: Record<string, string>): Promise<Json[]> {
  const items: Json[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await platform.store.doc.send(
      new ScanCommand({ TableName: platform.store.tableName, FilterExpression: filter, ExpressionAttributeValues: values, ExpressionAttributeNames: names, ExclusiveStartKey: start }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** The event records of these ids that are still `accepted`, read from the table. */
async function stillAccepted(eventIds: string[]): Promise<number> {
  const pending = new Set((await scan('sk = :e AND #s = :a', { ':e': 'EVENT', ':a': 'accepted' }, { '#s': 'status' })).map((e) => e.eventId));
  return eventIds.filter((id) => pending.has(id)).length;
}

async function queueDepth(sqs: SQSClient, url: string): Promise<number> {
  const out = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'] }),
  );
  const a = out.Attributes ?? {};
  return Number(a.ApproximateNumberOfMessages) + Number(a.ApproximateNumberOfMessagesNotVisible) + Number(a.ApproximateNumberOfMessagesDelayed);
}

describe(`chaos (${SPEC})`, () => {
  it('applies every command exactly once or rejects it with its reason; nothing lost, nothing doubled, no dead letters', async () => {
    const started = Date.now();
    const lanes = Array.from({ length: ORDERS }, (_, n) => lane(n));
    const expected = new Map<string, Expect>(); // eventId → outcome
    const createKey = (n: number) => `chaos-${SEED}-${n}-create`;

    // Each order is created; once its create is applied (commands on an order are accepted only
    // then), the rest of its commands follow one after another (FIFO keeps their order).
    // Orders proceed in parallel.
    await inParallel(lanes, CLIENTS, async (l) => {
      const created = await send('/v1/orders', createKey(l.n), validOrder({ externalRef: createKey(l.n) }));
      if (!created) return;
      l.orderId = created.orderId;
      expected.set(created.eventId, { status: 'applied' });
      await eventually(
        async () => ((await events.get(tenantId, created.eventId))?.status === 'accepted' ? undefined : true),
        60_000,
        `the create of order ${l.n} to settle (seed ${SEED})`,
      );
      for (const [i, step] of l.steps.entries()) {
        const accepted = await send(`/v1/orders/${l.orderId}/${step.command}`, `chaos-${SEED}-${l.n}-${i}`, step.body);
        if (accepted) expected.set(accepted.eventId, step.expect);
      }
    });
    expect(answers.unexpected, `seed ${SEED}`).toEqual([]);
    expect(expected.size).toBe(ORDERS * 5);
    const postedMs = Date.now() - started;
    const eventIds = [...expected.keys()];
    await eventually(async () => ((await stillAccepted(eventIds)) === 0 ? true : undefined), 90_000, `every command to settle (seed ${SEED})`);
    const settledMs = Date.now() - started;

    // Every command: applied exactly as expected, or rejected with its reason.
    const records = new Map((await scan('sk = :e', { ':e': 'EVENT' })).map((e) => [e.eventId as string, e]));
    const outcomes = { applied: 0, rejected: 0 };
    for (const [eventId, want] of expected) {
      const got = records.get(eventId);
      expect(got, `event ${eventId} (seed ${SEED})`).toMatchObject(want);
      outcomes[want.status]++;
    }

    // One order per Idempotency-Key of a create, none more; each in its expected state, its
    // trace exactly as long as its applied commands, the chain verifying.
    const orders = (await scan('sk = :o', { ':o': 'ORDER' })).filter((o) => String(o.externalRef).startsWith(`chaos-${SEED}-`));
    expect(orders, `seed ${SEED}`).toHaveLength(ORDERS);
    expect(new Set(orders.map((o) => o.externalRef)).size).toBe(ORDERS);
    const traces = new Map<string, number>();
    for (const item of await scan('begins_with(sk, :t)', { ':t': 'TRACE#' })) traces.set(item.pk, (traces.get(item.pk) ?? 0) + 1);
    for (const l of lanes) {
      const order = orders.find((o) => o.orderId === l.orderId);
      const appliedSteps = 1 + l.steps.filter((s) => s.expect.status === 'applied').length;
      expect(order, `order ${l.n} (seed ${SEED})`).toMatchObject({ status: l.finalStatus, version: appliedSteps });
      expect(traces.get(`T#${tenantId}#ORDER#${l.orderId}`), `trace of order ${l.n} (seed ${SEED})`).toBe(appliedSteps);
    }
    await inParallel(lanes, CLIENTS, async (l) => {
      const trace = await get(`/v1/orders/${l.orderId}/trace`);
      expect(trace.verification, `trace of order ${l.n} (seed ${SEED})`).toEqual({ valid: true, length: 1 + l.steps.filter((s) => s.expect.status === 'applied').length });
    });

    // Nothing left behind: the orders queue drains, and every dead-letter queue is empty.
    const sqs = new SQSClient({ endpoint: platform.sqsEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    try {
      const { queues } = platform.topology;
      const dlqArns = new Set(queues.map((q) => q.redrive?.deadLetterTargetArn).filter(Boolean));
      const sources = queues.filter((q) => q.redrive && q.queueName.includes('orders'));
      await eventually(async () => {
        const depths = await Promise.all(sources.map((q) => queueDepth(sqs, q.url)));
        return depths.every((d) => d === 0) ? true : undefined;
      }, 30_000, `the orders queue to drain (seed ${SEED})`);
      for (const dlq of queues.filter((q) => dlqArns.has(q.arn))) {
        expect(await queueDepth(sqs, dlq.url), `${dlq.queueName} (seed ${SEED})`).toBe(0);
      }
    } finally {
      sqs.destroy();
    }

    // The faults really happened.
    const report = platform.chaos!.report();
    const c = report.consumers;
    expect(c.errorsBefore + c.errorsAfter).toBeGreaterThan(0);
    expect(c.timeouts).toBeGreaterThan(0);
    expect(c.duplicates).toBeGreaterThan(0);
    expect(report.dynamodb.throttled).toBeGreaterThan(0);
    expect(report.eventTargetsDelayed).toBeGreaterThan(0);

    const figures = {
      spec: SPEC,
      commands: expected.size,
      outcomes,
      clientRetriesAfter503: answers.retried503,
      postedMs,
      settledMs,
      totalMs: Date.now() - started,
      loadAverage: loadavg().map((l) => Number(l.toFixed(2))),
      injected: report,
    };
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/chaos.json', `${JSON.stringify(figures, null, 2)}\n`);
    console.log(`[chaos e2e] ${JSON.stringify({ ...figures, injected: { ...report, dynamodb: { calls: report.dynamodb.calls, throttled: report.dynamodb.throttled } } })}`);
  }, 240_000);
});
