/**
 * The wage survey against DynamoDB Local (shared/services/wage-reports.ts,
 * order-price-samples.ts, wage-survey-publication.ts and their repositories): a worker's
 * pay is reported once per year however many requests race, from one enterprise or two;
 * only an enterprise that employed the worker that year may report it; the Idempotency-Key
 * answers the same report; a report is corrected at the version read or withdrawn, and its
 * sample follows it exactly (in place, to another cell, or away), however the changes race;
 * an order's price is sampled once however often its event comes; the publication job's
 * table equals this test's own computation on the samples it wrote.
 */
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../shared/auth/roles';
import { INSUFFICIENT } from '../../shared/domain/wage-survey/publication';
import { orderCloudEvent } from '../../shared/events/order-cloudevent';
import { readOrderCloudEvent } from '../../shared/events/read-order-cloudevent';
import { Problem } from '../../shared/lib/problem';
import { EXAMPLE_ORDER } from '../../shared/schemas/examples';
import type { WageReportCorrection, WageReportRequest } from '../../shared/schemas/wage-survey';
import { samplePrice } from '../../shared/services/order-price-samples';
import { correctWageReport, listWageReports, reportPay, withdrawWageReport } from '../../shared/services/wage-reports';
import { publishOpenYear, publishWageSurvey } from '../../shared/services/wage-survey-publication';
import { publishedWageSurvey } from '../../shared/services/wage-survey-view';
import type { StoreContext } from '../../shared/store/client';
import { employmentRepository } from '../../shared/store/employment-repository';
import { keys } from '../../shared/store/keys';
import { wageReportsRepository } from '../../shared/store/wage-reports-repository';
import { createTestStore } from '../support/test-store';

let store: StoreContext & { client: { destroy(): void } };
beforeAll(async () => {
  store = await createTestStore();
});
afterAll(() => store?.client.destroy());

const NOW = new Date('2026-12-06T04:00:00Z');
const tenant = () => `ten_${ulid()}`;
const worker = () => `wkr_${ulid()}`;
const enterprise = (tenantId = tenant()): Caller => ({ tenantId, role: 'enterprise', keyId: `key_${ulid().toLowerCase()}` });
const request = (workerId: string, overrides: Partial<WageReportRequest> = {}): WageReportRequest => ({
  workerId,
  year: '2026',
  post: 'nanny',
  experienceBand: '1-to-3',
  payType: 'monthly',
  amountFen: 650_000,
  ...overrides,
});

async function employ(tenantId: string, workerId: string, since = '2026-02-01T01:00:00.000Z', until?: string) {
  await employmentRepository(store).link({ tenantId, workerId, status: until ? 'ended' : 'current', since, ...(until ? { until } : {}) });
}

/** The problem a call refused with (status and type), or 'ok'. */
async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'ok';
  } catch (error) {
    if (error instanceof Problem) return `${error.status} ${error.slug}`;
    throw error;
  }
}

describe('who may report', () => {
  it('an enterprise that never employed the worker gets 404, like a worker that does not exist', async () => {
    const e = enterprise();
    expect(await outcome(reportPay(store, e, 'key-never-employed', request(worker()), NOW))).toBe('404 not-found');
  });

  it('an employment that ended before the year, or starts after it, is 404; one that ended in the year may report', async () => {
    const e = enterprise();
    const [before, inYear, after] = [worker(), worker(), worker()];
    await employ(e.tenantId, before, '2024-03-01T01:00:00.000Z', '2025-12-31');
    await employ(e.tenantId, inYear, '2024-03-01T01:00:00.000Z', '2026-01-01');
    await employ(e.tenantId, after, '2026-12-01T01:00:00.000Z');
    expect(await outcome(reportPay(store, e, 'key-before-1', request(before), NOW))).toBe('404 not-found');
    expect(await outcome(reportPay(store, e, 'key-in-year-1', request(inYear), NOW))).toBe('ok');
    expect(await outcome(reportPay(store, e, 'key-after-1', request(after, { year: '2025' }), NOW))).toBe('404 not-found');
  });

  it('an earlier period of a re-hired worker counts for its year', async () => {
    const e = enterprise();
    const w = worker();
    await employ(e.tenantId, w, '2026-06-01T01:00:00.000Z');
    await store.doc.send(new PutCommand({ TableName: store.tableName, Item: employmentRepository(store).periodWrite(e.tenantId, w, { since: '2025-02-01T01:00:00.000Z', until: '2025-05-31' }).Put!.Item }));
    expect(await outcome(reportPay(store, e, 'key-rehired-25', request(w, { year: '2025' }), NOW))).toBe('ok');
  });

  it('only the current and the previous year may be reported', async () => {
    const e = enterprise();
    const w = worker();
    await employ(e.tenantId, w, '2020-01-01T01:00:00.000Z');
    expect(await outcome(reportPay(store, e, 'key-year-2024', request(w, { year: '2024' }), NOW))).toBe('422 validation-error');
    expect(await outcome(reportPay(store, e, 'key-year-2027', request(w, { year: '2027' }), NOW))).toBe('422 validation-error');
    expect(await outcome(reportPay(store, e, 'key-year-2025', request(w, { year: '2025' }), NOW))).toBe('ok');
  });
});

