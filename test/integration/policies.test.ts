/**
 * Group policies, rosters, coverage and the subsidy report against DynamoDB Local, each
 * handler invoked by its route as CDK deploys it (support/worker-harness.ts: workers are
 * registered through the registry with a local KMS). Covers issuing (idempotent by policy
 * number), listing, reading, cancelling; the enrolment rules; tenancy (another insurer or
 * enterprise → 404, wrong role → 403); the coverage lookup's three reasons; the subsidy
 * numbers; and the certificate light turning green once the worker is insured.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../../shared/admin/onboarding';
import type { Caller } from '../../shared/auth/roles';
import { addDays, chinaDate } from '../../shared/domain/insurance/days';
import { newWorkerId } from '../../shared/lib/ids';
import { findCoverage } from '../../shared/services/insurance-coverage';
import { certificationFacts } from '../../shared/services/worker-facts';
import { policiesRepository } from '../../shared/store/policies-repository';
import { verifyChain } from '../../shared/trace/chain';
import { startWorkerHarness, type WorkerHarness } from '../support/worker-harness';
import { person } from '../support/workers';

let h: WorkerHarness;
let INS_A: Caller;
let INS_B: Caller;
let ENT_A: Caller;
let ENT_B: Caller;
let BASE: Caller;
const ADMIN: Caller = { tenantId: 'ten_01JADMINAAAAAAAAAAAAAAAAAA', role: 'admin', keyId: 'key_admin' };

const today = chinaDate(new Date());
const inDays = (n: number) => addDays(today, n);
let numbers = 0;
const policyNumber = () => `GZ-${process.pid}-${Date.now().toString(36)}-${++numbers}`;

const tenant = async (name: string, role: Caller['role']): Promise<Caller> => ({ tenantId: (await createTenant(h.store, { name, role })).tenantId, role, keyId: `key_${role}` });

beforeAll(async () => {
  h = await startWorkerHarness();
  INS_A = await tenant('甲保险公司', 'insurer');
  INS_B = await tenant('乙保险公司', 'insurer');
  ENT_A = await tenant('甲家政服务有限公司', 'enterprise');
  ENT_B = await tenant('乙家政服务有限公司', 'enterprise');
  BASE = await tenant('广州市家政培训基地', 'training-base');
});
afterAll(async () => {
  await h?.close();
});

const terms = (enterprise: Caller, over: Record<string, unknown> = {}) => ({
  enterpriseId: enterprise.tenantId,
  policyNumber: policyNumber(),
  covers: ['worker-accident', 'third-party-liability'],
  startsOn: today,
  endsOn: addDays(inDays(365), -1),
  premiumPerWorkerFen: 36_500,
  ...over,
});
const issue = (caller: Caller, body: unknown) => h.call(caller, 'POST /v1/policies', { body });
const getPolicy = (caller: Caller, policyId: string) => h.call(caller, 'GET /v1/policies/{policyId}', { params: { policyId } });
const listPolicies = (caller: Caller, query?: Record<string, string>) => h.call(caller, 'GET /v1/policies', { query });
const cancel = (caller: Caller, policyId: string, body: unknown) => h.call(caller, 'POST /v1/policies/{policyId}/cancel', { params: { policyId }, body });
const enrol = (caller: Caller, policyId: string, body: unknown) => h.call(caller, 'POST /v1/policies/{policyId}/enrolments', { params: { policyId }, body });
const endEnrolment = (caller: Caller, policyId: string, workerId: string, body: unknown) =>
  h.call(caller, 'POST /v1/policies/{policyId}/enrolments/{workerId}/end', { params: { policyId, workerId }, body });
const roster = (caller: Caller, policyId: string, query?: Record<string, string>) => h.call(caller, 'GET /v1/policies/{policyId}/enrolments', { params: { policyId }, query });
const subsidy = (caller: Caller, query: Record<string, string>) => h.call(caller, 'GET /v1/insurance/subsidy', { query });

async function issued(insurer: Caller, enterprise: Caller, over: Record<string, unknown> = {}): Promise<string> {
  const res = await issue(insurer, terms(enterprise, over));
  expect(res.status).toBe(201);
  return res.body.policyId;
}

const ROSTER_CONSENT = { scope: 'insurance-roster', version: '2026-01', granted: true };
const CREDIT_CONSENT = { scope: 'credit-information', version: '2026-01', granted: true };

/** A worker registered by `enterprise` through the registry (with the roster consent unless told otherwise). */
async function worker(enterprise: Caller, consents: unknown[] = [ROSTER_CONSENT]): Promise<string> {
  const p = person();
  const res = await h.call(enterprise, 'POST /v1/workers', { body: { idNumber: p.idNumber, name: p.name, serviceCategories: ['nanny'], consents } });
  expect(res.status).toBe(201);
  return res.body.workerId;
}

