/**
 * Claims through the route handlers and both consumers, against DynamoDB Local, a local SQS
 * endpoint and a local EventBridge bus (test/support/claims-harness.ts). Policies and
 * enrolments are made through the real insurance services (test/support/insurance.ts).
 *
 * - a covered claim: filed record, trace, insurer pointer, one published claim.filed
 *   CloudEvent that validates against docs/events and carries no free text;
 * - uncovered claims (not enrolled, lapsed or cancelled policy, cover not included,
 *   outside service time, reported late, no such order, no worker): `not-covered` with the
 *   reason, event rejected, no insurer pointer, nothing published;
 * - isolation: insurer B never sees or decides insurer A's claims, enterprise Y never
 *   sees X's (404); other roles 403;
 * - decision and payment, invalid transitions (rejected events with reasons), traces;
 * - duplicate and concurrent deliveries: one claim, one trace entry, the same event byte for
 *   byte (rebuilt from the event record's facts), also after the claim moved on;
 * - fuzzed filings never answer 5xx and store nothing.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Caller } from '../../shared/auth/roles';
import { addDays, chinaDate } from '../../shared/domain/insurance/days';
import { serviceDateOf } from '../../shared/domain/insurance/service-time';
import { claimCloudEventSchema } from '../../shared/events/claim-cloudevent';
import { parseClaimCommandMessage } from '../../shared/events/claim-command';
import { CLAIM_EVENT_TYPES } from '../../shared/events/claim-event-types';
import { claimIdFor, commandEventId, newOrderId, newTenantId, newWorkerId } from '../../shared/lib/ids';
import { applyClaimCommand, UnprocessableClaimMessageError } from '../../shared/services/apply-claim-command';
import { claimOrFiling } from '../../shared/services/claim-access';
import { TracedWriteConflict } from '../../shared/store/traced-write';
import { claimsRepository } from '../../shared/store/claims-repository';
import { employmentRepository } from '../../shared/store/employment-repository';
import { eventsRepository } from '../../shared/store/events-repository';
import { keys } from '../../shared/store/keys';
import { itemSize } from '../../local/metering';
import { validOrder } from '../support/fixtures';
import { cancelPolicy, enrolWorker, givePolicy } from '../support/insurance';
import { startClaimsHarness, TEST_STAGE, type ClaimsHarness } from '../support/claims-harness';
import { toRecord } from '../support/sqs';
import { lambdaContext } from '../support/api-event';

const X: Caller = { tenantId: newTenantId(), role: 'enterprise', keyId: 'key_x' };
const Y: Caller = { tenantId: newTenantId(), role: 'enterprise', keyId: 'key_y' };
const A: Caller = { tenantId: newTenantId(), role: 'insurer', keyId: 'key_a' };
const B: Caller = { tenantId: newTenantId(), role: 'insurer', keyId: 'key_b' };
const ADMIN: Caller = { tenantId: newTenantId(), role: 'admin', keyId: 'key_admin' };
const BASE: Caller = { tenantId: newTenantId(), role: 'training-base', keyId: 'key_tb' };

const SECRET = { place: '天河区体育西路 88 号', description: '王阿姨在厨房滑倒，电话 13800138000', ref: 'https://docs.example.com/wang-ayi/13800138000/medical-record.pdf' };
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
/** RFC 3339 in Guangzhou time, as enterprises send it. */
const local = (ms: number) => `${new Date(ms + 8 * HOUR).toISOString().slice(0, 19)}+08:00`;

let h: ClaimsHarness;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const publishedSchema = (type: string) => ajv.compile(JSON.parse(readFileSync(new URL(`../../docs/events/${type}.schema.json`, import.meta.url), 'utf8')));

beforeAll(async () => {
  h = await startClaimsHarness();
});
afterAll(async () => {
  await h?.close();
});

// ---- fixtures ---------------------------------------------------------------------------

/** A worker of `enterprise` enrolled (from 3 days ago) in a policy `insurer` issued to it. */
async function coveredWorker(enterprise: Caller, insurer: Caller, covers?: ('worker-accident' | 'third-party-liability')[]) {
  const policy = await givePolicy(h.store, { insurerId: insurer.tenantId, enterpriseId: enterprise.tenantId, ...(covers ? { covers } : {}) });
  const workerId = newWorkerId();
  await enrolWorker(h.store, { policyId: policy.policyId, enterpriseId: enterprise.tenantId, workerId, from: addDays(chinaDate(new Date()), -3) });
  return { workerId, policy };
}

