/**
 * Credit grading through the services against DynamoDB Local: grades written once through
 * the traced write path with their published-list item and staff snapshot, the event each
 * publishes, eligibility, a black-list entry taking an enterprise off the list, concurrent
 * runs, objections on older periods, public-credit records' idempotency, and recompute
 * telling a stored grade from an edited fact or an edited record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Caller } from '../../shared/auth/roles';
import { createTenant } from '../../shared/admin/onboarding';
import type { EnterpriseMonthCounter } from '../../shared/domain/credit/facts';
import type { CloudEvent } from '../../shared/events/cloudevent';
import { CreditGradedEventSchema } from '../../shared/events/credit-cloudevent';
import { Problem } from '../../shared/lib/problem';
import { gradePeriod, runGrading } from '../../shared/services/credit-grading';
import { decideObjectionOf, fileObjection } from '../../shared/services/credit-objections';
import { recordPublicCredit } from '../../shared/services/credit-records';
import { recomputeGrade } from '../../shared/services/credit-recompute';
import { publishedGrades } from '../../shared/services/credit-views';
import type { StoreContext } from '../../shared/store/client';
import { creditFactsRepository } from '../../shared/store/credit-facts-repository';
import { creditGradesRepository } from '../../shared/store/credit-grades-repository';
import { employmentRepository } from '../../shared/store/employment-repository';
import { keys } from '../../shared/store/keys';
import { certifyWorker } from '../support/certificates';
import { endEnrolment, enrolWorker, givePolicy } from '../support/insurance';
import { addDays, chinaDate } from '../../shared/domain/insurance/days';
import { staffSnapshot } from '../../shared/services/credit-staff';
import { createTestStore } from '../support/test-store';

let store: StoreContext & { client: { destroy(): void } };
const published: CloudEvent[] = [];
const deps = () => ({ store, publish: async (events: CloudEvent[]) => void published.push(...events), stage: 'test' });
const ADMIN: Caller = { tenantId: 'ten_01JRTADMINXXXXXXXXXXXXXXXX', role: 'admin', keyId: 'key_admin' };
let eventSeq = 0;

/** Counts `n` events' worth of counters into an enterprise's month through the facts repository. */
async function count(tenantId: string, period: string, counters: Partial<Record<EnterpriseMonthCounter, number>>) {
  await creditFactsRepository(store).applyEventFacts({ eventId: `evt_seed_${++eventSeq}`, enterprise: { tenantId, period, counters } });
}

const SERVICE = { ordersCreated: 40, ordersCompleted: 36, checkIns: 36, onTimeCheckIns: 35, ratings: 20, ratingStarsSum: 94, complaintsOpened: 1, complaintsResolved: 1, complaintResolutionHoursSum: 30 };

async function enterprise(name: string, joinedOn = '2023-01-01') {
  return (await createTenant(store, { name, role: 'enterprise', joinedOn })).tenantId;
}

beforeAll(async () => {
  store = await createTestStore();
});
afterAll(() => store?.client.destroy());