describe('issuing, reading and listing policies', () => {
  it('issues a policy (201) that its insurer and the enterprise holding it can read, and nobody else', async () => {
    const body = terms(ENT_A);
    const res = await issue(INS_A, body);
    expect(res.status).toBe(201);
    const { policyId } = res.body;
    expect(res.headers.location).toBe(`/v1/policies/${policyId}`);
    expect(res.body).toEqual({
      policyId: expect.stringMatching(/^pol_/),
      policyNumber: body.policyNumber,
      insurerId: INS_A.tenantId,
      enterpriseId: ENT_A.tenantId,
      covers: ['third-party-liability', 'worker-accident'],
      startsOn: body.startsOn,
      endsOn: body.endsOn,
      premiumPerWorkerFen: 36_500,
      status: 'active',
      state: 'in-force',
      coverEndsOn: body.endsOn,
      issuedAt: expect.any(String),
    });
    expect((await getPolicy(INS_A, policyId)).body).toEqual(res.body);
    expect((await getPolicy(ENT_A, policyId)).body).toEqual(res.body);
    for (const other of [INS_B, ENT_B]) {
      const denied = await getPolicy(other, policyId);
      expect(denied.status).toBe(404);
      expect(denied.body.type).toBe('/problems/not-found');
    }
    expect((await getPolicy(BASE, policyId)).status).toBe(403);
    expect((await getPolicy(INS_A, 'pol_nonsense')).status).toBe(404);
  });

  it('is idempotent by policy number: same terms 200 with the same policy, other terms 409', async () => {
    const body = terms(ENT_A);
    const first = await issue(INS_A, body);
    expect(first.status).toBe(201);
    const again = await issue(INS_A, { ...body, covers: [...body.covers].reverse() });
    expect(again.status).toBe(200);
    expect(again.body.policyId).toBe(first.body.policyId);
    const other = await issue(INS_A, { ...body, premiumPerWorkerFen: 40_000 });
    expect(other.status).toBe(409);
    expect(other.body.type).toBe('/problems/policy-number-taken');
    // Another insurer may use the same number.
    expect((await issue(INS_B, body)).status).toBe(201);
    expect((await policiesRepository(h.store).trace(INS_A.tenantId, first.body.policyId)).map((e) => e.type)).toEqual(['policy.issued']);
  });

  it('refuses other roles (403) and bad input (400/422), storing nothing', async () => {
    for (const caller of [ENT_A, BASE, ADMIN]) expect((await issue(caller, terms(ENT_A))).status).toBe(403);
    const cases: [Record<string, unknown>, string][] = [
      [{ endsOn: inDays(-1) }, '/endsOn'],
      [{ endsOn: inDays(367) }, '/endsOn'],
      [{ enterpriseId: 'ten_01JNOSUCHENTERPRISEAAAAAAA' }, '/enterpriseId'],
      [{ enterpriseId: INS_B.tenantId }, '/enterpriseId'],
      [{ covers: [] }, '/covers'],
      [{ covers: ['fire'] }, '/covers/0'],
      [{ premiumPerWorkerFen: 100.5 }, '/premiumPerWorkerFen'],
      [{ premiumPerWorkerFen: 0 }, '/premiumPerWorkerFen'],
      [{ startsOn: '2026-02-30' }, '/startsOn'],
      [{ policyNumber: 'A#B' }, '/policyNumber'],
      [{ extra: 1 }, ''],
    ];
    const insurer = await tenant('丙保险公司', 'insurer');
    for (const [over, pointer] of cases) {
      const res = await issue(insurer, terms(ENT_A, over));
      expect(res.status, JSON.stringify(over)).toBe(422);
      expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer === '' ? '/' : pointer);
    }
    const malformed = await h.call(insurer, 'POST /v1/policies', { body: '{not json' });
    expect(malformed.status).toBe(400);
    expect((await listPolicies(insurer)).body.items).toEqual([]);
  });

  it('lists an insurer\'s issued and an enterprise\'s held policies, newest first, with a cursor', async () => {
    const insurer = await tenant('丁保险公司', 'insurer');
    const enterprise = await tenant('丁家政服务有限公司', 'enterprise');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await issued(insurer, enterprise));
    const other = await issued(INS_A, enterprise);
    const first = await listPolicies(insurer, { limit: '2' });
    expect(first.status).toBe(200);
    expect(first.body.items.map((p: { policyId: string }) => p.policyId)).toEqual([ids[2], ids[1]]);
    const second = await listPolicies(insurer, { limit: '2', cursor: first.body.nextCursor });
    expect(second.body.items.map((p: { policyId: string }) => p.policyId)).toEqual([ids[0]]);
    expect(second.body.nextCursor).toBeUndefined();
    const held = await listPolicies(enterprise);
    expect(held.body.items.map((p: { policyId: string }) => p.policyId)).toEqual([other, ids[2], ids[1], ids[0]]);
    expect((await listPolicies(insurer, { cursor: 'bm9wZQ' })).status).toBe(400);
    expect((await listPolicies(insurer, { limit: '0' })).status).toBe(400);
    expect((await listPolicies(BASE)).status).toBe(403);
    expect((await listPolicies(ADMIN)).status).toBe(403);
  });
});