/** An order of `caller` with `workerId` assigned, checked in (and out) at the given instants, all applied. */
async function servedOrder(caller: Caller, workerId: string | undefined, times: { checkIn?: number; checkOut?: number; attendance?: string } = {}, mode: 'hourly' | 'live_in' = 'hourly') {
  const now = Date.now();
  // Assignment needs a current employment link (enrolled workers have one already).
  if (workerId && !(await employmentRepository(h.store).isCurrent(caller.tenantId, workerId))) {
    await employmentRepository(h.store).link({ tenantId: caller.tenantId, workerId, status: 'current', since: chinaDate(new Date()) });
  }
  const created = await h.call(caller, 'POST /v1/orders', {
    body: validOrder({ mode, schedule: { start: local(now - 10 * 24 * HOUR), end: local(now + 10 * 24 * HOUR) } }),
  });
  expect(created.status).toBe(202);
  const orderId = created.body.orderId as string;
  const steps: [string, unknown][] = [];
  if (workerId) steps.push(['assign', { workerId }], ['confirm', {}]);
  if (times.checkIn !== undefined) steps.push(['check-in', { at: local(times.checkIn), method: 'app' }]);
  if (times.attendance) steps.push(['attendance', { date: times.attendance, checkIn: `${times.attendance}T08:00:00+08:00`, checkOut: `${times.attendance}T20:00:00+08:00` }]);
  if (times.checkOut !== undefined) steps.push(['check-out', { at: local(times.checkOut), method: 'app' }]);
  await h.settle();
  for (const [command, body] of steps) {
    expect((await h.call(caller, `POST /v1/orders/{orderId}/${command}`, { params: { orderId }, body })).status).toBe(202);
  }
  await h.settle();
  const order = (await h.call(caller, 'GET /v1/orders/{orderId}', { params: { orderId } })).body;
  expect(order.workerId).toBe(workerId);
  if (times.checkIn !== undefined) expect(order.checkIn?.at).toBe(local(times.checkIn));
  if (times.attendance) expect(order.lastAttendanceDate).toBe(times.attendance);
  if (times.checkOut !== undefined) expect(order.status).toBe('COMPLETED');
  return orderId;
}

const claimBody = (orderId: string, overrides: Record<string, unknown> = {}) => ({
  orderId,
  type: 'worker-accident',
  occurredAt: local(Date.now() - HOUR),
  place: SECRET.place,
  description: SECRET.description,
  amountClaimedFen: 100_000,
  documents: [
    { kind: 'medical-record', ref: SECRET.ref, sha256: 'a'.repeat(64) },
    { kind: 'invoice', ref: 'inv-2026-001', sha256: 'b'.repeat(64) },
  ],
  ...overrides,
});

const file = (caller: Caller, body: unknown, idempotencyKey?: string) => h.call(caller, 'POST /v1/claims', { body, ...(idempotencyKey ? { idempotencyKey } : {}) });
const getClaim = (caller: Caller, claimId: string, query?: Record<string, string>) => h.call(caller, 'GET /v1/claims/{claimId}', { params: { claimId }, query });
const trace = (caller: Caller, claimId: string) => h.call(caller, 'GET /v1/claims/{claimId}/trace', { params: { claimId } });
const list = (caller: Caller, query: Record<string, string> = {}) => h.call(caller, 'GET /v1/claims', { query });
const event = (caller: Caller, eventId: string) => h.call(caller, 'GET /v1/events/{eventId}', { params: { eventId } });
const decide = (caller: Caller, claimId: string, body: unknown) => h.call(caller, 'POST /v1/claims/{claimId}/decision', { params: { claimId }, body });
const pay = (caller: Caller, claimId: string, body: unknown) => h.call(caller, 'POST /v1/claims/{claimId}/payment', { params: { claimId }, body });

/** Files a covered claim for a fresh worker and order of X (insurer A) and applies it. */
async function coveredClaim(overrides: Record<string, unknown> = {}) {
  const { workerId, policy } = await coveredWorker(X, A);
  const orderId = await servedOrder(X, workerId, { checkIn: Date.now() - 3 * HOUR, checkOut: Date.now() - 10 * 60_000 });
  const res = await file(X, claimBody(orderId, overrides));
  expect(res.status).toBe(202);
  await h.settle();
  return { claimId: res.body.claimId as string, eventId: res.body.eventId as string, orderId, workerId, policy };
}

// ---- filing ---------------------------------------------------------------------------

describe('the Location of a filing', () => {
  it('resolves before the consumer has applied it: the claim in state accepted, for the filing enterprise (and an admin acting for it) only', async () => {
    const { workerId } = await coveredWorker(X, A);
    const orderId = await servedOrder(X, workerId, { checkIn: Date.now() - 3 * HOUR, checkOut: Date.now() - 10 * 60_000 });
    const res = await file(X, claimBody(orderId, { occurredAt: local(Date.now() - HOUR) }), `claim-location-${Date.now()}`);
    expect(res.status).toBe(202);
    const { claimId, eventId } = res.body as { claimId: string; eventId: string };
    expect(res.headers.location).toBe(`/v1/claims/${claimId}`);

    const pending = await getClaim(X, claimId);
    expect(pending.status).toBe(200);
    expect(pending.body).toEqual({ claimId, enterpriseId: X.tenantId, status: 'accepted', eventId, filedAt: expect.any(String) });
    expect((await getClaim(ADMIN, claimId, { tenantId: X.tenantId })).body).toMatchObject({ claimId, status: 'accepted' });
    // Nobody else learns that the filing exists.
    expect((await getClaim(Y, claimId)).status).toBe(404);
    expect((await getClaim(A, claimId)).status).toBe(404);

    await h.settle();
    expect((await getClaim(X, claimId)).body).toMatchObject({ claimId, status: 'filed', orderId });
  });

  it('settled between its two reads (the claim read first, then the event): a not-covered filing answers the claim, not a rejected filing', async () => {
    const orderId = await servedOrder(X, newWorkerId(), { checkIn: Date.now() - 3 * HOUR }); // nobody enrolled the worker
    const res = await file(X, claimBody(orderId), `claim-race-${Date.now()}`);
    expect(res.status).toBe(202);
    await h.settle();
    const { claimId } = res.body as { claimId: string };
    // The request's claim read ran before the consumer's transaction committed, its event read after.
    let firstRead = true;
    const store = {
      ...h.store,
      doc: {
        send: (command: object) => {
          if (firstRead && command instanceof GetCommand) {
            firstRead = false;
            return Promise.resolve({});
          }
          return h.store.doc.send(command as never);
        },
      },
    } as typeof h.store;
    const found = await claimOrFiling(store, X, claimId, undefined);
    expect(firstRead).toBe(false);
    expect(found.kind).toBe('claim');
    expect(found.kind === 'claim' && found.claim).toMatchObject({ claimId, status: 'not-covered', notCovered: { reason: 'worker-not-enrolled' } });
  });
});