describe('grading one enterprise for one period', () => {
  it('writes the grade once, with its trace, staff snapshot and list item, and publishes its event', async () => {
    const tenantId = await enterprise('广州一号家政');
    await count(tenantId, '2026-10', SERVICE);
    for (const workerId of ['wk-g1', 'wk-g2']) {
      await employmentRepository(store).link({ tenantId, workerId, status: 'current', since: '2026-01-01' });
      await certifyWorker(store, workerId, tenantId);
    }
    await employmentRepository(store).link({ tenantId, workerId: 'wk-g3', status: 'current', since: '2026-01-01' });

    const first = await gradePeriod(deps(), tenantId, '2026-10');
    expect(first.created).toBe(true);
    const grade = first.record;
    expect(grade.inputs.staff).toEqual({ currentWorkers: 3, certified: 2, greenLights: 2, trained: 0, insured: 0 });
    expect(grade.inputs.months.at(-1)).toMatchObject({ period: '2026-10', ordersCompleted: 36 });
    expect(grade.result.eligible).toBe(true);
    expect(await creditGradesRepository(store).trace(tenantId, '2026-10')).toHaveLength(1);
    expect(await creditGradesRepository(store).staffSnapshot(tenantId, '2026-10')).toEqual(grade.inputs.staff);
    expect((await publishedGrades(store, '2026')).items).toContainEqual(expect.objectContaining({ tenantId, grade: grade.result.grade, period: '2026-10' }));
    const event = published.find((e) => e.subject === tenantId)!;
    expect(CreditGradedEventSchema.safeParse(event).success).toBe(true);

    // Another certified worker now changes nothing: the period keeps its grade and snapshot.
    await certifyWorker(store, 'wk-g3', tenantId);
    const again = await gradePeriod(deps(), tenantId, '2026-10');
    expect(again).toMatchObject({ created: false });
    expect(again.record.inputsHash).toBe(grade.inputsHash);
    // Published again (the run cannot tell whether it got that far), with the same id.
    expect(published.filter((e) => e.subject === tenantId).map((e) => e.id)).toEqual([event.id, event.id]);
  });

  it('counts as insured the workers covered today, not those whose cover ended', async () => {
    const tenantId = await enterprise('广州参保家政');
    const insurerId = (await createTenant(store, { name: '测试保险', role: 'insurer' })).tenantId;
    const policy = await givePolicy(store, { insurerId, enterpriseId: tenantId });
    const today = chinaDate(new Date());
    await enrolWorker(store, { policyId: policy.policyId, enterpriseId: tenantId, workerId: 'wk-ins-1' });
    await enrolWorker(store, { policyId: policy.policyId, enterpriseId: tenantId, workerId: 'wk-ins-2', from: addDays(today, -20) });
    await endEnrolment(store, { policyId: policy.policyId, enterpriseId: tenantId, workerId: 'wk-ins-2', on: addDays(today, -10) });
    await employmentRepository(store).link({ tenantId, workerId: 'wk-ins-3', status: 'current', since: '2026-01-01' });
    expect(await staffSnapshot(store, tenantId)).toEqual({ currentWorkers: 3, certified: 0, greenLights: 0, trained: 0, insured: 1 });
  });

  it('answers concurrent runs with one grade and one trace entry', async () => {
    const tenantId = await enterprise('广州并发家政');
    await count(tenantId, '2026-10', SERVICE);
    const outcomes = await Promise.all([1, 2, 3, 4].map(() => gradePeriod(deps(), tenantId, '2026-10')));
    expect(outcomes.filter((o) => o.created)).toHaveLength(1);
    expect(new Set(outcomes.map((o) => o.record.inputsHash)).size).toBe(1);
    expect(await creditGradesRepository(store).trace(tenantId, '2026-10')).toHaveLength(1);
  });

  it('grades nobody too new or with too few orders, and keeps them off the list', async () => {
    const young = await enterprise('广州新来家政', '2026-03-01');
    await count(young, '2026-10', SERVICE);
    const quiet = await enterprise('广州清闲家政');
    await count(quiet, '2026-10', { ordersCreated: 9, ordersCompleted: 9, checkIns: 9, onTimeCheckIns: 9 });
    const [y, q] = [await gradePeriod(deps(), young, '2026-10'), await gradePeriod(deps(), quiet, '2026-10')];
    expect(y.record.result).toMatchObject({ grade: null, eligible: false, notGradedReasons: ['tenure'] });
    expect(q.record.result).toMatchObject({ grade: null, eligible: false, notGradedReasons: ['orders'] });
    const list = (await publishedGrades(store, '2026')).items.map((i) => i.tenantId);
    expect(list).not.toContain(young);
    expect(list).not.toContain(quiet);
  });

  it('takes a black-listed enterprise off the year’s list at its next grading', async () => {
    const tenantId = await enterprise('广州失信家政');
    await count(tenantId, '2026-10', SERVICE);
    await gradePeriod(deps(), tenantId, '2026-10');
    expect((await publishedGrades(store, '2026')).items.map((i) => i.tenantId)).toContain(tenantId);
    await recordPublicCredit(store, ADMIN, 'blacklist-1', { tenantId, kind: 'blacklist', points: 0, effectiveOn: '2026-11-15', evidenceRef: '穗市监信〔2026〕7号' });
    const next = await gradePeriod(deps(), tenantId, '2026-11');
    expect(next.record.result).toMatchObject({ grade: null, notGradedReasons: ['blacklisted'] });
    expect((await publishedGrades(store, '2026')).items.map((i) => i.tenantId)).not.toContain(tenantId);
  });

  it('grades every enterprise in a run, reporting what it did', async () => {
    const report = await runGrading(deps(), '2026-09');
    expect(report.failed).toEqual([]);
    expect(report.graded).toBeGreaterThanOrEqual(5);
    // The facts counted above are of October and November: 2026-09's window has no completed order.
    expect(report.notGraded).toBe(report.graded);
  });
});

