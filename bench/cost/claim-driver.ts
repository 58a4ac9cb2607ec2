/**
 * One insurance claim, filed and delivered:
 *
 *   POST /v1/claims (enterprise) → claims FIFO queue → claims consumer (coverage check,
 *   claim + trace + insurer pointer in one transaction) → EventBridge → the insurer's own
 *   SQS queue (and the webhook queue, whose dispatcher finds no subscription) → the
 *   insurer receives and deletes it.
 *
 * The insurer's ReceiveMessage/DeleteMessage are counted: the queue is Anxin's, and SQS
 * bills the queue owner for shared-queue requests.
 *
 * Set-up (`prepareClaims`, before the metered window): the dev stage's demo insurer
 * (cdk.json context) as a tenant, a group policy it issues to the bench enterprise, a
 * registered worker with the insurance-roster consent on its roster and a certificate,
 * and one order per claim checked in an hour ago — the evidence a covered claim needs.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { parseInsurers } from '../../infra/config';
import { createKey, createTenant } from '../../shared/admin/onboarding';
import { tenantsRepository } from '../../shared/store/tenants-repository';
import { insurableWorkerBody, person } from '../../test/support/workers';
import { timedRequest } from '../lib/http';
import { orderRequest, prng } from '../lib/order-requests';
import { runPool } from '../lib/pool';
import { progress } from '../lib/progress';
import { awaitSettled } from '../throughput/await-applied';
import type { DriveContext } from './commands';
import { certifiedWorker } from './lifecycle-driver';

export const CLAIM_ROUTE = 'POST /v1/claims';
const HOUR = 3_600_000;
const DEADLINE_MS = 120_000;

export interface PreparedClaims {
  orderIds: string[];
  /** The next order to file a claim on (the warm-up and the measured run take turns). */
  next: number;
  insurerQueueUrl: string;
}

function demoInsurer(): { name: string; tenantId: string } {
  const context = (JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context: { insurers?: unknown } }).context;
  const insurer = parseInsurers(context.insurers, 'dev')[0];
  if (!insurer) throw new Error('cdk.json names no dev insurer: the claim bench needs one (context insurers.dev)');
  return insurer;
}

const todayInChina = () => new Date(Date.now() + 8 * HOUR).toISOString().slice(0, 10);

async function post(ctx: DriveContext, key: string, path: string, body: unknown): Promise<Record<string, any>> {
  const res = await timedRequest(`${ctx.apiUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'idempotency-key': `bench-${randomUUID()}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`claim bench set-up: POST ${path} answered ${res.status}: ${res.body}`);
  return JSON.parse(res.body) as Record<string, any>;
}

export async function prepareClaims(ctx: DriveContext, total: number): Promise<PreparedClaims> {
  const insurer = demoInsurer();
  if (!(await tenantsRepository(ctx.store).getTenant(insurer.tenantId))) {
    await createTenant(ctx.store, { tenantId: insurer.tenantId, name: `bench insurer (${insurer.name})`, role: 'insurer' });
  }
  const insurerKey = (await createKey(ctx.store, insurer.tenantId, 'bench')).apiKey;
  const today = todayInChina();
  const policy = await post(ctx, insurerKey, '/v1/policies', {
    enterpriseId: ctx.tenantId,
    policyNumber: `BENCH-${randomUUID().slice(0, 8)}`,
    covers: ['worker-accident', 'third-party-liability'],
    startsOn: today,
    endsOn: new Date(Date.parse(today) + 300 * 24 * HOUR).toISOString().slice(0, 10),
    premiumPerWorkerFen: 24_000,
  });
  const worker = await post(ctx, ctx.apiKey, '/v1/workers', insurableWorkerBody(person()));
  const workerId = worker.workerId as string;
  await post(ctx, ctx.apiKey, `/v1/policies/${policy.policyId}/enrolments`, { workerId, from: today });
  await certifiedWorker(ctx.store, ctx.tenantId, workerId);

  const random = prng(6161);
  const orderIds: string[] = [];
  const bar = progress('claim set-up: orders in service', total);
  await runPool(total, 8, async (i) => {
    const created = await post(ctx, ctx.apiKey, '/v1/orders', orderRequest(random, i));
    await awaitSettled(ctx.store, ctx.tenantId, [created.eventId], DEADLINE_MS);
    const order = `/v1/orders/${created.orderId}`;
    await post(ctx, ctx.apiKey, `${order}/assign`, { workerId });
    await post(ctx, ctx.apiKey, `${order}/confirm`, {});
    const checkedIn = await post(ctx, ctx.apiKey, `${order}/check-in`, { at: new Date(Date.now() - HOUR).toISOString(), method: 'app' });
    await awaitSettled(ctx.store, ctx.tenantId, [checkedIn.eventId], DEADLINE_MS);
    orderIds.push(created.orderId as string);
    bar.tick();
  });
  bar.done();
  return { orderIds, next: 0, insurerQueueUrl: `${ctx.insurerSqsEndpoint}/${ctx.accountId}/anxin-dev-insurer-${insurer.name}` };
}