describe('a covered claim', () => {
  it('is accepted (202, Location = the claim), filed with its insurer, traced, pointed to, and published once as claim.filed', async () => {
    const { workerId, policy } = await coveredWorker(X, A);
    const checkIn = Date.now() - 3 * HOUR;
    const checkOut = Date.now() - 10 * 60_000;
    const orderId = await servedOrder(X, workerId, { checkIn, checkOut });
    const occurredAt = local(Date.now() - HOUR);
    const key = `claim-covered-${Date.now()}`;
    const res = await file(X, claimBody(orderId, { occurredAt }), key);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ claimId: claimIdFor(X.tenantId, key), eventId: commandEventId(X.tenantId, key), status: 'accepted' });
    const { claimId, eventId } = res.body;
    expect(res.headers.location).toBe(`/v1/claims/${claimId}`);
    await h.settle();

    expect((await event(X, eventId)).body).toMatchObject({ status: 'applied', type: 'claim.file', subjectId: claimId });
    const claim = await getClaim(X, claimId);
    expect(claim.status).toBe(200);
    expect(claim.body).toMatchObject({
      claimId,
      enterpriseId: X.tenantId,
      orderId,
      type: 'worker-accident',
      status: 'filed',
      occurredAt,
      amountClaimedFen: 100_000,
      insurerId: A.tenantId,
      policyId: policy.policyId,
      policyNumber: policy.policyNumber,
      workerId,
      place: SECRET.place,
      description: SECRET.description,
      evidence: { basis: 'check-in-out', checkInAt: local(checkIn), checkOutAt: local(checkOut) },
      version: 1,
    });
    expect(claim.body.documents).toEqual(claimBody(orderId).documents);

    const t = (await trace(X, claimId)).body;
    expect(t.entries).toHaveLength(1);
    expect(t.entries[0]).toMatchObject({ seq: 1, eventId, type: 'claim.filed', actor: { tenantId: X.tenantId, role: 'enterprise' } });
    expect(t.verification).toEqual({ valid: true, length: 1 });

    // The insurer reaches it through its own pointer, by construction.
    expect(await claimsRepository(h.store).pointer(A.tenantId, claimId, true)).toMatchObject({ enterpriseId: X.tenantId, status: 'filed' });
    expect((await getClaim(A, claimId)).body).toMatchObject({ claimId, description: SECRET.description });
    expect((await list(A, { status: 'filed' })).body.items.map((c: { claimId: string }) => c.claimId)).toContain(claimId);

    const copies = await h.waitForPublished(eventId);
    expect(copies).toHaveLength(1);
    const [{ event: ce, detailType, source }] = copies;
    expect(detailType).toBe(CLAIM_EVENT_TYPES.filed);
    expect(source).toBe(`/anxin/${TEST_STAGE}/claims`);
    expect(ce).toMatchObject({ id: eventId, type: CLAIM_EVENT_TYPES.filed, subject: claimId, anxininsurer: A.tenantId, anxintenant: X.tenantId, anxintraceseq: 1 });
    expect(ce.data).toMatchObject({ claimId, workerId, orderId, policyId: policy.policyId, traceHash: t.entries[0].hash, documents: [{ kind: 'medical-record', sha256: 'a'.repeat(64) }, { kind: 'invoice', sha256: 'b'.repeat(64) }] });
    const validate = publishedSchema(CLAIM_EVENT_TYPES.filed);
    expect(validate(ce), JSON.stringify(validate.errors)).toBe(true);
    expect(claimCloudEventSchema('claim.file').safeParse(ce).success).toBe(true);
    // No free text, no document references.
    expect(JSON.stringify(ce)).not.toMatch(/王|天河|13800138000|docs\.example|inv-2026/);
  });

  it('a live-in placement: an incident outside check-in/out but on a recorded attendance day is covered by that day', async () => {
    const { workerId } = await coveredWorker(X, A);
    const occurredMs = Date.now() - HOUR;
    const orderId = await servedOrder(X, workerId, { checkIn: occurredMs - 3 * HOUR, checkOut: occurredMs - 2 * HOUR, attendance: serviceDateOf(iso(occurredMs)) }, 'live_in');
    const res = await file(X, claimBody(orderId, { occurredAt: local(occurredMs) }));
    await h.settle();
    expect((await getClaim(X, res.body.claimId)).body).toMatchObject({ status: 'filed', evidence: { basis: 'attendance-day', date: serviceDateOf(iso(occurredMs)) } });
    const [{ event: ce }] = await h.waitForPublished(res.body.eventId);
    expect(ce.data.evidence).toEqual({ basis: 'attendance-day', date: serviceDateOf(iso(occurredMs)) });
  });

  it('answers a retry with the same key with the same claim, files it once; the key with another body is 422', async () => {
    const { workerId } = await coveredWorker(X, A);
    const checkIn = Date.now() - 2 * HOUR;
    const orderId = await servedOrder(X, workerId, { checkIn });
    const body = claimBody(orderId);
    const key = `claim-retry-${Date.now()}`;
    const first = await file(X, body, key);
    const second = await file(X, body, key);
    expect(second.status).toBe(202);
    expect(second.body).toEqual(first.body);
    await h.settle();
    const third = await file(X, body, key);
    expect(third.body).toEqual(first.body);
    const reused = await file(X, { ...body, amountClaimedFen: 1 }, key);
    expect(reused.status).toBe(422);
    expect(reused.body.type).toBe('/problems/idempotency-key-reused');
    await h.settle();
    expect((await trace(X, first.body.claimId)).body.entries).toHaveLength(1);
    // Still checked in: the window runs to the filing.
    expect((await getClaim(X, first.body.claimId)).body.evidence).toEqual({ basis: 'check-in-out', checkInAt: local(checkIn) });
  });
});

