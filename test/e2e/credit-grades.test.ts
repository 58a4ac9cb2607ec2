/**
 * Credit grades end to end on the local platform, over HTTP as partners and officers use
 * them: three enterprises with different histories — good service; late check-ins, worker
 * no-shows, low ratings and complaints; the good history plus a recorded penalty — are
 * counted by the credit-facts consumer from their order events, graded by the monthly
 * function, and checked against the formula of docs/credit-grading.md computed here by a
 * second implementation (test/support/credit-formula.ts) from what the test itself drove.
 * Then: the published list, objections dismissed and upheld (a re-grade), recompute
 * matching and then naming an edited fact, and the employer's grade on the public
 * certificate check. Every wait polls with a deadline.
 */
import { conformingFetch } from '../support/openapi-conformance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { creditCommand } from '../../cli/credit-commands';
import { createKey, createTenant } from '../../shared/admin/onboarding';
import type { EnterpriseCreditInputs, EnterpriseMonthFacts, StaffSnapshot } from '../../shared/domain/credit/facts';
import { windowMonths } from '../../shared/domain/credit/period';
import { shanghaiMonth } from '../../shared/lib/shanghai-day';
import { fillWindow } from '../../shared/services/credit-inputs';
import { creditFactsRepository } from '../../shared/store/credit-facts-repository';
import { certificatesRepository } from '../../shared/store/certificates-repository';
import { employmentRepository } from '../../shared/store/employment-repository';
import { keys } from '../../shared/store/keys';
import { tenantsRepository } from '../../shared/store/tenants-repository';
import { validOrder } from '../support/fixtures';
import { certifyWorker } from '../support/certificates';
import { expectedGrade } from '../support/credit-formula';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response shapes are asserted, not typed
type Json = any;

const JOINED_ON = '2024-06-01';
/** EXAMPLE_ORDER starts at 09:00 in Guangzhou; 15 minutes of grace. */
const ON_TIME = '2026-12-01T09:02:00+08:00';
const LATE = '2026-12-01T09:40:00+08:00';

let platform: TestPlatform;
let adminKey: string;
let requestCount = 0;

interface Enterprise {
  name: string;
  tenantId: string;
  key: string;
  workers: string[];
}

