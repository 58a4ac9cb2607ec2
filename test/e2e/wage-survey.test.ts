/**
 * The wage survey end to end on the local platform, over HTTP as enterprises and the public
 * use it (docs/wage-survey.md): six enterprises register workers and report their pay, the
 * nightly job is invoked for the year, and the public table is checked against this test's
 * own type 7 percentiles over the same data — a cell of 34 reports from 6 enterprises and
 * one of exactly 30 from 5 are published; one of 29 reports (6 enterprises) and one of 30
 * reports from 4 enterprises say "insufficient data". Order prices go the whole way too:
 * orders posted over HTTP, their `created` events through the order-prices queue, the table.
 * Reports are corrected and withdrawn over HTTP, and an officer's on-demand publication
 * answers a table that counts them exactly. Then the programme's own figures and report
 * over the same platform (docs/programme.md): one order served, a course completed, two
 * certificates, a grading run — the figures checked against what this test did, and
 * `anxin report` opened in headless Chromium on a phone-sized screen, its headline numbers
 * and every chart checked against the API's. Every wait polls with a deadline.
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportCommand } from '../../cli/report-command';
import { createKey, createTenant } from '../../shared/admin/onboarding';
import { surveyYearOf } from '../../shared/domain/wage-survey/survey-year';
import { shanghaiDay, shanghaiMonth } from '../../shared/lib/shanghai-day';
import { keys } from '../../shared/store/keys';
import { certifyWorker } from '../support/certificates';
import { validOrder } from '../support/fixtures';
import { conformingFetch } from '../support/openapi-conformance';
import { eventually, logLines, startTestPlatform, type TestPlatform } from '../support/platform';
import { hasChromium, renderReportPage, type RenderedReport } from '../support/report-page';
import { person } from '../support/workers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response shapes are asserted, not typed
type Json = any;

let platform: TestPlatform;
let requestCount = 0;
const year = surveyYearOf(new Date());

interface Enterprise {
  tenantId: string;
  key: string;
}

async function api(path: string, init: { method?: string; key?: string; body?: unknown; idempotencyKey?: string } = {}): Promise<{ status: number; body: Json }> {
  const headers: Record<string, string> = {};
  if (init.key) headers.authorization = `Bearer ${init.key}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.method === 'POST') headers['idempotency-key'] = init.idempotencyKey ?? `e2e-wage-${process.pid}-${++requestCount}`;
  const res = await conformingFetch(`${platform.apiUrl}${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}
const post = (key: string, path: string, body: unknown, idempotencyKey?: string) => api(path, { method: 'POST', key, body, idempotencyKey });

/** Runs `work` over `items`, four at a time. */
async function fourAtATime<T>(items: readonly T[], work: (item: T, index: number) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += 4) await Promise.all(items.slice(i, i + 4).map((item, j) => work(item, i + j)));
}

/** This test's own percentile: type 7 straight from its definition, h = (n − 1) · p, rounded to a fen. */
function type7(values: number[], p: number): number {
  const x = [...values].sort((a, b) => a - b);
  const h = (x.length - 1) * p;
  const j = Math.floor(h);
  const next = x[Math.min(j + 1, x.length - 1)]!;
  return Math.round(x[j]! + (h - j) * (next - x[j]!));
}
const expectedFigures = (values: number[], enterprises: number) => ({
  lowFen: type7(values, 0.1),
  medianFen: type7(values, 0.5),
  highFen: type7(values, 0.9),
  reports: values.length,
  enterprises,
});

interface Cell {
  post: string;
  experienceBand: string;
  payType: 'monthly' | 'hourly';
  /** How many reports each enterprise (by index) makes. */
  perEnterprise: number[];
  base: number;
}

/** The cells the test fills: amounts are whole yuan, so every interpolation is exact to the fen. */
const CELLS: Record<'published' | 'exactly30' | 'only29' | 'fourEnterprises', Cell> = {
  published: { post: 'nanny', experienceBand: '1-to-3', payType: 'monthly', perEnterprise: [9, 7, 6, 5, 4, 3], base: 520_000 },
  exactly30: { post: 'hourly_worker', experienceBand: '5-and-over', payType: 'hourly', perEnterprise: [6, 6, 6, 6, 6, 0], base: 3_500 },
  only29: { post: 'maternity_matron', experienceBand: '3-to-5', payType: 'monthly', perEnterprise: [5, 5, 5, 5, 5, 4], base: 1_200_000 },
  fourEnterprises: { post: 'childcare', experienceBand: 'under-1', payType: 'monthly', perEnterprise: [9, 8, 7, 6, 0, 0], base: 480_000 },
};