describe('filing: synchronous refusals', () => {
  it('an incident in the future is 422; invalid bodies 422; a missing Idempotency-Key 400; other roles 403 — nothing queued', async () => {
    const orderId = newOrderId();
    const future = await file(X, claimBody(orderId, { occurredAt: local(Date.now() + 10 * 60_000) }));
    expect(future.status).toBe(422);
    expect(future.body.errors).toEqual([{ pointer: '/occurredAt', detail: 'is in the future' }]);
    const invalid = await file(X, claimBody(orderId, { amountClaimedFen: 10.5, extra: true }));
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/', '/amountClaimedFen']);
    expect((await h.call(X, 'POST /v1/claims', { body: claimBody(orderId), idempotencyKey: null })).status).toBe(400);
    for (const caller of [A, ADMIN, BASE]) expect((await file(caller, claimBody(orderId))).status).toBe(403);
    expect(await h.claimsQueue.drain()).toHaveLength(0);
  });
});

describe('uncovered claims are recorded not-covered with the reason, never sent', () => {
  it.each([
    ['worker-not-enrolled', 'no enrolment'],
    ['policy-not-active', 'a lapsed policy'],
    ['policy-not-active', 'a cancelled policy'],
    ['cover-not-included', 'a policy without third-party cover'],
    ['outside-service-time', 'an incident before check-in'],
    ['outside-service-time', 'a live-in day without attendance'],
    ['reported-late', 'an incident 50 h ago'],
    ['order-not-found', 'an unknown order'],
    ['no-worker-on-order', 'an order without a worker'],
  ])('%s: %s', async (reason, what) => {
    const now = Date.now();
    const today = chinaDate(new Date());
    let orderId: string;
    let overrides: Record<string, unknown> = {};
    switch (what) {
      case 'no enrolment': {
        await givePolicy(h.store, { insurerId: A.tenantId, enterpriseId: X.tenantId });
        const workerId = newWorkerId();
        orderId = await servedOrder(X, workerId, { checkIn: now - 3 * HOUR });
        break;
      }
      case 'a lapsed policy': {
        const policy = await givePolicy(h.store, { insurerId: A.tenantId, enterpriseId: X.tenantId, startsOn: addDays(today, -40), endsOn: addDays(today, -3) });
        const workerId = newWorkerId();
        await enrolWorker(h.store, { policyId: policy.policyId, enterpriseId: X.tenantId, workerId, from: addDays(today, -10) });
        orderId = await servedOrder(X, workerId, { checkIn: now - 3 * HOUR });
        break;
      }
      case 'a cancelled policy': {
        const { workerId, policy } = await coveredWorker(X, A);
        await cancelPolicy(h.store, { policyId: policy.policyId, insurerId: A.tenantId, effectiveOn: addDays(today, -2) });
        orderId = await servedOrder(X, workerId, { checkIn: now - 3 * HOUR });
        break;
      }
      case 'a policy without third-party cover': {
        const { workerId } = await coveredWorker(X, A, ['worker-accident']);
        orderId = await servedOrder(X, workerId, { checkIn: now - 3 * HOUR });
        overrides = { type: 'property-damage' };
        break;
      }
      case 'an incident before check-in': {
        const { workerId } = await coveredWorker(X, A);
        orderId = await servedOrder(X, workerId, { checkIn: now - 2 * HOUR, checkOut: now - HOUR });
        overrides = { occurredAt: local(now - 3 * HOUR) };
        break;
      }
      case 'a live-in day without attendance': {
        const { workerId } = await coveredWorker(X, A);
        orderId = await servedOrder(X, workerId, { checkIn: now - 4 * HOUR, checkOut: now - 3 * HOUR }, 'live_in');
        break;
      }
      case 'an incident 50 h ago': {
        const { workerId } = await coveredWorker(X, A);
        orderId = await servedOrder(X, workerId, { checkIn: now - 52 * HOUR, checkOut: now - 49 * HOUR });
        overrides = { occurredAt: local(now - 50 * HOUR) };
        break;
      }
      case 'an unknown order':
        orderId = newOrderId();
        break;
      default:
        orderId = await servedOrder(X, undefined);
    }
    const res = await file(X, claimBody(orderId, overrides));
    expect(res.status).toBe(202);
    await h.settle();
    const { claimId, eventId } = res.body;

    const outcome = (await event(X, eventId)).body;
    expect(outcome).toMatchObject({ status: 'rejected', type: 'claim.file' });
    expect(outcome.reason.startsWith(`${reason}: `)).toBe(true);
    const claim = (await getClaim(X, claimId)).body;
    expect(claim).toMatchObject({ claimId, status: 'not-covered', notCovered: { reason } });
    expect(claim.insurerId).toBeUndefined();
    expect((await trace(X, claimId)).body).toMatchObject({ entries: [{ type: 'claim.not-covered', eventId }], verification: { valid: true, length: 1 } });
    expect((await list(X, { status: 'not-covered' })).body.items.map((c: { claimId: string }) => c.claimId)).toContain(claimId);

    // Never reaches an insurer: no pointer, not listed, not readable, no event stored or published.
    expect(await claimsRepository(h.store).pointer(A.tenantId, claimId, true)).toBeUndefined();
    expect((await getClaim(A, claimId)).status).toBe(404);
    expect((await decide(A, claimId, { outcome: 'approved', amountApprovedFen: 100_000, reason: 'ok' })).status).toBe(404);
    const record = await eventsRepository(h.store).get(X.tenantId, eventId);
    expect(record).not.toHaveProperty('facts');
    expect(record).not.toHaveProperty('cloudEvent');
    // A covered claim filed afterwards is published; by then nothing has been for this one.
    const sentinel = await coveredClaim();
    await h.waitForPublished(sentinel.eventId);
    expect((await h.published()).filter((p) => p.event.id === eventId || p.event.subject === claimId)).toEqual([]);
  });
});