async function api(path: string, init: { method?: string; key?: string; body?: unknown; idempotencyKey?: string } = {}): Promise<{ status: number; body: Json }> {
  const headers: Record<string, string> = {};
  if (init.key) headers.authorization = `Bearer ${init.key}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.method === 'POST' && init.key) headers['idempotency-key'] = init.idempotencyKey ?? `e2e-credit-${process.pid}-${++requestCount}`;
  const res = await conformingFetch(`${platform.apiUrl}${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}
const post = (key: string, path: string, body: unknown = {}, idempotencyKey?: string) => api(path, { method: 'POST', key, body, idempotencyKey });

const settled = (key: string, eventId: string): Promise<Json> =>
  eventually(async () => {
    const event = (await api(`/v1/events/${eventId}`, { key })).body;
    return event?.status === 'accepted' ? undefined : event;
  }, 60_000, `event ${eventId} to settle`);

async function applied(key: string, res: { status: number; body: Json }, what: string): Promise<Json> {
  expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(202);
  const event = await settled(key, res.body.eventId);
  expect(event.status, `${what}: ${JSON.stringify(event)}`).toBe('applied');
  return event;
}

async function enterprise(name: string, workerCount: number): Promise<Enterprise> {
  const tenant = await createTenant(platform.store, { name, role: 'enterprise', joinedOn: JOINED_ON });
  const { apiKey } = await createKey(platform.store, tenant.tenantId);
  const workers: string[] = [];
  for (let i = 0; i < workerCount; i++) {
    const workerId = `wk-${Math.random().toString(36).slice(2, 10)}`;
    await employmentRepository(platform.store).link({ tenantId: tenant.tenantId, workerId, status: 'current', since: '2026-01-01' });
    await certifyWorker(platform.store, workerId, tenant.tenantId);
    workers.push(workerId);
  }
  return { name, tenantId: tenant.tenantId, key: apiKey, workers };
}

type Ending = { kind: 'completed'; checkIn: string; stars?: number; complaint?: 'open' | 'resolved' } | { kind: 'no-show' } | { kind: 'cancelled' };

/** One order from post to its ending; returns nothing: the facts are what the test counts. */
async function runOrder(e: Enterprise, workerId: string, ending: Ending): Promise<void> {
  const created = await post(e.key, '/v1/orders', validOrder());
  await applied(e.key, created, 'create');
  const orderId = created.body.orderId as string;
  // The order's commands share its FIFO group: posted one after another they are applied in
  // that order, so the test waits once, for all of them, instead of after each.
  const steps = async (...commands: [string, unknown?][]) => {
    const accepted: { status: number; body: Json }[] = [];
    for (const [name, body] of commands) accepted.push(await post(e.key, `/v1/orders/${orderId}/${name}`, body ?? {}));
    await Promise.all(accepted.map((res, i) => applied(e.key, res, commands[i]![0])));
  };
  if (ending.kind === 'cancelled') return steps(['cancel', { by: 'enterprise', reasonCode: 'worker_unavailable' }]);
  if (ending.kind === 'no-show') return steps(['assign', { workerId }], ['confirm'], ['no-show', { party: 'worker', at: '2026-12-01T09:30:00+08:00' }]);
  await steps(['assign', { workerId }], ['confirm'], ['check-in', { at: ending.checkIn, method: 'app' }], ['check-out', { at: '2026-12-01T12:01:00+08:00', method: 'app' }]);
  if (ending.stars !== undefined) {
    const link = await post(e.key, `/v1/orders/${orderId}/rating-token`);
    expect(link.status).toBe(201);
    const rating = await api('/v1/public/ratings', { method: 'POST', body: { token: link.body.token, stars: ending.stars } });
    expect(rating.status).toBe(202);
    expect(await settled(e.key, rating.body.eventId)).toMatchObject({ status: 'applied' });
  }
  if (ending.complaint) {
    const opened = await post(e.key, `/v1/orders/${orderId}/complaints`, { category: 'punctuality', description: '服务人员迟到', source: 'enterprise' });
    await applied(e.key, opened, 'open complaint');
    if (ending.complaint === 'resolved') {
      const complaintId = (await api('/v1/complaints', { key: e.key })).body.items.find((c: Json) => c.orderId === orderId).complaintId;
      await applied(e.key, await post(e.key, `/v1/complaints/${complaintId}/resolve`, { resolution: 'upheld', note: '已向客户致歉' }), 'resolve complaint');
    }
  }
}

const completed = (n: number, checkIn: string, stars?: number): Ending[] => Array.from({ length: n }, () => ({ kind: 'completed', checkIn, ...(stars ? { stars } : {}) }));

/** Runs an enterprise's orders six at a time, each on one of its workers in turn. */
async function drive(e: Enterprise, endings: Ending[]): Promise<void> {
  for (let i = 0; i < endings.length; i += 6) {
    await Promise.all(endings.slice(i, i + 6).map((ending, j) => runOrder(e, e.workers[(i + j) % e.workers.length]!, ending)));
  }
}

/** The month's counters the test expects from what it drove. */
function month(period: string, f: Partial<EnterpriseMonthFacts>): EnterpriseMonthFacts {
  return fillWindow([period], [{ period, ...f } as EnterpriseMonthFacts])[0]!;
}

let good: Enterprise;
let poor: Enterprise;
let penalised: Enterprise;
let period: string;
let penaltyId: string;
let expectedFacts: Record<string, EnterpriseMonthFacts>;
const graded: Record<string, Json> = {};

function inputsFor(e: Enterprise, facts: EnterpriseMonthFacts, records: EnterpriseCreditInputs['publicRecords'] = []): EnterpriseCreditInputs {
  const months = fillWindow(windowMonths(period), [facts]);
  const staff: StaffSnapshot = { currentWorkers: e.workers.length, certified: e.workers.length, greenLights: e.workers.length, trained: 0, insured: 0 };
  return { tenantId: e.tenantId, period, joinedOn: JOINED_ON, months, staff, publicRecords: records };
}

const gradingFunction = () => {
  const fn = platform.topology.functions.find((f) => f.logicalId.startsWith('CreditGrading'));
  if (!fn) throw new Error(`no CreditGrading function in ${platform.topology.functions.map((f) => f.logicalId).join(', ')}`);
  return fn.logicalId;
};

beforeAll(async () => {
  platform = await startTestPlatform();
  adminKey = platform.keys.admin;
  [good, poor, penalised] = await Promise.all([enterprise('广州好帮手家政有限公司', 3), enterprise('广州慢半拍家政有限公司', 2), enterprise('广州被罚家政有限公司', 3)]);
  await Promise.all([
    drive(good, completed(12, ON_TIME, 5).map((e, i) => (i < 10 ? e : { kind: 'completed', checkIn: ON_TIME }))),
    drive(poor, [
      ...completed(10, LATE, 2).map((e, i): Ending => (i < 3 ? { ...e, complaint: i === 0 ? 'resolved' : 'open' } as Ending : e)),
      { kind: 'no-show' },
      { kind: 'no-show' },
      { kind: 'no-show' },
      { kind: 'cancelled' },
    ]),
    drive(penalised, completed(12, ON_TIME, 5).map((e, i) => (i < 10 ? e : { kind: 'completed', checkIn: ON_TIME }))),
  ]);
  period = shanghaiMonth(new Date());
  const penalty = await post(adminKey, '/v1/admin/credit/records', { tenantId: penalised.tenantId, kind: 'penalty', points: 6, effectiveOn: `${period}-01`, evidenceRef: '穗家协罚〔2026〕3号' });
  expect(penalty.status, JSON.stringify(penalty.body)).toBe(201);
  penaltyId = penalty.body.recordId;

  const goodFacts = { ordersCreated: 12, ordersCompleted: 12, checkIns: 12, onTimeCheckIns: 12, ratings: 10, ratingStarsSum: 50 };
  expectedFacts = {
    [good.tenantId]: month(period, goodFacts),
    [poor.tenantId]: month(period, { ordersCreated: 14, ordersCompleted: 10, checkIns: 10, onTimeCheckIns: 0, workerNoShows: 3, enterpriseCancellations: 1, ratings: 10, ratingStarsSum: 20, complaintsOpened: 3, complaintsResolved: 1 }),
    [penalised.tenantId]: month(period, goodFacts),
  };
  // The consumer counts every event once; wait until the counters are complete.
  for (const e of [good, poor, penalised]) {
    const want = expectedFacts[e.tenantId]!;
    await eventually(async () => {
      const [m] = await creditFactsRepository(platform.store).enterpriseMonths(e.tenantId, period, period);
      const { complaintResolutionHoursSum: _h, ...counted } = m ?? ({} as EnterpriseMonthFacts);
      const { complaintResolutionHoursSum: _w, ...wanted } = want;
      return JSON.stringify(counted) === JSON.stringify(wanted) ? true : undefined;
    }, 60_000, `the credit facts of ${e.name}`);
  }
  const run = await platform.invoke(gradingFunction(), { period });
  // Every enterprise is graded: these three and the platform's demo enterprise.
  const enterprises = (await tenantsRepository(platform.store).listTenants()).filter((t) => t.role === 'enterprise').length;
  expect(run, JSON.stringify(run)).toMatchObject({ ok: true, result: { period, graded: enterprises, failed: [] } });
  for (const e of [good, poor, penalised]) {
    const res = await api(`/v1/credit/grades/${period}`, { key: e.key });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    graded[e.tenantId] = res.body;
  }
}, 280_000);
afterAll(async () => {
  await platform?.close();
});

describe('grades from three histories', () => {
  it('are what the documented formula gives for what the enterprises did', () => {
    for (const e of [good, poor, penalised]) {
      const grade = graded[e.tenantId];
      const facts = { ...expectedFacts[e.tenantId]!, complaintResolutionHoursSum: grade.inputs.months.at(-1).complaintResolutionHoursSum };
      const records = e === penalised ? [{ recordId: penaltyId, kind: 'penalty' as const, points: 6, effectiveOn: `${period}-01`, evidenceRef: '穗家协罚〔2026〕3号' }] : [];
      const inputs = inputsFor(e, facts, records);
      // The consumer counted exactly what the test drove (the resolution took seconds, not hours).
      expect(grade.inputs).toEqual(inputs);
      expect(facts.complaintResolutionHoursSum).toBeLessThan(1);
      const expected = expectedGrade(inputs);
      expect({ score: grade.score, grade: grade.grade, eligible: grade.eligible, notGradedReasons: grade.notGradedReasons }, e.name).toEqual({
        score: expected.score,
        grade: expected.grade,
        eligible: expected.eligible,
        notGradedReasons: expected.notGradedReasons,
      });
      const points = Object.fromEntries(grade.result.dimensions.map((d: Json) => [d.id, d.points]));
      for (const [id, p] of Object.entries(expected.dimensionPoints)) expect(points[id], `${e.name} ${id}`).toBeCloseTo(p, 9);
      expect(grade.trace.map((t: Json) => t.type)).toEqual(['credit.graded']);
    }
  });

  it('rank good service first, then the penalised enterprise, then the poor one; the penalty caps the grade', () => {
    const [g, pen, p] = [good, penalised, poor].map((e) => graded[e.tenantId]);
    expect(g.score).toBeGreaterThan(pen.score);
    expect(pen.score).toBeGreaterThan(p.score);
    expect(pen.result.cappedAt).toBe('2A');
    expect(['2A', '1A']).toContain(pen.grade);
    expect(g.result.dimensions.find((d: Json) => d.id === 'public-credit').points).toBe(15);
    // Their service is the same: only the public credit differs.
    expect(pen.result.dimensions.find((d: Json) => d.id === 'service').points).toBe(g.result.dimensions.find((d: Json) => d.id === 'service').points);
  });

  it('are published by year, best first, with no breakdown; the run is idempotent', async () => {
    const list = await api(`/v1/public/credit-grades?year=${period.slice(0, 4)}`);
    expect(list.status).toBe(200);
    const mine = list.body.items.filter((i: Json) => [good, poor, penalised].some((e) => e.tenantId === i.tenantId));
    const rank = (grade: string) => ['5A', '4A', '3A', '2A', '1A'].indexOf(grade);
    const bestFirst = Object.values(graded)
      .filter((g: Json) => g.grade !== null)
      .sort((a: Json, b: Json) => rank(a.grade) - rank(b.grade) || b.score - a.score)
      .map((g: Json) => g.tenantId);
    expect(mine.map((i: Json) => i.tenantId)).toEqual(bestFirst);
    for (const item of mine) expect(Object.keys(item).sort()).toEqual(['enterpriseName', 'grade', 'modelVersion', 'period', 'score', 'tenantId']);
    const only = await api(`/v1/public/credit-grades?year=${period.slice(0, 4)}&grade=${graded[good.tenantId].grade}`);
    expect(only.body.items.every((i: Json) => i.grade === graded[good.tenantId].grade)).toBe(true);
    expect((await api('/v1/public/credit-grades?year=26')).status).toBe(400);

    const again = await platform.invoke(gradingFunction(), { period });
    expect(again).toMatchObject({ ok: true, result: { graded: 0, failed: [] } });
    expect((again as Json).result.alreadyGraded).toBeGreaterThanOrEqual(3);
    expect((await api(`/v1/credit/grades/${period}`, { key: good.key })).body.trace).toHaveLength(1);
  });

  it('are each enterprise’s own: naming another is refused, an admin sees all', async () => {
    expect((await api(`/v1/credit/grades/${period}?tenantId=${good.tenantId}`, { key: poor.key })).status).toBe(403);
    // The demo enterprise reads its own grade, never another's; a period it was not graded for is a 404.
    expect((await api(`/v1/credit/grades/${period}`, { key: platform.keys.enterprise })).body.tenantId).not.toBe(good.tenantId);
    expect((await api('/v1/credit/grades/2020-01', { key: good.key })).status).toBe(404);
    expect((await api('/v1/credit/grades', { key: good.key })).body.items.map((i: Json) => i.tenantId)).toEqual([good.tenantId]);
    expect((await api(`/v1/credit/grades?tenantId=${good.tenantId}`, { key: adminKey })).body.items).toHaveLength(1);
    const admin = await api(`/v1/admin/credit/grades?period=${period}`, { key: adminKey });
    expect(admin.status).toBe(200);
    expect(admin.body.items.map((i: Json) => i.tenantId)).toEqual(expect.arrayContaining([good.tenantId, poor.tenantId, penalised.tenantId]));
    expect((await api(`/v1/admin/credit/grades?period=${period}`, { key: good.key })).status).toBe(403);
  });
});

describe('objections', () => {
  it('one at a time; an admin dismisses one and the trace says so', async () => {
    const objection = await post(poor.key, `/v1/credit/grades/${period}/objections`, { indicatorId: 'worker-no-show-rate', reason: '三次爽约中有一次是客户改期' }, `obj-${process.pid}-1`);
    expect(objection.status, JSON.stringify(objection.body)).toBe(201);
    const replay = await post(poor.key, `/v1/credit/grades/${period}/objections`, { indicatorId: 'worker-no-show-rate', reason: '三次爽约中有一次是客户改期' }, `obj-${process.pid}-1`);
    expect(replay.status).toBe(200);
    expect(replay.body.objectionId).toBe(objection.body.objectionId);
    expect((await post(poor.key, `/v1/credit/grades/${period}/objections`, { indicatorId: 'on-time-rate', reason: '另一项' })).status).toBe(409);
    expect((await post(poor.key, `/v1/credit/grades/${period}/objections`, { indicatorId: 'no-such-indicator', reason: 'x' })).status).toBe(422);
    expect((await post(poor.key, '/v1/credit/grades/2020-01/objections', { indicatorId: 'on-time-rate', reason: 'x' })).status).toBe(404);

    const decided = await post(adminKey, `/v1/admin/credit/objections/${objection.body.objectionId}/decision?tenantId=${poor.tenantId}&period=${period}`, { outcome: 'dismissed', note: '记录属实' });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body.objection.status).toBe('dismissed');
    expect(decided.body.grade).toMatchObject({ revision: 1, grade: graded[poor.tenantId].grade, score: graded[poor.tenantId].score });
    expect((await post(adminKey, `/v1/admin/credit/objections/${objection.body.objectionId}/decision?tenantId=${poor.tenantId}&period=${period}`, { outcome: 'upheld' })).status).toBe(409);
    const after = (await api(`/v1/credit/grades/${period}`, { key: poor.key })).body;
    expect(after.trace.map((t: Json) => t.type)).toEqual(['credit.graded', 'credit.objection-filed', 'credit.objection-dismissed']);
    expect(after.objections).toEqual([expect.objectContaining({ status: 'dismissed', indicatorId: 'worker-no-show-rate' })]);
  });

  it('upheld after the penalty is revoked: the grade is computed again, and published', async () => {
    expect((await post(adminKey, `/v1/admin/credit/records/${penaltyId}/revoke?tenantId=${penalised.tenantId}`)).status).toBe(200);
    const objection = await post(penalised.key, `/v1/credit/grades/${period}/objections`, { indicatorId: 'public-record', reason: '处罚决定已被撤销' });
    expect(objection.status).toBe(201);
    const decided = await post(adminKey, `/v1/admin/credit/objections/${objection.body.objectionId}/decision?tenantId=${penalised.tenantId}&period=${period}`, { outcome: 'upheld' });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    const expected = expectedGrade(inputsFor(penalised, expectedFacts[penalised.tenantId]!));
    expect(decided.body.grade).toMatchObject({ revision: 2, score: expected.score, grade: expected.grade });
    expect(decided.body.grade.score).toBe(graded[good.tenantId].score);
    const list = await api(`/v1/public/credit-grades?year=${period.slice(0, 4)}`);
    expect(list.body.items.find((i: Json) => i.tenantId === penalised.tenantId)).toMatchObject({ grade: expected.grade, score: expected.score });
  });

  it("the programme's figures count every grade of the period once, the re-graded one under its new grade", async () => {
    const items = (await api(`/v1/admin/credit/grades?period=${period}`, { key: adminKey })).body.items as Json[];
    expect(items.find((i) => i.tenantId === penalised.tenantId).grade).not.toBe(graded[penalised.tenantId].grade);
    const expected: Record<string, number> = { '5A': 0, '4A': 0, '3A': 0, '2A': 0, '1A': 0, ungraded: 0 };
    for (const item of items) expected[item.grade ?? 'ungraded']!++;
    const figures = await api(`/v1/admin/programme?year=${period.slice(0, 4)}`, { key: adminKey });
    expect(figures.status).toBe(200);
    expect(figures.body.months.find((m: Json) => m.month === period).creditGrades).toEqual(expected);
  });
});

