/**
 * The wage survey against DynamoDB Local (shared/services/wage-reports.ts,
 * order-price-samples.ts, wage-survey-publication.ts and their repositories): a worker's
 * pay is reported once per year however many requests race, from one enterprise or two;
 * only an enterprise that employed the worker that year may report it; the Idempotency-Key
 * answers the same report; an order's price is sampled once however often its event comes;
 * the publication job's table equals this test's own computation on the samples it wrote.
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
import type { WageReportRequest } from '../../shared/schemas/wage-survey';
import { samplePrice } from '../../shared/services/order-price-samples';
import { listWageReports, reportPay } from '../../shared/services/wage-reports';
import { publishWageSurvey } from '../../shared/services/wage-survey-publication';
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
    expect(second.items[0]).toEqual({ reportId: expect.stringMatching(/^wgr_/), workerId: workers[0], year: '2026', post: 'nanny', experienceBand: '1-to-3', payType: 'monthly', amountFen: 500_000, reportedAt: NOW.toISOString() });
    expect((await listWageReports(store, e.tenantId, '2025', { limit: 10 })).items).toEqual([]);
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