describe('cancelling a policy', () => {
  it('the insurer cancels with a last day of cover; the same day again 200, another 409; a trace entry each', async () => {
    const policyId = await issued(INS_A, ENT_A);
    expect((await cancel(INS_B, policyId, { effectiveOn: inDays(30) })).status).toBe(404);
    expect((await cancel(ENT_A, policyId, { effectiveOn: inDays(30) })).status).toBe(403);
    const past = await cancel(INS_A, policyId, { effectiveOn: inDays(-1) });
    expect(past.status).toBe(422);
    expect(past.body.errors[0].pointer).toBe('/effectiveOn');
    const res = await cancel(INS_A, policyId, { effectiveOn: inDays(30) });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'cancelled', state: 'in-force', coverEndsOn: inDays(30), cancellation: { effectiveOn: inDays(30) } });
    expect((await cancel(INS_A, policyId, { effectiveOn: inDays(30) })).status).toBe(200);
    const again = await cancel(INS_A, policyId, { effectiveOn: inDays(20) });
    expect(again.status).toBe(409);
    expect(again.body.type).toBe('/problems/policy-cancelled');
    expect((await getPolicy(ENT_A, policyId)).body).toMatchObject({ status: 'cancelled', coverEndsOn: inDays(30) });
    const trace = await policiesRepository(h.store).trace(INS_A.tenantId, policyId);
    expect(trace.map((e) => e.type)).toEqual(['policy.issued', 'policy.cancelled']);
    const policy = await policiesRepository(h.store).get(INS_A.tenantId, policyId);
    expect(verifyChain(trace, policy!.traceHead)).toEqual({ valid: true, length: 2 });
  });

  it('GET …/trace shows both parties the verified chain; other tenants get 404, other roles 403', async () => {
    const policyId = await issued(INS_A, ENT_A);
    expect((await cancel(INS_A, policyId, { effectiveOn: inDays(30) })).status).toBe(200);
    for (const reader of [INS_A, ENT_A]) {
      const res = await h.call(reader, 'GET /v1/policies/{policyId}/trace', { params: { policyId } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ policyId, verification: { valid: true, length: 2 } });
      expect(res.body.entries.map((e: { type: string }) => e.type)).toEqual(['policy.issued', 'policy.cancelled']);
    }
    for (const outsider of [INS_B, ENT_B]) expect((await h.call(outsider, 'GET /v1/policies/{policyId}/trace', { params: { policyId } })).status).toBe(404);
    expect((await h.call(ADMIN, 'GET /v1/policies/{policyId}/trace', { params: { policyId } })).status).toBe(403);
  });
});