describe('recompute', () => {
  const cli = async (tenantId: string) => {
    const lines: string[] = [];
    const code = await creditCommand(['recompute', '--enterprise', tenantId, '--period', period, '--endpoint-url', platform.dynamodbEndpoint, '--table', platform.store.tableName, '--json'], (l) => lines.push(l));
    return { code, report: JSON.parse(lines.join('')) };
  };

  it('matches every stored grade, and names a fact edited afterwards', async () => {
    for (const e of [good, poor, penalised]) {
      const { code, report } = await cli(e.tenantId);
      expect(code, JSON.stringify(report)).toBe(0);
      expect(report.matches).toBe(true);
    }
    // Someone edits the good enterprise's counters behind the platform's back.
    const [m] = await creditFactsRepository(platform.store).enterpriseMonths(good.tenantId, period, period);
    expect(m).toBeDefined();
    await platform.store.doc.send(
      new UpdateCommand({ TableName: platform.store.tableName, Key: factsKey(good.tenantId, period), UpdateExpression: 'ADD workerNoShows :one', ExpressionAttributeValues: { ':one': 1 } }),
    );
    const { code, report } = await cli(good.tenantId);
    expect(code).toBe(1);
    expect(report.matches).toBe(false);
    expect(report.checks.find((c: Json) => c.check === 'inputs hash').ok).toBe(false);
    expect(report.differences).toEqual([{ pointer: `/months/11/workerNoShows`, graded: 0, now: 1 }]);
  });
});

describe('the public certificate check', () => {
  it("shows the employer's published grade, never the breakdown", async () => {
    const cert = await certificatesRepository(platform.store).getByWorker(good.workers[0]!);
    const check = await api(`/v1/public/certificates/${cert!.qrToken}`);
    expect(check.status).toBe(200);
    expect(check.body.enterpriseCreditGrade).toEqual({ grade: graded[good.tenantId].grade, period });
    // The worker has no registry profile here (a bare employment link): no stars to show.
    expect(check.body.workerStars).toBeNull();
    expect(JSON.stringify(check.body)).not.toContain('dimensions');
    const page = await fetch(`${platform.apiUrl}/v1/public/certificates/${cert!.qrToken}/page`);
    expect(await page.text()).toContain(`企业信用等级</dt><dd>${graded[good.tenantId].grade}`);
  });
});

/** The key of an enterprise's month item, as the facts repository lays it out. */
const factsKey = (tenantId: string, p: string) => keys.creditFactsMonth(tenantId, p);