describe('once per worker and year', () => {
  it('the same Idempotency-Key answers the same report; with another body, or for another worker, 422', async () => {
    const e = enterprise();
    const [w, other] = [worker(), worker()];
    await employ(e.tenantId, w);
    await employ(e.tenantId, other);
    const first = await reportPay(store, e, 'key-idem-0001', request(w), NOW);
    expect(first.created).toBe(true);
    const again = await reportPay(store, e, 'key-idem-0001', request(w), new Date(NOW.getTime() + 60_000));
    expect(again).toEqual({ created: false, report: first.report });
    expect(await outcome(reportPay(store, e, 'key-idem-0001', request(w, { amountFen: 700_000 }), NOW))).toBe('422 idempotency-key-reused');
    expect(await outcome(reportPay(store, e, 'key-idem-0001', request(other), NOW))).toBe('422 idempotency-key-reused');
    // The other worker is still reportable under a key of its own.
    expect(await outcome(reportPay(store, e, 'key-idem-0002', request(other), NOW))).toBe('ok');
  });

  it('the same enterprise again under a new key: 409; another year of the same worker is a report of its own', async () => {
    const e = enterprise();
    const w = worker();
    await employ(e.tenantId, w, '2025-01-05T01:00:00.000Z');
    expect(await outcome(reportPay(store, e, 'key-twice-0001', request(w), NOW))).toBe('ok');
    expect(await outcome(reportPay(store, e, 'key-twice-0002', request(w), NOW))).toBe('409 wage-report-exists');
    expect(await outcome(reportPay(store, e, 'key-twice-0003', request(w, { year: '2025' }), NOW))).toBe('ok');
  });

  it('twelve concurrent reports of one worker by two enterprises that both employed it that year: exactly one stands', async () => {
    const [a, b] = [enterprise(), enterprise()];
    const w = worker();
    await employ(a.tenantId, w, '2026-01-10T01:00:00.000Z', '2026-06-30');
    await employ(b.tenantId, w, '2026-07-01T01:00:00.000Z');
    const attempts = Array.from({ length: 12 }, (_, i) => {
      const e = i % 2 === 0 ? a : b;
      return outcome(reportPay(store, e, `key-race-${i}-${w}`, request(w, { amountFen: 600_000 + i * 1000 }), NOW));
    });
    const outcomes = await Promise.all(attempts);
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    expect(outcomes.filter((o) => o === '409 wage-report-exists')).toHaveLength(11);

    const winner = await wageReportsRepository(store).workerReport(w, '2026');
    expect(winner).toBeDefined();
    const samples = await store.doc.send(new QueryCommand({ TableName: store.tableName, KeyConditionExpression: 'pk = :pk AND sk = :sk', ExpressionAttributeValues: { ':pk': keys.wageSamples('2026', 'nanny', '1-to-3', 'monthly'), ':sk': w } }));
    expect(samples.Items).toHaveLength(1);
    expect(samples.Items![0]!.tenantId).toBe(winner!.tenantId);
    // The winner lists exactly its one report of the worker; the loser none.
    const lists = await Promise.all([a, b].map((e) => listWageReports(store, e.tenantId, '2026', { limit: 100 })));
    expect(lists.flatMap((l) => l.items).filter((r) => r.workerId === w)).toHaveLength(1);
    const won = [a, b].findIndex((e) => e.tenantId === winner!.tenantId);
    expect(lists[won]!.items.map((r) => r.reportId)).toEqual([winner!.reportId]);
    expect(lists[1 - won]!.items).toEqual([]);
  });
});