// ---- isolation --------------------------------------------------------------------------

describe('isolation', () => {
  it("insurer B can neither see nor decide insurer A's claims; enterprise Y cannot see X's (404); other roles 403", async () => {
    const { claimId } = await coveredClaim();
    // B is a real insurer with its own policy for X: still no access to A's claim.
    await givePolicy(h.store, { insurerId: B.tenantId, enterpriseId: X.tenantId });
    for (const res of [await getClaim(B, claimId), await trace(B, claimId), await decide(B, claimId, { outcome: 'rejected', amountApprovedFen: 0, reason: 'no' }), await pay(B, claimId, { amountPaidFen: 1, paidOn: chinaDate(new Date()), reference: 'x' })]) {
      expect(res.status).toBe(404);
      expect(res.body.type).toBe('/problems/not-found');
    }
    expect((await list(B)).body.items.map((c: { claimId: string }) => c.claimId)).not.toContain(claimId);
    for (const res of [await getClaim(Y, claimId), await trace(Y, claimId)]) expect(res.status).toBe(404);
    expect((await list(Y)).body.items).toEqual([]);
    // The enterprise cannot decide its own claim; a base reads nothing.
    expect((await decide(X, claimId, { outcome: 'approved', amountApprovedFen: 100_000, reason: 'self' })).status).toBe(403);
    for (const res of [await getClaim(BASE, claimId), await list(BASE), await trace(BASE, claimId)]) expect(res.status).toBe(403);
    // Naming another tenant is for admins only; an admin reads the enterprise's claim with ?tenantId=.
    expect((await getClaim(Y, claimId, { tenantId: X.tenantId })).status).toBe(403);
    expect((await getClaim(A, claimId, { tenantId: X.tenantId })).status).toBe(403);
    expect((await getClaim(ADMIN, claimId)).status).toBe(400);
    expect((await getClaim(ADMIN, claimId, { tenantId: X.tenantId })).body).toMatchObject({ claimId, status: 'filed' });
    expect((await getClaim(X, 'clm_nope')).status).toBe(404);
  });

  it('lists page through every claim exactly once, newest first, for the enterprise and for its insurer', async () => {
    const E: Caller = { tenantId: newTenantId(), role: 'enterprise', keyId: 'key_e' };
    const I: Caller = { tenantId: newTenantId(), role: 'insurer', keyId: 'key_i' };
    const policy = await givePolicy(h.store, { insurerId: I.tenantId, enterpriseId: E.tenantId });
    const workerId = newWorkerId();
    await enrolWorker(h.store, { policyId: policy.policyId, enterpriseId: E.tenantId, workerId, from: addDays(chinaDate(new Date()), -3) });
    const orderId = await servedOrder(E, workerId, { checkIn: Date.now() - 3 * HOUR });
    const filed: string[] = [];
    for (let i = 0; i < 5; i++) {
      filed.push((await file(E, claimBody(orderId, { amountClaimedFen: 1000 + i }))).body.claimId);
      await h.settle();
    }
    for (const caller of [E, I]) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = (await list(caller, { limit: '2', ...(cursor ? { cursor } : {}) })).body;
        expect(page.items.length).toBeLessThanOrEqual(2);
        for (const item of page.items) expect(item).not.toHaveProperty('description');
        seen.push(...page.items.map((c: { claimId: string }) => c.claimId));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual([...filed].reverse());
    }
    expect((await list(I, { cursor: 'bm9wZQ' })).status).toBe(400);
  });
});