let enterprises: Enterprise[];
const reported: Record<keyof typeof CELLS, number[]> = { published: [], exactly30: [], only29: [], fourEnterprises: [] };
/** The reports of the published cell, to correct and withdraw later. */
const publishedReports: { e: Enterprise; reportId: string; amountFen: number }[] = [];
/** Amounts sent in corrections: no log line may carry them either. */
const correctedAmounts: number[] = [];
const reportedWorkers: string[] = [];
let survey: Json;
/** People this test registered (each a new person): what the programme's figures must count. */
let workersRegistered = 0;
/** Orders this test posted. */
let ordersPosted = 0;

async function registerWorker(e: Enterprise): Promise<string> {
  const p = person();
  const res = await post(e.key, '/v1/workers', { idNumber: p.idNumber, name: p.name, serviceCategories: ['nanny'] });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  workersRegistered++;
  return res.body.workerId as string;
}

const publicationFunction = () => {
  const fn = platform.topology.functions.find((f) => f.logicalId.startsWith('WageSurveyPublication'));
  if (!fn) throw new Error(`no WageSurveyPublication function in ${platform.topology.functions.map((f) => f.logicalId).join(', ')}`);
  return fn.logicalId;
};

beforeAll(async () => {
  platform = await startTestPlatform();
  enterprises = await Promise.all(
    ['甲', '乙', '丙', '丁', '戊', '己'].map(async (n) => {
      const tenant = await createTenant(platform.store, { name: `广州${n}家政服务有限公司`, role: 'enterprise' });
      return { tenantId: tenant.tenantId, key: (await createKey(platform.store, tenant.tenantId)).apiKey };
    }),
  );
  // Each report is one registered worker of the reporting enterprise, amounts spread over a range.
  const jobs = (Object.keys(CELLS) as (keyof typeof CELLS)[]).flatMap((name) =>
    CELLS[name].perEnterprise.flatMap((count, e) => Array.from({ length: count }, (_, k) => ({ name, e, k }))),
  );
  await fourAtATime(jobs, async ({ name, e, k }, i) => {
    const cell = CELLS[name];
    const enterprise = enterprises[e]!;
    const workerId = await registerWorker(enterprise);
    const step = cell.payType === 'hourly' ? 100 : 10_000;
    const amountFen = cell.base + ((i * 37 + k * 11) % 23) * step + e * step;
    const res = await post(enterprise.key, '/v1/wage-reports', { workerId, year, post: cell.post, experienceBand: cell.experienceBand, payType: cell.payType, amountFen });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    reported[name].push(amountFen);
    reportedWorkers.push(workerId);
    if (name === 'published') publishedReports.push({ e: enterprise, reportId: res.body.reportId, amountFen });
  });
}, 600_000);
afterAll(async () => {
  await platform?.close();
});