describe('enrolments', () => {
  let policyId: string;
  let workerId: string;

  beforeAll(async () => {
    policyId = await issued(INS_A, ENT_A, { startsOn: inDays(-10), endsOn: inDays(200) });
    workerId = await worker(ENT_A);
  });

  it('enrols an employed, consenting worker (201); the same enrolment again 200', async () => {
    const res = await enrol(ENT_A, policyId, { workerId, from: today });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ policyId, workerId, from: today, enrolledAt: expect.any(String) });
    const again = await enrol(ENT_A, policyId, { workerId, from: today });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(res.body);
  });

  it('refuses an overlapping period (409), and fits one after an ended period', async () => {
    const overlap = await enrol(ENT_A, policyId, { workerId, from: inDays(5) });
    expect(overlap.status).toBe(409);
    expect(overlap.body.type).toBe('/problems/enrolment-overlap');
    const ended = await endEnrolment(ENT_A, policyId, workerId, { on: inDays(9) });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ policyId, workerId, from: today, until: inDays(9), endedAt: expect.any(String) });
    expect((await endEnrolment(ENT_A, policyId, workerId, { on: inDays(9) })).status).toBe(200);
    expect((await enrol(ENT_A, policyId, { workerId, from: inDays(9) })).status).toBe(409);
    expect((await enrol(ENT_A, policyId, { workerId, from: inDays(10), until: inDays(20) })).status).toBe(201);
    const list = await roster(ENT_A, policyId);
    expect(list.body.items).toEqual([
      { policyId, workerId, from: today, until: inDays(9), enrolledAt: expect.any(String), endedAt: expect.any(String) },
      { policyId, workerId, from: inDays(10), until: inDays(20), enrolledAt: expect.any(String) },
    ]);
  });

  it('refuses a worker not employed by the enterprise, one without the roster consent, and dates outside the rules (422)', async () => {
    const elsewhere = await worker(ENT_B);
    const notEmployed = await enrol(ENT_A, policyId, { workerId: elsewhere, from: today });
    expect(notEmployed.status).toBe(422);
    expect(notEmployed.body.errors).toEqual([{ pointer: '/workerId', detail: 'is not currently employed by the enterprise holding this policy' }]);
    const unknown = await enrol(ENT_A, policyId, { workerId: newWorkerId(), from: today });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/workerId', '/workerId']);

    const noConsent = await worker(ENT_A, [CREDIT_CONSENT]);
    const refused = await enrol(ENT_A, policyId, { workerId: noConsent, from: today });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{ pointer: '/workerId', detail: 'has not given the insurance-roster consent' }]);
    // Once the worker consents, the enrolment goes through.
    expect((await h.call(ENT_A, 'POST /v1/workers/{workerId}/consents', { params: { workerId: noConsent }, body: ROSTER_CONSENT })).status).toBe(200);
    expect((await enrol(ENT_A, policyId, { workerId: noConsent, from: today })).status).toBe(201);

    const fresh = await worker(ENT_A);
    for (const [body, pointer] of [
      [{ from: inDays(-1) }, '/from'],
      [{ from: inDays(201) }, '/from'],
      [{ from: today, until: inDays(201) }, '/until'],
      [{ from: inDays(3), until: inDays(2) }, '/until'],
    ] as const) {
      const res = await enrol(ENT_A, policyId, { workerId: fresh, ...body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.errors[0].pointer).toBe(pointer);
    }
    expect((await enrol(ENT_A, policyId, { workerId: fresh, from: 'tomorrow' })).status).toBe(422);
    expect((await enrol(ENT_A, policyId, { workerId: fresh, from: today, name: 'x' })).status).toBe(422);
  });

  it('ending: 404 for a worker not on the roster, 422 for a past day', async () => {
    const other = await worker(ENT_A);
    expect((await endEnrolment(ENT_A, policyId, other, { on: today })).status).toBe(404);
    expect((await enrol(ENT_A, policyId, { workerId: other, from: today })).status).toBe(201);
    const past = await endEnrolment(ENT_A, policyId, other, { on: inDays(-1) });
    expect(past.status).toBe(422);
    expect(past.body.errors[0].pointer).toBe('/on');
  });

  it('only the enterprise holding the policy changes its roster; both it and the insurer read it; nobody else', async () => {
    const w = await worker(ENT_B);
    expect((await enrol(ENT_B, policyId, { workerId: w, from: today })).status).toBe(404);
    expect((await endEnrolment(ENT_B, policyId, workerId, { on: inDays(9) })).status).toBe(404);
    expect((await enrol(INS_A, policyId, { workerId: w, from: today })).status).toBe(403);
    expect((await enrol(BASE, policyId, { workerId: w, from: today })).status).toBe(403);
    const insurerView = await roster(INS_A, policyId, { limit: '2' });
    expect(insurerView.status).toBe(200);
    expect(insurerView.body.items).toHaveLength(2);
    expect(insurerView.body.nextCursor).toEqual(expect.any(String));
    const rest = await roster(INS_A, policyId, { cursor: insurerView.body.nextCursor });
    expect(rest.body.items.length).toBeGreaterThan(0);
    // Worker ids and periods only: nothing personal on a roster.
    for (const item of [...insurerView.body.items, ...rest.body.items]) {
      expect(Object.keys(item).sort()).toEqual(expect.arrayContaining(['enrolledAt', 'from', 'policyId', 'workerId']));
      expect(Object.keys(item).every((k) => ['policyId', 'workerId', 'from', 'until', 'enrolledAt', 'endedAt'].includes(k))).toBe(true);
    }
    expect((await roster(INS_B, policyId)).status).toBe(404);
    expect((await roster(ENT_B, policyId)).status).toBe(404);
  });

  it('every roster change is on the policy\'s trace, and the chain verifies', async () => {
    const repo = policiesRepository(h.store);
    const trace = await repo.trace(INS_A.tenantId, policyId);
    expect(trace[0]!.type).toBe('policy.issued');
    expect(trace.filter((e) => e.type === 'policy.worker-enrolled').length).toBeGreaterThanOrEqual(4);
    expect(trace.filter((e) => e.type === 'policy.enrolment-ended')).toHaveLength(1);
    expect(verifyChain(trace, (await repo.get(INS_A.tenantId, policyId))!.traceHead)).toMatchObject({ valid: true });
    // The enterprise's copy follows the insurer's original.
    expect(await repo.get(ENT_A.tenantId, policyId)).toEqual(await repo.get(INS_A.tenantId, policyId));
  });
});