// ---- decision and payment -----------------------------------------------------------------

describe('decision and payment', () => {
  it('the insurer decides (partly approved) and pays; the enterprise sees both; events go out; the trace verifies', async () => {
    const { claimId } = await coveredClaim();
    const decision = await decide(A, claimId, { outcome: 'partly-approved', amountApprovedFen: 60_000, reason: '免赔额 400 元' });
    expect(decision.status).toBe(202);
    expect(decision.headers.location).toBe(`/v1/events/${decision.body.eventId}`);
    await h.settle();
    expect((await event(A, decision.body.eventId)).body).toMatchObject({ status: 'applied', type: 'claim.decide' });
    expect((await getClaim(X, claimId)).body).toMatchObject({
      status: 'decided',
      outcome: 'partly-approved',
      amountApprovedFen: 60_000,
      decision: { outcome: 'partly-approved', amountApprovedFen: 60_000, reason: '免赔额 400 元' },
      version: 2,
    });
    expect((await list(A, { status: 'decided' })).body.items.map((c: { claimId: string }) => c.claimId)).toContain(claimId);
    expect((await list(A, { status: 'filed' })).body.items.map((c: { claimId: string }) => c.claimId)).not.toContain(claimId);
    const [{ event: decided }] = await h.waitForPublished(decision.body.eventId);
    expect(decided).toMatchObject({ type: CLAIM_EVENT_TYPES.decided, anxintenant: X.tenantId, anxininsurer: A.tenantId, data: { outcome: 'partly-approved', amountApprovedFen: 60_000, version: 2 } });
    expect(publishedSchema(CLAIM_EVENT_TYPES.decided)(decided)).toBe(true);
    expect(JSON.stringify(decided)).not.toContain('免赔额');

    const payment = await pay(A, claimId, { amountPaidFen: 60_000, paidOn: chinaDate(new Date()), reference: 'CMB-20261127-0001' });
    expect(payment.status).toBe(202);
    await h.settle();
    expect((await event(A, payment.body.eventId)).body.status).toBe('applied');
    expect((await getClaim(X, claimId)).body).toMatchObject({ status: 'paid', amountPaidFen: 60_000, payment: { amountPaidFen: 60_000, reference: 'CMB-20261127-0001' }, version: 3 });
    const [{ event: paid }] = await h.waitForPublished(payment.body.eventId);
    expect(publishedSchema(CLAIM_EVENT_TYPES.paid)(paid)).toBe(true);
    expect(JSON.stringify(paid)).not.toContain('CMB-');
    expect((await list(X, { status: 'paid' })).body.items.map((c: { claimId: string }) => c.claimId)).toContain(claimId);

    for (const caller of [X, A]) {
      const t = (await trace(caller, claimId)).body;
      expect(t.entries.map((e: { type: string }) => e.type)).toEqual(['claim.filed', 'claim.decided', 'claim.paid']);
      expect(t.entries[1].actor).toMatchObject({ tenantId: A.tenantId, role: 'insurer' });
      expect(t.verification).toEqual({ valid: true, length: 3 });
      expect(decided.data.traceHash).toBe(t.entries[1].hash);
    }
  });

  it.each([
    ['pay before any decision', [] as unknown[], { pay: { amountPaidFen: 1 } }, 'cannot pay a claim in status filed'],
    ['approve a different amount', [], { decide: { outcome: 'approved', amountApprovedFen: 99_999, reason: 'r' } }, 'an approved claim is approved for the amount claimed (100000 fen)'],
    ['partly approve the full amount', [], { decide: { outcome: 'partly-approved', amountApprovedFen: 100_000, reason: 'r' } }, 'less than the amount claimed'],
    ['decide twice', [{ decide: { outcome: 'approved', amountApprovedFen: 100_000, reason: 'r' } }], { decide: { outcome: 'rejected', amountApprovedFen: 0, reason: 'r' } }, 'cannot decide a claim in status decided'],
    ['pay a rejected claim', [{ decide: { outcome: 'rejected', amountApprovedFen: 0, reason: 'r' } }], { pay: { amountPaidFen: 1 } }, 'a rejected claim cannot be paid'],
    ['pay more than approved', [{ decide: { outcome: 'partly-approved', amountApprovedFen: 5_000, reason: 'r' } }], { pay: { amountPaidFen: 5_001 } }, 'the payment exceeds the approved amount (5000 fen)'],
    ['pay twice', [{ decide: { outcome: 'approved', amountApprovedFen: 100_000, reason: 'r' } }, { pay: { amountPaidFen: 100_000 } }], { pay: { amountPaidFen: 1 } }, 'cannot pay a claim in status paid'],
  ])('%s: the event ends rejected with the reason; the claim and its trace are unchanged', async (_what, before, command, reason) => {
    const { claimId } = await coveredClaim();
    const send = (c: unknown) => {
      const { decide: d, pay: p } = c as { decide?: unknown; pay?: { amountPaidFen: number } };
      return d ? decide(A, claimId, d) : pay(A, claimId, { ...p, paidOn: chinaDate(new Date()), reference: 'REF-1' });
    };
    for (const c of before) expect((await send(c)).status).toBe(202);
    await h.settle();
    const snapshot = (await getClaim(X, claimId)).body;
    const res = await send(command);
    expect(res.status).toBe(202);
    await h.settle();
    const outcome = (await event(A, res.body.eventId)).body;
    expect(outcome.status).toBe('rejected');
    expect(outcome.reason).toContain(reason);
    expect((await getClaim(X, claimId)).body).toEqual(snapshot);
    expect((await trace(X, claimId)).body.verification).toEqual({ valid: true, length: 1 + before.length });
    expect((await h.published()).some((p) => p.event.id === res.body.eventId)).toBe(false);
  });

  it('refuses a decision that breaks the amount rule synchronously (422), and a body for the other command', async () => {
    const { claimId } = await coveredClaim();
    expect((await decide(A, claimId, { outcome: 'rejected', amountApprovedFen: 10, reason: 'r' })).status).toBe(422);
    expect((await decide(A, claimId, { amountPaidFen: 1, paidOn: '2026-11-27', reference: 'x' })).status).toBe(422);
    expect((await h.call(A, 'POST /v1/claims/{claimId}/decision', { params: { claimId }, body: { outcome: 'approved', amountApprovedFen: 100_000, reason: 'r' }, idempotencyKey: null })).status).toBe(400);
  });
});