describe("an enterprise's list", () => {
  it('its own reports of the year, newest first, page by page; none of another year', async () => {
    const e = enterprise();
    const workers = [worker(), worker(), worker()];
    for (const [i, w] of workers.entries()) {
      await employ(e.tenantId, w);
      await reportPay(store, e, `key-list-${i}-${w}`, request(w, { amountFen: 500_000 + i }), new Date(NOW.getTime() + i * 1000));
    }
    const first = await listWageReports(store, e.tenantId, '2026', { limit: 2 });
    expect(first.items.map((r) => r.workerId)).toEqual([workers[2], workers[1]]);
    const second = await listWageReports(store, e.tenantId, '2026', { limit: 2, afterSk: first.nextSk });
    expect(second.items.map((r) => r.workerId)).toEqual([workers[0]]);
    expect(second.items[0]).toEqual({ reportId: expect.stringMatching(/^wgr_/), workerId: workers[0], year: '2026', post: 'nanny', experienceBand: '1-to-3', payType: 'monthly', amountFen: 500_000, reportedAt: NOW.toISOString(), version: 1 });
    expect((await listWageReports(store, e.tenantId, '2025', { limit: 10 })).items).toEqual([]);
  });
});

describe('corrections and withdrawals', () => {
  type Figures = Omit<WageReportCorrection, 'version'>;
  const figures = (overrides: Partial<Figures> = {}): Figures => ({ post: 'nanny', experienceBand: '1-to-3', payType: 'monthly', amountFen: 650_000, ...overrides });
  /** Every sample of a cell partition: worker → amount and enterprise. */
  const cellSamples = async (year: string, f: Pick<Figures, 'post' | 'experienceBand' | 'payType'>) => {
    const out = await store.doc.send(new QueryCommand({ TableName: store.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.wageSamples(year, f.post, f.experienceBand, f.payType) } }));
    return new Map((out.Items ?? []).map((i) => [String(i.sk), { amountFen: Number(i.amountFen), tenantId: String(i.tenantId) }]));
  };
  const sampleOf = async (year: string, f: Pick<Figures, 'post' | 'experienceBand' | 'payType'>, workerId: string) => (await cellSamples(year, f)).get(workerId);
  const reported = async (e: Caller, w: string, key: string, body: Partial<WageReportRequest> = {}) => (await reportPay(store, e, key, request(w, body), NOW)).report;

  it('a correction at the version read: the sample takes the new amount; the same correction again answers; at an old version 409', async () => {
    const e = enterprise();
    const w = worker();
    await employ(e.tenantId, w);
    const report = await reported(e, w, `key-fix-${w}`);
    expect(report.version).toBe(1);
    const corrected = await correctWageReport(store, e, report.reportId, { version: 1, ...figures({ amountFen: 680_000 }) }, NOW);
    expect(corrected).toMatchObject({ reportId: report.reportId, amountFen: 680_000, version: 2, correctedAt: NOW.toISOString(), reportedAt: report.reportedAt });
    expect(await sampleOf('2026', figures(), w)).toEqual({ amountFen: 680_000, tenantId: e.tenantId });

    // A retried correction is answered as done; another one decided on version 1 is stale.
    expect(await correctWageReport(store, e, report.reportId, { version: 1, ...figures({ amountFen: 680_000 }) }, NOW)).toEqual(corrected);
    expect(await outcome(correctWageReport(store, e, report.reportId, { version: 1, ...figures({ amountFen: 690_000 }) }, NOW))).toBe('409 wage-report-changed');
    // Nothing to change at the current version: the report as it is, no new version.
    expect(await correctWageReport(store, e, report.reportId, { version: 2, ...figures({ amountFen: 680_000 }) }, NOW)).toEqual(corrected);
    expect(await sampleOf('2026', figures(), w)).toEqual({ amountFen: 680_000, tenantId: e.tenantId });
    expect((await listWageReports(store, e.tenantId, '2026', { limit: 100 })).items.find((r) => r.reportId === report.reportId)).toEqual(corrected);
  });

  it("another enterprise's report is 404 to correct or withdraw, like one that does not exist, and stays as it was", async () => {
    const [a, b] = [enterprise(), enterprise()];
    const w = worker();
    await employ(a.tenantId, w);
    const report = await reported(a, w, `key-foreign-${w}`);
    expect(await outcome(correctWageReport(store, b, report.reportId, { version: 1, ...figures({ amountFen: 100_000 }) }, NOW))).toBe('404 not-found');
    expect(await outcome(withdrawWageReport(store, b, report.reportId, NOW))).toBe('404 not-found');
    expect(await outcome(withdrawWageReport(store, b, `wgr_${ulid()}`, NOW))).toBe('404 not-found');
    expect(await sampleOf('2026', figures(), w)).toEqual({ amountFen: 650_000, tenantId: a.tenantId });
  });

  it('a new post, band or pay type moves the sample to its new cell; the worker’s year still names the report', async () => {
    const e = enterprise();
    const w = worker();
    await employ(e.tenantId, w);
    const report = await reported(e, w, `key-move-${w}`);
    const to = figures({ post: 'hourly_worker', experienceBand: '5-and-over', payType: 'hourly', amountFen: 4_500 });
    const corrected = await correctWageReport(store, e, report.reportId, { version: 1, ...to }, NOW);
    expect(corrected).toMatchObject({ ...to, version: 2 });
    expect(await sampleOf('2026', figures(), w)).toBeUndefined();
    expect(await sampleOf('2026', to, w)).toEqual({ amountFen: 4_500, tenantId: e.tenantId });
    expect(await wageReportsRepository(store).workerReport(w, '2026')).toEqual({ tenantId: e.tenantId, reportId: report.reportId });
    // Still once per worker and year.
    expect(await outcome(reportPay(store, e, `key-move-again-${w}`, request(w), NOW))).toBe('409 wage-report-exists');
  });

  it('a withdrawal removes the sample and frees the worker’s year; it is no longer listed nor corrected; its key still names it', async () => {
    const [a, b] = [enterprise(), enterprise()];
    const w = worker();
    await employ(a.tenantId, w, '2026-01-05T01:00:00.000Z', '2026-05-31');
    await employ(b.tenantId, w, '2026-06-01T01:00:00.000Z');
    const report = await reported(a, w, `key-withdraw-${w}`);
    const withdrawn = await withdrawWageReport(store, a, report.reportId, NOW);
    expect(withdrawn).toMatchObject({ reportId: report.reportId, withdrawnAt: NOW.toISOString(), version: 2 });
    expect(await sampleOf('2026', figures(), w)).toBeUndefined();
    expect(await wageReportsRepository(store).workerReport(w, '2026')).toBeUndefined();
    expect((await listWageReports(store, a.tenantId, '2026', { limit: 100 })).items).toEqual([]);
    // Withdrawing again changes nothing; a withdrawn report is not corrected.
    expect(await withdrawWageReport(store, a, report.reportId, new Date(NOW.getTime() + 60_000))).toEqual(withdrawn);
    expect(await outcome(correctWageReport(store, a, report.reportId, { version: 2, ...figures({ amountFen: 700_000 }) }, NOW))).toBe('409 wage-report-withdrawn');
    // The withdrawn report's own key answers it, and brings nothing back.
    expect(await reportPay(store, a, `key-withdraw-${w}`, request(w), NOW)).toEqual({ created: false, report: withdrawn });
    expect(await sampleOf('2026', figures(), w)).toBeUndefined();
    // The worker's year may be reported again: here by the other enterprise that employed the worker that year.
    const again = await reportPay(store, b, `key-withdraw-b-${w}`, request(w, { amountFen: 720_000 }), NOW);
    expect(again.created).toBe(true);
    expect(await sampleOf('2026', figures(), w)).toEqual({ amountFen: 720_000, tenantId: b.tenantId });
    expect(await outcome(reportPay(store, a, `key-withdraw-a2-${w}`, request(w), NOW))).toBe('409 wage-report-exists');
  });

  it('a report of a year before the previous one no longer changes (409), and its sample stays', async () => {
    const e = enterprise();
    const w = worker();
    await employ(e.tenantId, w, '2025-01-05T01:00:00.000Z');
    const report = await reported(e, w, `key-closed-${w}`, { year: '2025' });
    const later = new Date('2027-01-01T00:00:00Z'); // 08:00 on 1 January 2027 in Shanghai: 2025 has closed
    expect(await outcome(correctWageReport(store, e, report.reportId, { version: 1, ...figures({ amountFen: 700_000 }) }, later))).toBe('409 wage-survey-year-closed');
    expect(await outcome(withdrawWageReport(store, e, report.reportId, later))).toBe('409 wage-survey-year-closed');
    expect(await sampleOf('2025', figures(), w)).toEqual({ amountFen: 650_000, tenantId: e.tenantId });
    // The day before, in Shanghai, it was still open.
    expect(await outcome(correctWageReport(store, e, report.reportId, { version: 1, ...figures({ amountFen: 700_000 }) }, new Date('2026-12-31T15:59:00Z')))).toBe('ok');
  });

  it('racing changes of one report: corrections at the same version, one wins; a correction and a withdrawal, the sample ends as the last one left it', async () => {
    const e = enterprise();
    const workers = Array.from({ length: 4 }, () => worker());
    for (const w of workers) await employ(e.tenantId, w);
    const reports = await Promise.all(workers.map((w) => reported(e, w, `key-race-fix-${w}`)));

    // Four corrections decided on version 1, each to another cell or amount: exactly one stands, with its sample alone.
    const [first] = reports;
    const bodies = [figures({ amountFen: 610_000 }), figures({ post: 'childcare', amountFen: 620_000 }), figures({ experienceBand: '3-to-5', amountFen: 630_000 }), figures({ payType: 'hourly', amountFen: 5_000 })];
    const results = await Promise.all(bodies.map((b) => correctWageReport(store, e, first!.reportId, { version: 1, ...b }, NOW).then((r) => r, (err: Problem) => err.slug)));
    const won = results.filter((r) => typeof r !== 'string');
    expect(won).toHaveLength(1);
    expect(results.filter((r) => r === 'wage-report-changed')).toHaveLength(3);
    const winner = bodies.find((b) => b.amountFen === (won[0] as { amountFen: number }).amountFen)!;
    for (const b of bodies) expect(await sampleOf('2026', b, workers[0]!)).toEqual(b === winner ? { amountFen: winner.amountFen, tenantId: e.tenantId } : undefined);

    // A correction to another cell and a withdrawal at once, three times: the withdrawal always leaves no sample anywhere.
    for (const [i, report] of reports.slice(1).entries()) {
      const to = figures({ post: 'elderly_care', amountFen: 640_000 + i });
      const [fix, gone] = await Promise.all([
        outcome(correctWageReport(store, e, report.reportId, { version: 1, ...to }, NOW)),
        outcome(withdrawWageReport(store, e, report.reportId, NOW)),
      ]);
      expect(gone).toBe('ok');
      expect(['ok', '409 wage-report-withdrawn']).toContain(fix);
      expect(await sampleOf('2026', figures(), report.workerId)).toBeUndefined();
      expect(await sampleOf('2026', to, report.workerId)).toBeUndefined();
      expect(await wageReportsRepository(store).workerReport(report.workerId, '2026')).toBeUndefined();
    }
  });

  it("after corrections, moves, withdrawals and new reports, the cells hold exactly the reports that stand, and the publication counts them", async () => {
    // A year of its own (changed in 2034), so its cells hold only what this test writes.
    const year = '2033';
    const now = new Date('2034-02-01T04:00:00Z');
    const A = { post: 'nanny', experienceBand: '1-to-3', payType: 'monthly' } as const;
    const B = { post: 'childcare', experienceBand: '3-to-5', payType: 'monthly' } as const;
    const enterprises = Array.from({ length: 6 }, () => enterprise());
    /** This test's own account of what stands: worker → cell, amount, enterprise. */
    const model = new Map<string, { cell: typeof A | typeof B; amountFen: number; tenantId: string }>();
    const reports: { e: Caller; workerId: string; reportId: string; version: number }[] = [];
    for (let i = 0; i < 46; i++) {
      const e = enterprises[i % 6]!;
      const w = worker();
      await employ(e.tenantId, w, '2033-01-01T01:00:00.000Z');
      const amountFen = 400_000 + ((i * 7919) % 300) * 1000;
      const { report } = await reportPay(store, e, `key-model-${i}-${w}`, request(w, { year, ...A, amountFen }), now);
      reports.push({ e, workerId: w, reportId: report.reportId, version: 1 });
      model.set(w, { cell: A, amountFen, tenantId: e.tenantId });
    }
    const correct = async (i: number, cell: typeof A | typeof B, amountFen: number) => {
      const r = reports[i]!;
      const out = await correctWageReport(store, r.e, r.reportId, { version: r.version, ...cell, amountFen }, now);
      r.version = out.version;
      model.set(r.workerId, { cell, amountFen, tenantId: r.e.tenantId });
    };
    const withdraw = async (i: number) => {
      const r = reports[i]!;
      await withdrawWageReport(store, r.e, r.reportId, now);
      model.delete(r.workerId);
    };
    for (let i = 0; i < 5; i++) await correct(i, A, 700_000 + i * 1000); // new amounts in place
    for (let i = 5; i < 11; i++) await correct(i, B, 500_000 + i * 1000); // moved to B
    await correct(0, A, 410_000); // corrected twice
    for (let i = 11; i < 19; i++) await withdraw(i);
    await withdraw(5); // moved, then withdrawn
    for (const i of [11, 12]) {
      // Withdrawn, then reported again (in B) under a new key.
      const r = reports[i]!;
      await reportPay(store, r.e, `key-model-again-${r.workerId}`, request(r.workerId, { year, ...B, amountFen: 555_000 + i }), now);
      model.set(r.workerId, { cell: B, amountFen: 555_000 + i, tenantId: r.e.tenantId });
    }

    const expectedIn = (cell: typeof A | typeof B) => new Map([...model].filter(([, v]) => v.cell === cell).map(([w, v]) => [w, { amountFen: v.amountFen, tenantId: v.tenantId }]));
    expect(await cellSamples(year, A)).toEqual(expectedIn(A));
    expect(await cellSamples(year, B)).toEqual(expectedIn(B));
    expect(expectedIn(A).size).toBe(32);
    expect(expectedIn(B).size).toBe(7);

    const { table, samplesRead } = await publishOpenYear(store, year, now);
    expect(samplesRead).toBe(39);
    const sorted = [...expectedIn(A).values()].map((v) => v.amountFen).sort((x, y) => x - y);
    const type7 = (p: number) => {
      const h = (sorted.length - 1) * p;
      const j = Math.floor(h);
      return Math.floor(sorted[j]! + (h - j) * (sorted[Math.min(j + 1, sorted.length - 1)]! - sorted[j]!) + 0.5);
    };
    const cell = (c: typeof A | typeof B) => table.wages.find((w) => w.post === c.post && w.experienceBand === c.experienceBand && w.payType === c.payType)!;
    expect(cell(A).figures).toEqual({ lowFen: type7(0.1), medianFen: type7(0.5), highFen: type7(0.9), reports: 32, enterprises: 6 });
    expect(cell(B).figures).toBe(INSUFFICIENT);
    // Stored as the public reads it.
    expect((await publishedWageSurvey(store, year)).computedAt).toBe(now.toISOString());
  });
});