describe('concurrent changes', () => {
  it('enrolments racing on one policy all land, each once, on one unforked trace', async () => {
    const ent = await tenant('辛家政服务有限公司', 'enterprise');
    const policyId = await issued(INS_A, ent);
    const workers = await Promise.all([1, 2, 3, 4, 5].map(() => worker(ent)));
    const answers = await Promise.all([...workers, workers[0]!].map((workerId) => enrol(ent, policyId, { workerId, from: today })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 201, 201, 201, 201, 201]);
    const repo = policiesRepository(h.store);
    const trace = await repo.trace(INS_A.tenantId, policyId);
    expect(trace.map((e) => e.type)).toEqual(['policy.issued', ...workers.map(() => 'policy.worker-enrolled')]);
    expect(verifyChain(trace, (await repo.get(INS_A.tenantId, policyId))!.traceHead)).toEqual({ valid: true, length: 6 });
    expect((await roster(ent, policyId)).body.items).toHaveLength(5);
  });

  it('the same policy number issued twice at once is one policy', async () => {
    const body = terms(ENT_A);
    const [a, b] = await Promise.all([issue(INS_A, body), issue(INS_A, body)]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.policyId).toBe(b.body.policyId);
  });
});

describe('coverage lookup', () => {
  const at = (day: string) => `${day}T10:00:00+08:00`;

  it('covered, and each reason it is not', async () => {
    const accidentOnly = await issued(INS_A, ENT_B, { covers: ['worker-accident'], endsOn: inDays(10) });
    const cancelledToday = await issued(INS_B, ENT_B, { covers: ['third-party-liability'], endsOn: inDays(300) });
    const workerId = await worker(ENT_B);
    expect((await enrol(ENT_B, accidentOnly, { workerId, from: today })).status).toBe(201);
    expect((await enrol(ENT_B, cancelledToday, { workerId, from: today })).status).toBe(201);
    expect((await cancel(INS_B, cancelledToday, { effectiveOn: today })).status).toBe(200);
    const q = { enterpriseId: ENT_B.tenantId, workerId };

    expect(await findCoverage(h.store, { ...q, at: at(today), claimType: 'worker-accident' })).toEqual({
      covered: true,
      policyId: accidentOnly,
      policyNumber: expect.any(String),
      insurerId: INS_A.tenantId,
      enrolledFrom: today,
    });
    expect(await findCoverage(h.store, { ...q, at: at(today), claimType: 'property-damage' })).toMatchObject({ covered: true, policyId: cancelledToday, insurerId: INS_B.tenantId });
    // Tomorrow the liability policy is cancelled: in force is only the accident one.
    expect(await findCoverage(h.store, { ...q, at: at(inDays(1)), claimType: 'third-party-injury' })).toMatchObject({ covered: false, reason: 'cover-not-included' });
    // After the accident policy's end, nothing is in force.
    expect(await findCoverage(h.store, { ...q, at: at(inDays(11)), claimType: 'worker-accident' })).toMatchObject({ covered: false, reason: 'policy-not-active' });
    // Before the enrolment, or with another enterprise, the worker was not enrolled.
    expect(await findCoverage(h.store, { ...q, at: at(inDays(-1)), claimType: 'worker-accident' })).toMatchObject({ covered: false, reason: 'worker-not-enrolled' });
    expect(await findCoverage(h.store, { ...q, enterpriseId: ENT_A.tenantId, at: at(today), claimType: 'worker-accident' })).toMatchObject({ covered: false, reason: 'worker-not-enrolled' });
  });
});