// ---- delivery semantics ---------------------------------------------------------------------

describe('duplicate and concurrent deliveries', () => {
  async function queuedFiling() {
    const { workerId } = await coveredWorker(X, A);
    const orderId = await servedOrder(X, workerId, { checkIn: Date.now() - 2 * HOUR, checkOut: Date.now() - HOUR / 2 });
    const res = await file(X, claimBody(orderId));
    const [message] = await h.claimsQueue.drain();
    expect(message).toBeDefined();
    return { ...res.body, message: message!, parsed: parseClaimCommandMessage(message!.Body!)! };
  }

  /** The JSON text of the CloudEvent an outcome carries: what PutEvents would send as Detail. */
  const eventBytes = (result: Awaited<ReturnType<typeof applyClaimCommand>>) =>
    result.outcome === 'applied' || result.outcome === 'duplicate' ? JSON.stringify(result.cloudEvent) : undefined;

  /** The insurer's command on the claims queue, taken off it to be applied by hand. */
  async function queuedInsurerCommand(route: typeof decide, claimId: string, body: unknown) {
    expect((await route(A, claimId, body)).status).toBe(202);
    const [message] = await h.claimsQueue.drain();
    return parseClaimCommandMessage(message!.Body!)!;
  }

  it('the same message twice: one claim, one trace entry; the duplicate returns the same CloudEvent, byte for byte', async () => {
    const { claimId, parsed } = await queuedFiling();
    const first = await applyClaimCommand(h.store, parsed);
    const second = await applyClaimCommand(h.store, parsed);
    expect(first.outcome).toBe('applied');
    expect(second.outcome).toBe('duplicate');
    expect(eventBytes(second)).toBe(eventBytes(first));
    expect(JSON.parse(eventBytes(second)!)).toMatchObject({ id: parsed.eventId, type: CLAIM_EVENT_TYPES.filed });
    expect(await claimsRepository(h.store).trace(X.tenantId, claimId)).toHaveLength(1);
  });

  it('redeliveries after the claim moved on: each command re-publishes its own first event, byte for byte', async () => {
    const { claimId, parsed: filing } = await queuedFiling();
    const filed = await applyClaimCommand(h.store, filing);
    const decision = await queuedInsurerCommand(decide, claimId, { outcome: 'partly-approved', amountApprovedFen: 70_000, reason: '免赔额' });
    const decided = await applyClaimCommand(h.store, decision);
    const payment = await queuedInsurerCommand(pay, claimId, { amountPaidFen: 70_000, paidOn: chinaDate(new Date()), reference: 'REF-0001' });
    const paid = await applyClaimCommand(h.store, payment);
    expect([filed, decided, paid].map((r) => r.outcome)).toEqual(['applied', 'applied', 'applied']);

    // The claim is paid now; the event records keep only facts, the claim's other fields are written once.
    for (const [message, first] of [[filing, filed], [decision, decided], [payment, paid]] as const) {
      const again = await applyClaimCommand(h.store, message);
      expect(again.outcome).toBe('duplicate');
      expect(eventBytes(again)).toBe(eventBytes(first));
      const record = await eventsRepository(h.store).get(message.tenantId, message.eventId);
      expect(record).toMatchObject({ status: 'applied', facts: { hash: expect.any(String) } });
      expect(record).not.toHaveProperty('cloudEvent');
      // Under 1 KB as stored (keys and TTL included), so settling it in the transaction costs 2 WRU.
      const item = (await h.store.doc.send(new GetCommand({ TableName: h.store.tableName, Key: keys.event(message.tenantId, message.eventId) }))).Item!;
      expect(itemSize(marshall(item) as never)).toBeLessThan(1024);
    }
  });

  it('a settled command redelivered with another payload is refused, not answered as a duplicate', async () => {
    const { parsed } = await queuedFiling();
    expect((await applyClaimCommand(h.store, parsed)).outcome).toBe('applied');
    const tampered = { ...parsed, payload: { ...parsed.payload, amountClaimedFen: 1 } } as typeof parsed;
    await expect(applyClaimCommand(h.store, tampered)).rejects.toThrow(UnprocessableClaimMessageError);
  });

  it('concurrent deliveries of one filing: exactly one applies, one claim, one trace entry', async () => {
    const { claimId, eventId, parsed } = await queuedFiling();
    const settled = await Promise.allSettled(Array.from({ length: 6 }, () => applyClaimCommand(h.store, parsed)));
    const results = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    // A delivery that kept colliding past the write path's retries fails for SQS to retry; its retry is a duplicate.
    for (const failed of settled.filter((s) => s.status === 'rejected')) {
      expect((failed as PromiseRejectedResult).reason).toBeInstanceOf(TracedWriteConflict);
      results.push(await applyClaimCommand(h.store, parsed));
    }
    expect(results.filter((r) => r.outcome === 'applied')).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'duplicate')).toHaveLength(5);
    // Whichever way a delivery learnt it was late (settled record, cancelled transaction), it carries the one event.
    expect(new Set(results.map(eventBytes))).toEqual(new Set([eventBytes(results.find((r) => r.outcome === 'applied')!)]));
    const entries = await claimsRepository(h.store).trace(X.tenantId, claimId);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.eventId).toBe(eventId);
    expect((await claimsRepository(h.store).get(X.tenantId, claimId, true))?.version).toBe(1);
  });

  it('the consumer re-publishes on a redelivery, with the same event id (at least once)', async () => {
    const { eventId, message } = await queuedFiling();
    const { handler } = await import('../../functions/consumers/claims');
    for (let i = 0; i < 2; i++) {
      const out = await handler({ Records: [toRecord(message, 'arn:aws:sqs:us-east-1:000000000000:claims-test.fifo')] }, lambdaContext as never);
      expect(out.batchItemFailures).toEqual([]);
    }
    await h.waitForPublished(eventId);
    const copies = await (async () => {
      // Both deliveries published; wait for the second copy with a deadline.
      const deadline = Date.now() + 10_000;
      for (;;) {
        const found = (await h.published()).filter((p) => p.event.id === eventId);
        if (found.length >= 2 || Date.now() > deadline) return found;
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    expect(copies).toHaveLength(2);
    expect(JSON.stringify(copies[1]!.event)).toBe(JSON.stringify(copies[0]!.event));
  });
});

// ---- fuzz -----------------------------------------------------------------------------------

describe('POST /v1/claims under random input', () => {
  it('never answers 5xx, never stores and never queues anything', async () => {
    await h.settle();
    const count = async () => (await h.store.doc.send(new ScanCommand({ TableName: h.store.tableName, Select: 'COUNT' }))).Count;
    const before = await count();
    const valid = claimBody(newOrderId());
    const jsonish = fc.oneof(
      fc.json(),
      fc.string(),
      fc.record(Object.fromEntries(Object.keys(valid).map((k) => [k, fc.anything()]))).map((v) => JSON.stringify(v)),
      // Valid bodies with one field of the wrong type, or an incident in the future.
      fc.record({ field: fc.constantFrom(...Object.keys(valid)), value: fc.oneof(fc.constant(null), fc.boolean(), fc.dictionary(fc.string(), fc.string())) }).map(({ field, value }) => JSON.stringify({ ...valid, [field]: value })),
      fc.integer({ min: 1, max: 10_000 }).map((minutes) => JSON.stringify({ ...valid, occurredAt: local(Date.now() + minutes * 60_000) })),
    );
    const headers = fc.record({ 'content-type': fc.oneof(fc.constant('application/json'), fc.string()), 'idempotency-key': fc.oneof(fc.string(), fc.constant('fuzz-claim-key-01')) }, { requiredKeys: [] });
    await fc.assert(
      fc.asyncProperty(jsonish, headers, async (raw, hdrs) => {
        const res = await h.call(X, 'POST /v1/claims', { body: raw, headers: hdrs, idempotencyKey: null });
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(res.headers['content-type']).toBe('application/problem+json');
        expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts|Error:|DynamoDB|anxin-/);
      }),
      { numRuns: 150 },
    );
    expect(await count()).toBe(before);
    expect(await h.claimsQueue.drain()).toHaveLength(0);
  });
});