export async function driveClaims(
  ctx: DriveContext,
  count: number,
  concurrency: number,
  prepared: PreparedClaims,
): Promise<{ eventIds: string[]; failures: Record<number, number> }> {
  const eventIds: string[] = [];
  const failures: Record<number, number> = {};
  const claimIds = new Set<string>();
  const bar = progress(`claims c=${concurrency}`, count);
  await runPool(count, concurrency, async () => {
    const orderId = prepared.orderIds[prepared.next++];
    if (!orderId) throw new Error('claim bench: more claims than prepared orders');
    // Within today in Guangzhou (the worker was enrolled today) and after the check-in.
    const occurredAt = new Date(Math.max(Date.now() - 30 * 60_000, Date.parse(`${todayInChina()}T00:00:30+08:00`))).toISOString();
    const answer = await timedRequest(`${ctx.apiUrl}/v1/claims`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ctx.apiKey}`, 'idempotency-key': `bench-${randomUUID()}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        orderId,
        type: 'worker-accident',
        occurredAt,
        place: 'bench',
        description: 'Bench claim: wrist sprain while cleaning.',
        amountClaimedFen: 120_000,
        documents: [{ kind: 'medical-record', ref: `bench://claims/${orderId}`, sha256: 'a'.repeat(64) }],
      }),
    });
    ctx.observe({ method: 'POST', routeKey: CLAIM_ROUTE, status: answer.status, responseBytes: Buffer.byteLength(answer.body), latencyMs: answer.ms });
    if (answer.status !== 202) failures[answer.status] = (failures[answer.status] ?? 0) + 1;
    else {
      const out = JSON.parse(answer.body) as { eventId: string; claimId: string };
      eventIds.push(out.eventId);
      claimIds.add(out.claimId);
    }
    bar.tick();
  });
  bar.done();

  // The insurer: long-polls its queue, deletes what it read, until every filed claim arrived.
  const insurer = new SQSClient({ endpoint: ctx.insurerSqsEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'insurer', secretAccessKey: 'insurer' } });
  const deadline = Date.now() + DEADLINE_MS;
  try {
    while (claimIds.size > 0 && Date.now() < deadline) {
      const out = await insurer.send(new ReceiveMessageCommand({ QueueUrl: prepared.insurerQueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 2 }));
      const messages = out.Messages ?? [];
      for (const m of messages) claimIds.delete((JSON.parse(m.Body!) as { subject: string }).subject);
      if (messages.length > 0) {
        await insurer.send(new DeleteMessageBatchCommand({ QueueUrl: prepared.insurerQueueUrl, Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }));
      }
    }
  } finally {
    insurer.destroy();
  }
  if (claimIds.size > 0) failures[0] = claimIds.size; // 0 = filed but never delivered to the insurer
  return { eventIds, failures };
}