describe('subsidy report', () => {
  it('computes premium and subsidy per enterprise and year, with the annual and the three-year caps', async () => {
    const ent = await tenant('戊家政服务有限公司', 'enterprise');
    // 2030 is a common year: 36500 fen over 365 days is 100 fen a day.
    const p1 = await issued(INS_A, ent, { startsOn: '2030-01-01', endsOn: '2030-12-31', premiumPerWorkerFen: 36_500 });
    const p2 = await issued(INS_B, ent, { startsOn: '2030-01-01', endsOn: '2030-12-31', premiumPerWorkerFen: 20_000 });
    const [w1, w2] = [await worker(ent), await worker(ent)];
    // w1 all year on p1: 36500, half 18250 → capped at 15000.
    expect((await enrol(ent, p1, { workerId: w1, from: '2030-01-01' })).status).toBe(201);
    // w2 on p1 from 1 July (184 days: 18400, half 9200) and on p2 Jan–Mar (90 days: 20000 × 90 / 365 = 4931.5 → 4932, half 2466).
    expect((await enrol(ent, p1, { workerId: w2, from: '2030-07-01' })).status).toBe(201);
    expect((await enrol(ent, p2, { workerId: w2, from: '2030-01-01', until: '2030-03-31' })).status).toBe(201);

    const res = await subsidy(ent, { year: '2030' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      enterpriseId: ent.tenantId,
      year: 2030,
      workersEnrolled: 2,
      workersSubsidised: 2,
      premiumFen: 36_500 + 18_400 + 4_932,
      subsidyFen: 15_000 + 9_200 + 2_466,
      workersAtAnnualCap: 1,
      workersAtYearLimit: 0,
      policies: expect.arrayContaining([
        { policyId: p1, policyNumber: expect.any(String), insurerId: INS_A.tenantId, workers: 2, enrolledDays: 365 + 184, premiumFen: 54_900, subsidyFen: 24_200 },
        { policyId: p2, policyNumber: expect.any(String), insurerId: INS_B.tenantId, workers: 1, enrolledDays: 90, premiumFen: 4_932, subsidyFen: 2_466 },
      ]),
      rules: { ratePercent: 50, capPerWorkerYearFen: 15_000, maxYearsPerWorker: 3 },
    });
    expect(res.body.policies).toHaveLength(2);
    expect((await subsidy(ADMIN, { year: '2030', tenantId: ent.tenantId })).body).toEqual(res.body);
    expect((await subsidy(ent, { year: '2031' })).body).toMatchObject({ workersEnrolled: 0, premiumFen: 0, subsidyFen: 0, policies: [] });
  });

  it('pays nothing in a worker\'s fourth year', async () => {
    const ent = await tenant('己家政服务有限公司', 'enterprise');
    const w = await worker(ent);
    for (const year of [2030, 2031, 2032, 2033]) {
      const policyId = await issued(INS_A, ent, { startsOn: `${year}-01-01`, endsOn: `${year}-12-31`, premiumPerWorkerFen: 10_000 });
      expect((await enrol(ent, policyId, { workerId: w, from: `${year}-01-01` })).status).toBe(201);
    }
    expect((await subsidy(ent, { year: '2032' })).body).toMatchObject({ workersEnrolled: 1, workersSubsidised: 1, premiumFen: 10_000, subsidyFen: 5_000, workersAtYearLimit: 0 });
    expect((await subsidy(ent, { year: '2033' })).body).toMatchObject({ workersEnrolled: 1, workersSubsidised: 0, premiumFen: 10_000, subsidyFen: 0, workersAtYearLimit: 1 });
  });

  it('refuses other roles, other tenants and bad queries', async () => {
    expect((await subsidy(INS_A, { year: '2030' })).status).toBe(403);
    expect((await subsidy(ENT_A, { year: '2030', tenantId: ENT_B.tenantId })).status).toBe(403);
    expect((await subsidy(ENT_A, { year: '30' })).status).toBe(400);
    expect((await subsidy(ENT_A, {})).status).toBe(400);
    expect((await subsidy(ADMIN, { year: '2030' })).status).toBe(400);
  });
});