describe('publication on demand', () => {
  it('the current and the previous year only (422 otherwise)', async () => {
    expect(await outcome(publishOpenYear(store, '2024', NOW))).toBe('422 validation-error');
    expect(await outcome(publishOpenYear(store, '2027', NOW))).toBe('422 validation-error');
    expect(await outcome(publishOpenYear(store, 'abcd', NOW))).toBe('422 validation-error');
    const { table } = await publishOpenYear(store, '2025', NOW);
    expect(table).toMatchObject({ year: '2025', computedAt: NOW.toISOString() });
    expect(table.wages).toHaveLength(48);
  });
});

describe('order prices', () => {
  const created = (tenantId: string, orderId: string, overrides: Partial<typeof EXAMPLE_ORDER> = {}, time = '2026-12-01T01:00:05.000Z') =>
    readOrderCloudEvent(
      JSON.stringify(
        orderCloudEvent({
          stage: 'dev',
          commandType: 'order.create',
          eventId: `evt_${ulid()}`,
          orderId,
          tenantId,
          status: 'CREATED',
          previousStatus: null,
          entry: { seq: 1, hash: 'a'.repeat(64), at: time },
          payload: { ...EXAMPLE_ORDER, ...overrides },
        }),
      ),
    );

  it("an order's created event is one sample per hour in its year's cell, counted once however often it comes", async () => {
    const [t, orderId] = [tenant(), `ord_${ulid()}`];
    const { event, command } = created(t, orderId);
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => samplePrice(store, event, command)));
    expect(outcomes.sort()).toEqual(['counted', 'duplicate', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
    expect(await samplePrice(store, event, command)).toBe('duplicate');
    const item = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: { pk: keys.priceSamples('2026', 'cleaning', 'hourly'), sk: orderId } }));
    // 150 yuan for 09:00–12:00.
    expect(item.Item).toMatchObject({ tenantId: t, unitFen: 5000, eventId: event.id });
  });

  it('the year is the Shanghai year the order was posted in', async () => {
    const [t, orderId] = [tenant(), `ord_${ulid()}`];
    const { event, command } = created(t, orderId, { serviceType: 'nanny', mode: 'live_in' }, '2026-12-31T16:30:00.000Z');
    expect(await samplePrice(store, event, command)).toBe('counted');
    const item = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: { pk: keys.priceSamples('2027', 'nanny', 'live_in'), sk: orderId } }));
    expect(item.Item).toBeDefined();
  });

  it('any other order event is refused, never sampled', async () => {
    const { event } = created(tenant(), `ord_${ulid()}`);
    await expect(samplePrice(store, event, 'order.cancel')).rejects.toThrow(/carries no order price/);
  });
});