describe('pay reports over HTTP', () => {
  it('the same Idempotency-Key answers the same report; a second report of the worker is 409; an implausible amount 422', async () => {
    const [a] = enterprises;
    const workerId = await registerWorker(a!);
    const body = { workerId, year, post: 'elderly_care', experienceBand: '3-to-5', payType: 'monthly', amountFen: 560_000 };
    const first = await post(a!.key, '/v1/wage-reports', body, 'e2e-wage-idem-0001');
    expect(first.status).toBe(201);
    expect(await post(a!.key, '/v1/wage-reports', body, 'e2e-wage-idem-0001')).toEqual({ status: 200, body: first.body });
    expect(await post(a!.key, '/v1/wage-reports', body)).toMatchObject({ status: 409, body: { type: '/problems/wage-report-exists' } });
    const implausible = await post(a!.key, '/v1/wage-reports', { ...body, amountFen: 5_600 });
    expect(implausible).toMatchObject({ status: 422, body: { type: '/problems/validation-error', errors: [{ pointer: '/amountFen' }] } });
  });

  it("another enterprise's worker, or an unknown one, is 404 alike; the admin may not report for an enterprise", async () => {
    const [a, b] = enterprises;
    const workerOfB = await registerWorker(b!);
    const body = { year, post: 'nanny', experienceBand: 'under-1', payType: 'monthly', amountFen: 500_000 };
    const foreign = await post(a!.key, '/v1/wage-reports', { ...body, workerId: workerOfB });
    const unknown = await post(a!.key, '/v1/wage-reports', { ...body, workerId: 'wkr_01JZZZZZZZZZZZZZZZZZZZZZZZ' });
    expect(foreign).toMatchObject({ status: 404, body: { type: '/problems/not-found' } });
    expect(unknown.body.detail).toBe(foreign.body.detail);
    expect((await post(platform.keys.admin, '/v1/wage-reports', { ...body, workerId: workerOfB })).status).toBe(403);
  });

  it('an enterprise corrects its report at the version read and withdraws it; another enterprise gets 404; the worker may be reported again', async () => {
    const [a, b] = enterprises;
    const workerId = await registerWorker(a!);
    const body = { workerId, year, post: 'hospital_care', experienceBand: '3-to-5', payType: 'monthly', amountFen: 480_000 };
    const made = await post(a!.key, '/v1/wage-reports', body);
    expect(made.status).toBe(201);
    expect(made.body.version).toBe(1);
    const path = `/v1/wage-reports/${made.body.reportId}`;
    const correction = { version: 1, post: 'hospital_care', experienceBand: '5-and-over', payType: 'monthly', amountFen: 490_000 };
    correctedAmounts.push(480_000, 490_000, 470_000);
    const corrected = await api(path, { method: 'PUT', key: a!.key, body: correction });
    expect(corrected).toMatchObject({ status: 200, body: { experienceBand: '5-and-over', amountFen: 490_000, version: 2 } });
    expect(await api(path, { method: 'PUT', key: a!.key, body: correction })).toEqual(corrected);
    expect(await api(path, { method: 'PUT', key: a!.key, body: { ...correction, amountFen: 470_000 } })).toMatchObject({ status: 409, body: { type: '/problems/wage-report-changed' } });
    expect(await api(path, { method: 'PUT', key: a!.key, body: { ...correction, version: 2, amountFen: 4_700 } })).toMatchObject({ status: 422, body: { errors: [{ pointer: '/amountFen' }] } });
    // Another enterprise's report is not found, to correct or to withdraw; the admin does not change reports.
    expect(await api(path, { method: 'PUT', key: b!.key, body: { ...correction, version: 2 } })).toMatchObject({ status: 404, body: { type: '/problems/not-found' } });
    expect((await api(path, { method: 'DELETE', key: b!.key })).status).toBe(404);
    expect((await api(path, { method: 'DELETE', key: platform.keys.admin })).status).toBe(403);

    const withdrawn = await api(path, { method: 'DELETE', key: a!.key });
    expect(withdrawn).toMatchObject({ status: 200, body: { reportId: made.body.reportId, version: 3, withdrawnAt: expect.any(String) } });
    expect(await api(path, { method: 'DELETE', key: a!.key })).toEqual(withdrawn);
    expect(await api(path, { method: 'PUT', key: a!.key, body: { ...correction, version: 3 } })).toMatchObject({ status: 409, body: { type: '/problems/wage-report-withdrawn' } });
    const list = await api(`/v1/wage-reports?year=${year}&limit=100`, { key: a!.key });
    expect(list.body.items.map((r: Json) => r.reportId)).not.toContain(made.body.reportId);
    expect((await post(a!.key, '/v1/wage-reports', body)).status).toBe(201);
  });

  it("an enterprise lists its own reports of the year, page by page, and nobody else's", async () => {
    const e = enterprises[5]!; // 3 + 5 + 4 reports above
    const seen: Json[] = [];
    let cursor: string | undefined;
    do {
      const page = await api(`/v1/wage-reports?year=${year}&limit=5${cursor ? `&cursor=${cursor}` : ''}`, { key: e.key });
      expect(page.status).toBe(200);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(CELLS.published.perEnterprise[5]! + CELLS.only29.perEnterprise[5]! + CELLS.fourEnterprises.perEnterprise[5]!);
    expect(new Set(seen.map((r) => r.reportId)).size).toBe(seen.length);
    expect((await api(`/v1/wage-reports?year=${year}`, { key: platform.keys.admin })).status).toBe(400); // the admin names the enterprise
    const asAdmin = await api(`/v1/wage-reports?year=${year}&tenantId=${e.tenantId}&limit=100`, { key: platform.keys.admin });
    expect(asAdmin.body.items.map((r: Json) => r.reportId).sort()).toEqual(seen.map((r) => r.reportId).sort());
  });
});

describe('the published table', () => {
  const prices: number[] = [];

  beforeAll(async () => {
    // 30 hourly cleaning orders from 5 enterprises (3 hours each) and 3 live-in nanny placements.
    const orders = Array.from({ length: 33 }, (_, i) => ({ e: i % 5, liveIn: i >= 30, amountFen: 9_000 + ((i * 13) % 17) * 300 }));
    await fourAtATime(orders, async ({ e, liveIn, amountFen }) => {
      const order = liveIn
        ? validOrder({ serviceType: 'nanny', mode: 'live_in', stationId: undefined, price: { amountFen: 900_000, currency: 'CNY' }, schedule: { start: '2026-12-01T08:00:00+08:00', end: '2026-12-31T08:00:00+08:00' } })
        : validOrder({ stationId: undefined, price: { amountFen, currency: 'CNY' } });
      const res = await post(enterprises[e]!.key, '/v1/orders', order);
      expect(res.status, JSON.stringify(res.body)).toBe(202);
      ordersPosted++;
      if (!liveIn) prices.push(Math.round(amountFen / 3));
    });
    // The order-prices consumer samples each created order once; wait until all are in.
    const sampled = async (serviceType: string, mode: string) => {
      const out = await platform.store.doc.send(new QueryCommand({ TableName: platform.store.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.priceSamples(year, serviceType, mode) }, Select: 'COUNT' }));
      return out.Count ?? 0;
    };
    await eventually(async () => ((await sampled('cleaning', 'hourly')) === 30 && (await sampled('nanny', 'live_in')) === 3 ? true : undefined), 120_000, 'the order price samples');

    const run = await platform.invoke(publicationFunction(), { year });
    expect(run, JSON.stringify(run)).toMatchObject({ ok: true, result: { published: [{ year }] } });
    const res = await api(`/v1/public/wage-survey?year=${year}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    survey = res.body;
  }, 300_000);

  const wageCellOf = (table: Json, c: Pick<Cell, 'post' | 'experienceBand' | 'payType'>) => table.wages.find((w: Json) => w.post === c.post && w.experienceBand === c.experienceBand && w.payType === c.payType);
  const wageCell = (c: Cell) => wageCellOf(survey, c);
  const enterprisesOf = (c: Cell) => c.perEnterprise.filter((n) => n > 0).length;

  it("34 reports from 6 enterprises: P10, P50 and P90 equal this test's computation", () => {
    expect(reported.published).toHaveLength(34);
    expect(wageCell(CELLS.published)).toMatchObject({ postLabel: '保姆', experienceBandLabel: '1年至3年以下', figures: expectedFigures(reported.published, 6) });
  });

  it('exactly 30 reports from exactly 5 enterprises: published', () => {
    expect([reported.exactly30.length, enterprisesOf(CELLS.exactly30)]).toEqual([30, 5]);
    expect(wageCell(CELLS.exactly30).figures).toEqual(expectedFigures(reported.exactly30, 5));
  });

  it('29 reports (from 6 enterprises), or 30 reports from 4 enterprises: "insufficient data"', () => {
    expect([reported.only29.length, enterprisesOf(CELLS.only29)]).toEqual([29, 6]);
    expect([reported.fourEnterprises.length, enterprisesOf(CELLS.fourEnterprises)]).toEqual([30, 4]);
    expect(wageCell(CELLS.only29).figures).toBe('insufficient data');
    expect(wageCell(CELLS.fourEnterprises).figures).toBe('insufficient data');
  });

  it('every other wage cell is withheld, and the table names no enterprise and no worker', () => {
    const published = survey.wages.filter((w: Json) => w.figures !== 'insufficient data');
    expect(published.map((w: Json) => `${w.post}/${w.experienceBand}/${w.payType}`).sort()).toEqual(['hourly_worker/5-and-over/hourly', 'nanny/1-to-3/monthly']);
    expect(survey.wages).toHaveLength(48);
    const text = JSON.stringify(survey);
    for (const id of [...enterprises.map((e) => e.tenantId), ...reportedWorkers]) expect(text).not.toContain(id);
    expect(survey).toMatchObject({ year, method: { low: 'P10', median: 'P50', high: 'P90' }, withholding: { minReports: 30, minEnterprises: 5 } });
  });

  it('order prices: hourly cleaning per hour from 30 orders of 5 enterprises is published; 3 live-in placements are withheld', () => {
    const cell = (serviceType: string, mode: string) => survey.prices.find((p: Json) => p.serviceType === serviceType && p.mode === mode);
    expect(cell('cleaning', 'hourly')).toMatchObject({ serviceTypeLabel: '保洁', unit: 'hour', figures: expectedFigures(prices, 5) });
    expect(cell('nanny', 'live_in')).toMatchObject({ unit: 'day', figures: 'insufficient data' });
  });

  it('an officer publishes at once: a correction in place, one to another cell and a withdrawal are counted exactly', async () => {
    const [fixed, moved, gone] = publishedReports;
    const cell = CELLS.published;
    const change = (r: typeof fixed, body: Record<string, unknown>) => api(`/v1/wage-reports/${r!.reportId}`, { method: 'PUT', key: r!.e.key, body: { version: 1, ...body } });
    correctedAmounts.push(fixed!.amountFen + 45_000);
    expect((await change(fixed, { post: cell.post, experienceBand: cell.experienceBand, payType: cell.payType, amountFen: fixed!.amountFen + 45_000 })).status).toBe(200);
    expect((await change(moved, { post: 'hospital_care', experienceBand: 'under-1', payType: 'monthly', amountFen: moved!.amountFen })).status).toBe(200);
    expect((await api(`/v1/wage-reports/${gone!.reportId}`, { method: 'DELETE', key: gone!.e.key })).status).toBe(200);
    const values = [fixed!.amountFen + 45_000, ...publishedReports.slice(3).map((r) => r.amountFen)];
    expect(values).toHaveLength(32);

    expect((await api(`/v1/admin/wage-survey/${year}/publish`, { method: 'POST', key: enterprises[0]!.key })).status).toBe(403);
    expect(await api(`/v1/admin/wage-survey/${Number(year) - 2}/publish`, { method: 'POST', key: platform.keys.admin })).toMatchObject({ status: 422, body: { type: '/problems/validation-error' } });
    const published = await api(`/v1/admin/wage-survey/${year}/publish`, { method: 'POST', key: platform.keys.admin });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(published.body.computedAt > survey.computedAt).toBe(true);
    const enterprisesLeft = new Set(publishedReports.slice(3).map((r) => r.e.tenantId).concat(fixed!.e.tenantId)).size;
    expect(wageCellOf(published.body, cell).figures).toEqual(expectedFigures(values, enterprisesLeft));
    // The moved report is one value in a thin cell: withheld, like the rest.
    expect(wageCellOf(published.body, { post: 'hospital_care', experienceBand: 'under-1', payType: 'monthly' }).figures).toBe('insufficient data');
    // What the officer got is what the public now reads.
    expect(await api(`/v1/public/wage-survey?year=${year}`)).toEqual({ status: 200, body: published.body });
  });

  it('the wage survey functions log no amount: not a reported pay, not a price', async () => {
    const ofSurvey = (line: string) => /^\[[^\]]*(WageReports|WageSurveyPublication|AdminWageSurvey|OrderPrices)/.test(line) && line.includes('{');
    // The consumer logs every sample (ids and outcome): there are lines to look at. (A directly
    // invoked job's output is its result, not these logs.)
    await logLines(platform.logs, (line) => ofSurvey(line) && line.includes('"order price"'), 33, 'the order-price samples');
    const lines = platform.logs.filter(ofSurvey);
    const amounts = [...Object.values(reported).flat(), ...correctedAmounts, ...prices];
    expect(lines.filter((line) => /amountFen|unitFen|lowFen|medianFen|highFen/.test(line) || amounts.some((a) => new RegExp(`[:\\[,]"?${a}"?[,}\\]]`).test(line)))).toEqual([]);
  });
});

describe("the programme's own figures and report, over what this test did", () => {
  const month = shanghaiMonth(new Date());
  const today = shanghaiDay(new Date());
  const reportFile = join(tmpdir(), `anxin-report-${process.pid}.html`);
  let figures: Json;
  let coverage: Json;
  let grades: Json[];
  let cliLine = '';
  let page: RenderedReport | undefined;

  const applied = async (key: string, res: { status: number; body: Json }, what: string) => {
    expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(202);
    const event = await eventually(async () => {
      const e = (await api(`/v1/events/${res.body.eventId}`, { key })).body;
      return e?.status === 'accepted' ? undefined : e;
    }, 60_000, what);
    expect(event.status, `${what}: ${JSON.stringify(event)}`).toBe('applied');
  };

  beforeAll(async () => {
    const [a, b] = enterprises;
    // One service delivered: an order of enterprise a, assigned to a worker it registers, checked in and out.
    const workerId = await registerWorker(a!);
    // Two certificates, as the registry issues them (an order is assigned to a certified worker only).
    await certifyWorker(platform.store, workerId, a!.tenantId);
    await certifyWorker(platform.store, reportedWorkers.find((w) => w !== workerId)!, b!.tenantId);
    const created = await post(a!.key, '/v1/orders', validOrder());
    ordersPosted++;
    await applied(a!.key, created, 'the order');
    const orderId = created.body.orderId as string;
    await applied(a!.key, await post(a!.key, `/v1/orders/${orderId}/assign`, { workerId }), 'assign');
    await applied(a!.key, await post(a!.key, `/v1/orders/${orderId}/confirm`, {}), 'confirm');
    await applied(a!.key, await post(a!.key, `/v1/orders/${orderId}/check-in`, { at: '2026-12-01T09:02:00+08:00', method: 'app' }), 'check-in');
    await applied(a!.key, await post(a!.key, `/v1/orders/${orderId}/check-out`, { at: '2026-12-01T12:01:00+08:00', method: 'app' }), 'check-out');
    // One course completed today at a training base (not an enterprise: not counted as one).
    const base = await createTenant(platform.store, { name: '广州市家政职业培训基地', role: 'training-base' });
    const baseKey = (await createKey(platform.store, base.tenantId)).apiKey;
    const course = { courseCode: 'YY-2026-12', category: 'nanny' };
    await applied(baseKey, await post(baseKey, '/v1/training/enrolments', { workerId, ...course, enrolledOn: today }), 'enrolment');
    await applied(baseKey, await post(baseKey, '/v1/training/completions', { workerId, ...course, completedOn: today, hours: 40 }), 'completion');
    // This month graded for every enterprise.
    const gradingFn = platform.topology.functions.find((f) => f.logicalId.startsWith('CreditGrading'))!.logicalId;
    expect(await platform.invoke(gradingFn, { period: month })).toMatchObject({ ok: true, result: { failed: [] } });
    grades = (await api(`/v1/admin/credit/grades?period=${month}`, { key: platform.keys.admin })).body.items;

    // Order events are counted by the credit-facts consumer: wait until it has counted them all.
    figures = await eventually(async () => {
      const res = await api(`/v1/admin/programme?year=${year}`, { key: platform.keys.admin });
      const m = res.body?.months?.find((x: Json) => x.month === month);
      return m?.ordersCreated === ordersPosted && m?.servicesDelivered === 1 ? res.body : undefined;
    }, 120_000, "the programme's order counts");
    coverage = (await api('/v1/admin/station-coverage', { key: platform.keys.admin })).body;
    survey = (await api(`/v1/public/wage-survey?year=${year}`)).body;

    expect(await reportCommand(['--year', year, '--out', reportFile, '--data-dir', platform.dataDir], (line) => (cliLine += line)), cliLine).toBe(0);
    if (hasChromium()) page = await renderReportPage(reportFile, resolve('test/artifacts/programme-report.png'));
    else console.warn("SKIPPED: opening the programme report needs Debian's chromium (apt-get install -y chromium).");
  }, 300_000);
  afterAll(() => rmSync(reportFile, { force: true }));

  it('the API counts exactly what happened: enterprises (not the base or the insurers), people, orders, services, training, certificates, grades', () => {
    const m = figures.months.find((x: Json) => x.month === month);
    const gradeCounts: Record<string, number> = { '5A': 0, '4A': 0, '3A': 0, '2A': 0, '1A': 0, ungraded: 0 };
    for (const g of grades) gradeCounts[g.grade ?? 'ungraded']!++;
    // The six of this test and the platform's demo enterprise.
    expect(m).toMatchObject({ enterprisesJoined: 7, workersRegistered, ordersCreated: ordersPosted, servicesDelivered: 1, trainingPersonTimes: 1, certificatesGranted: 2, certificatesLapsed: 0 });
    expect(m).toMatchObject({ enterprises: 7, workers: workersRegistered, certifiedWorkers: 2, creditGrades: gradeCounts });
    expect(grades).toHaveLength(7);
    expect(figures.totals).toMatchObject({ enterprises: 7, workers: workersRegistered, ordersCreated: ordersPosted, servicesDelivered: 1, trainingPersonTimes: 1, certifiedWorkers: 2, latestGrades: { period: month, counts: gradeCounts } });
    expect(cliLine).toContain(`orders ${ordersPosted}`);
  });

  it.skipIf(!hasChromium())("opens in Chromium on a phone: the headline numbers are the API's, every chart has data and shows the API's figures", () => {
    const p = page!;
    expect(p.lang).toBe('zh-CN');
    // Readable on a phone: nothing wider than the screen.
    expect(p.scrollWidth).toBeLessThanOrEqual(390);
    const t = figures.totals;
    expect(p.figures).toMatchObject({ enterprises: t.enterprises, workers: t.workers, ordersCreated: t.ordersCreated, servicesDelivered: t.servicesDelivered, trainingPersonTimes: t.trainingPersonTimes, certifiedWorkers: t.certifiedWorkers });
    for (const [grade, n] of Object.entries(t.latestGrades.counts)) expect(p.figures[`latestGrades.${grade}`]).toBe(n);
    expect(p.figures).toMatchObject({ coverageShare: coverage.share, areasCovered: coverage.covered, areasTotal: coverage.total });
    for (const word of ['企业', '订单', '培训', '持证', '信用', '服务站', '工资价位']) expect(p.text).toContain(word);

    expect(Object.keys(p.charts).sort()).toEqual(['certifiedWorkers', 'creditGrades', 'ordersPerMonth', 'stationCoverage', 'wageHourly', 'wageMonthly']);
    for (const [name, chart] of Object.entries(p.charts)) {
      expect(chart.empty, name).toBe(false);
      expect(chart.marks.some((m) => m.value > 0), name).toBe(true);
      expect(chart.width, name).toBeGreaterThan(300);
    }
    const mark = (chart: string, key: string, series?: string, stat?: string) => p.charts[chart]!.marks.find((m) => m.key === key && (series === undefined || m.series === series) && (stat === undefined || m.stat === stat))?.value;
    for (const m of figures.months) {
      expect(mark('ordersPerMonth', m.month, 'ordersCreated')).toBe(m.ordersCreated);
      expect(mark('ordersPerMonth', m.month, 'servicesDelivered')).toBe(m.servicesDelivered);
      expect(mark('certifiedWorkers', m.month)).toBe(m.certifiedWorkers);
    }
    for (const [grade, n] of Object.entries(t.latestGrades.counts)) expect(mark('creditGrades', grade)).toBe(n);
    for (const district of new Set(coverage.areas.map((a: Json) => a.district as string))) {
      const areas = coverage.areas.filter((a: Json) => a.district === district);
      expect(mark('stationCoverage', district as string, 'covered')).toBe(areas.filter((a: Json) => a.covered).length);
    }
    // Every published wage cell, at P10 / P50 / P90 (fen, as the API has them); a withheld one carries no number.
    const published = survey.wages.filter((w: Json) => w.figures !== 'insufficient data');
    expect(published.length).toBeGreaterThanOrEqual(2);
    for (const w of published) {
      const chart = w.payType === 'monthly' ? 'wageMonthly' : 'wageHourly';
      const key = `${w.post}/${w.experienceBand}`;
      expect([mark(chart, key, undefined, 'P10'), mark(chart, key, undefined, 'P50'), mark(chart, key, undefined, 'P90')]).toEqual([w.figures.lowFen, w.figures.medianFen, w.figures.highFen]);
    }
    expect(p.text).toContain('数据不足');
  });
});