describe('objections', () => {
  it('upheld on an older period leave the newer period on the list', async () => {
    const tenantId = await enterprise('广州异议家政');
    await count(tenantId, '2026-10', SERVICE);
    await count(tenantId, '2026-11', SERVICE);
    await gradePeriod(deps(), tenantId, '2026-10');
    const november = await gradePeriod(deps(), tenantId, '2026-11');
    const caller: Caller = { tenantId, role: 'enterprise', keyId: 'key_e' };
    const { objection } = await fileObjection(deps(), caller, 'objection-1', '2026-10', { indicatorId: 'on-time-rate', reason: '有一次签到设备故障' });
    const decided = await decideObjectionOf(deps(), ADMIN, { tenantId, period: '2026-10', objectionId: objection.objectionId }, { outcome: 'upheld' });
    expect(decided.grade.revision).toBe(2);
    const listed = (await publishedGrades(store, '2026')).items.find((i) => i.tenantId === tenantId);
    expect(listed).toMatchObject({ period: '2026-11', grade: november.record.result.grade });
    expect((await creditGradesRepository(store).trace(tenantId, '2026-10')).map((e) => e.type)).toEqual(['credit.graded', 'credit.objection-filed', 'credit.objection-upheld']);
    // The re-grade published revision 2 under its own id.
    const events = published.filter((e) => e.subject === tenantId && (e.data as { period: string }).period === '2026-10');
    expect(events.map((e) => (e.data as { revision: number }).revision)).toEqual([1, 2]);
    expect(new Set(events.map((e) => e.id)).size).toBe(2);
  });

  it('refuse a reused Idempotency-Key with another body', async () => {
    const tenantId = await enterprise('广州重复家政');
    await count(tenantId, '2026-10', SERVICE);
    await gradePeriod(deps(), tenantId, '2026-10');
    const caller: Caller = { tenantId, role: 'enterprise', keyId: 'key_e' };
    await fileObjection(deps(), caller, 'objection-k', '2026-10', { indicatorId: 'on-time-rate', reason: 'a' });
    const reused = await fileObjection(deps(), caller, 'objection-k', '2026-10', { indicatorId: 'rating-average', reason: 'b' }).catch((e: unknown) => e);
    expect(reused).toBeInstanceOf(Problem);
    expect((reused as Problem).status).toBe(422);
  });
});

describe('public-credit records', () => {
  it('are recorded once per key; the same key with another body is refused', async () => {
    const tenantId = await enterprise('广州奖励家政');
    const input = { tenantId, kind: 'reward' as const, points: 2, effectiveOn: '2026-06-01', evidenceRef: '穗家协奖〔2026〕1号' };
    const first = await recordPublicCredit(store, ADMIN, 'reward-1', input);
    const again = await recordPublicCredit(store, ADMIN, 'reward-1', input);
    expect([first.created, again.created]).toEqual([true, false]);
    expect(again.record).toEqual(first.record);
    const other = await recordPublicCredit(store, ADMIN, 'reward-1', { ...input, points: 3 }).catch((e: unknown) => e);
    expect((other as Problem).status).toBe(422);
    const missing = await recordPublicCredit(store, ADMIN, 'reward-2', { ...input, tenantId: 'ten_01JRTNOSUCHTENANTXXXXXXXXX' }).catch((e: unknown) => e);
    expect((missing as Problem).status).toBe(404);
  });
});

describe('recompute', () => {
  it('matches a stored grade, and names an edited fact, an edited record and a removed snapshot', async () => {
    const tenantId = await enterprise('广州复核家政');
    await count(tenantId, '2026-10', SERVICE);
    await gradePeriod(deps(), tenantId, '2026-10');
    const clean = await recomputeGrade(store, tenantId, '2026-10');
    expect(clean.checks.filter((c) => !c.ok)).toEqual([]);
    expect(clean.matches).toBe(true);

    await store.doc.send(new UpdateCommand({ TableName: store.tableName, Key: keys.creditFactsMonth(tenantId, '2026-10'), UpdateExpression: 'ADD complaintsOpened :one', ExpressionAttributeValues: { ':one': 1 } }));
    const edited = await recomputeGrade(store, tenantId, '2026-10');
    expect(edited.matches).toBe(false);
    expect(edited.differences).toEqual([{ pointer: '/months/11/complaintsOpened', graded: 1, now: 2 }]);
    expect(edited.checks.find((c) => c.check === 'inputs hash')?.ok).toBe(false);

    // The grade item itself edited: a better score than its inputs give.
    await store.doc.send(new UpdateCommand({ TableName: store.tableName, Key: keys.creditGrade(tenantId, '2026-10'), UpdateExpression: 'SET #r.score = :s', ExpressionAttributeNames: { '#r': 'result' }, ExpressionAttributeValues: { ':s': 99.99 } }));
    const forged = await recomputeGrade(store, tenantId, '2026-10');
    expect(forged.checks.filter((c) => !c.ok).map((c) => c.check)).toEqual(expect.arrayContaining(['record matches its trace entry', 'record result follows from its inputs', 'score']));

    expect(await recomputeGrade(store, tenantId, '2020-01')).toMatchObject({ found: false, matches: false });
  });
});