describe('the certificate light', () => {
  it('turns green once a fully certified worker is insured; the cover\'s end is the insurance fact', async () => {
    const ent = await tenant('庚家政服务有限公司', 'enterprise');
    const workerId = await worker(ent, [CREDIT_CONSENT, ROSTER_CONSENT]);
    const check = (kind: string, body: unknown) => h.call(ent, `POST /v1/workers/{workerId}/checks/${kind}`, { params: { workerId }, body });
    expect((await check('identity', { verified: true, method: 'id-card-reader' })).status).toBe(200);
    expect((await check('background', { result: 'clear', date: inDays(-20) })).status).toBe(200);
    expect((await check('health', { examDate: inDays(-20), passed: true, validUntil: inDays(300) })).status).toBe(200);
    const report = (segment: string, body: unknown) => h.call(BASE, `POST /v1/training/${segment}`, { body });
    expect((await report('enrolments', { workerId, courseCode: 'BM-01', category: 'nanny', enrolledOn: inDays(-60) })).status).toBe(202);
    expect((await report('completions', { workerId, courseCode: 'BM-01', category: 'nanny', completedOn: inDays(-15) })).status).toBe(202);
    expect((await report('exam-results', { workerId, courseCode: 'BM-01', category: 'nanny', examDate: inDays(-10), score: 90, passed: true })).status).toBe(202);
    await h.settleTraining();
    const certificate = async () => (await h.call(ent, 'GET /v1/workers/{workerId}/certificate', { params: { workerId } })).body;
    expect(await certificate()).toMatchObject({ status: 'ISSUED', light: 'yellow' });
    expect(JSON.stringify(await certificate())).toContain('insurance-missing');

    const policyId = await issued(INS_A, ent, { startsOn: inDays(-5), endsOn: inDays(100) });
    expect((await enrol(ent, policyId, { workerId, from: today })).status).toBe(201);
    expect(await certificate()).toMatchObject({ status: 'ISSUED', light: 'green' });
    expect((await certificationFacts(h.store, workerId)).insurance).toEqual({ activeUntil: inDays(100) });

    // Ending the enrolment or cancelling the policy moves the fact (still covered today: still green).
    expect((await endEnrolment(ent, policyId, workerId, { on: inDays(30) })).status).toBe(200);
    expect((await certificationFacts(h.store, workerId)).insurance).toEqual({ activeUntil: inDays(30) });
    expect((await cancel(INS_A, policyId, { effectiveOn: inDays(7) })).status).toBe(200);
    expect((await certificationFacts(h.store, workerId)).insurance).toEqual({ activeUntil: inDays(7) });
    expect(await certificate()).toMatchObject({ light: 'green' });
  });
});