describe('publication', () => {
  it("the stored table equals this test's computation; thin cells say insufficient data; the public view labels them", async () => {
    // A year of its own (reported in 2031), so the cells hold only what this test writes.
    const year = '2030';
    const now = new Date('2031-03-01T04:00:00Z');
    const amounts: Record<string, number[]> = { published: [], thin: [] };
    const enterprises = Array.from({ length: 6 }, () => enterprise());
    // 31 monthly nanny reports from 6 enterprises (published); 29 maternity-matron ones from 6 (withheld).
    for (let i = 0; i < 60; i++) {
      const e = enterprises[i % 6]!;
      const w = worker();
      await employ(e.tenantId, w, '2030-01-01T01:00:00.000Z');
      const published = i < 31;
      const amountFen = 400_000 + ((i * 7919) % 300) * 1000;
      amounts[published ? 'published' : 'thin']!.push(amountFen);
      const body = published ? request(w, { year, amountFen }) : request(w, { year, post: 'maternity_matron', experienceBand: '5-and-over', amountFen });
      await reportPay(store, e, `key-pub-${i}-${w}`, body, now);
    }
    const { table, samplesRead } = await publishWageSurvey(store, year, now);
    expect(samplesRead).toBe(60);
    const sorted = amounts.published!.sort((x, y) => x - y);
    // Type 7 by hand: h = 30 · p.
    const type7 = (p: number) => {
      const h = 30 * p;
      const j = Math.floor(h);
      return Math.floor(sorted[j]! + (h - j) * (sorted[j + 1]! - sorted[j]!) + 0.5);
    };
    const cell = (post: string, band: string, payType = 'monthly') => table.wages.find((c) => c.post === post && c.experienceBand === band && c.payType === payType)!;
    expect(cell('nanny', '1-to-3').figures).toEqual({ lowFen: type7(0.1), medianFen: type7(0.5), highFen: type7(0.9), reports: 31, enterprises: 6 });
    expect(cell('maternity_matron', '5-and-over').figures).toBe(INSUFFICIENT);
    expect(table.wages.filter((c) => c.figures !== INSUFFICIENT)).toHaveLength(1);
    expect(table.prices.every((c) => c.figures === INSUFFICIENT)).toBe(true);

    const view = await publishedWageSurvey(store, year);
    expect(view.wages.find((c) => c.post === 'nanny' && c.experienceBand === '1-to-3' && c.payType === 'monthly')).toMatchObject({ postLabel: '保姆', experienceBandLabel: '1年至3年以下', figures: cell('nanny', '1-to-3').figures });
    expect(view.withholding).toEqual({ minReports: 30, minEnterprises: 5 });
    expect(JSON.stringify(view)).not.toMatch(/ten_|wkr_/);
    expect(await outcome(publishedWageSurvey(store, '1999'))).toBe('404 not-found');
  });
});
