/**
 * Subsidies end to end on the local platform, over HTTP as officers and applicants use them
 * (docs/subsidies.md): an officer records a recognition and sets a budget; an ineligible
 * application is refused with every failed rule; the recognised enterprise applies, is
 * approved and paid — each step publishing its event on the bus through the real functions (a
 * failed publication would fail the step's request) — and the public
 * list shows the award. Every response is checked against docs/openapi.json.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey, createTenant } from '../../shared/admin/onboarding';
import { shanghaiDay } from '../../shared/lib/shanghai-day';
import { conformingFetch } from '../support/openapi-conformance';
import { startTestPlatform, type TestPlatform } from '../support/platform';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response shapes are asserted, not typed
type Json = any;

let platform: TestPlatform;
let admin: string;
let requestCount = 0;
const TODAY = shanghaiDay(new Date());
const YEAR = Number(TODAY.slice(0, 4));
const DOCS = ['application-form', 'business-licence', 'bank-account'].map((kind, i) => ({ kind, ref: `E2E-${i}`, sha256: 'e'.repeat(64) }));

async function api(path: string, init: { method?: string; key?: string; body?: unknown } = {}): Promise<{ status: number; body: Json }> {
  const headers: Record<string, string> = {};
  if (init.key) headers.authorization = `Bearer ${init.key}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.method === 'POST' && init.key) headers['idempotency-key'] = `e2e-subsidies-${process.pid}-${++requestCount}`;
  const res = await conformingFetch(`${platform.apiUrl}${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const tenant = async (name: string, role: 'enterprise' | 'training-base') => {
  const t = await createTenant(platform.store, { name, role });
  return { tenantId: t.tenantId, key: (await createKey(platform.store, t.tenantId)).apiKey };
};

beforeAll(async () => {
  platform = await startTestPlatform();
  admin = platform.keys.admin;
}, 180_000);
afterAll(async () => {
  await platform?.close();
});

describe('a leading-enterprise award over HTTP', () => {
  it('is refused to the unrecognised, applied for, approved within budget, paid and published', async () => {
    const enterprise = await tenant('广州龙头家政有限公司', 'enterprise');
    const base = await tenant('广州家政培训基地', 'training-base');
    const recognised = await api('/v1/admin/subsidy-facts/recognitions', {
      method: 'POST',
      key: admin,
      body: { tenantId: enterprise.tenantId, kind: 'leading-enterprise', awardedOn: `${YEAR}-01-02`, evidenceRef: `穗商务〔${YEAR}〕9号` },
    });
    expect(recognised.status, JSON.stringify(recognised.body)).toBe(201);

    const refused = await api('/v1/subsidy-applications', { method: 'POST', key: base.key, body: { scheme: 'leading-enterprise-award', year: YEAR, documents: DOCS.slice(0, 1) } });
    expect(refused.status).toBe(422);
    expect(refused.body.failedRules.map((r: Json) => r.rule).sort()).toEqual(['applicant-is-enterprise', 'recognised-as-leading-enterprise', 'required-documents-provided']);
    expect((await api('/v1/subsidy-applications', { key: base.key })).body.items).toEqual([]);

    const applied = await api('/v1/subsidy-applications', { method: 'POST', key: enterprise.key, body: { scheme: 'leading-enterprise-award', year: YEAR, documents: DOCS } });
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    const id = applied.body.applicationId;
    expect((await api(`/v1/subsidy-applications/${id}`, { key: base.key })).status).toBe(404);

    expect((await api(`/v1/admin/subsidy-budgets/leading-enterprise-award/${YEAR}`, { method: 'PUT', key: admin, body: { allocatedFen: 30_000_000 } })).status).toBe(200);
    const approved = await api(`/v1/admin/subsidy-applications/${id}/approve`, { method: 'POST', key: admin, body: { amountFen: 30_000_000 } });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const paid = await api(`/v1/admin/subsidy-applications/${id}/record-payment`, { method: 'POST', key: admin, body: { amountFen: 30_000_000, paidOn: TODAY, paymentRef: 'E2E-PAY' } });
    expect(paid.body.state).toBe('paid');

    const budgets = await api(`/v1/admin/subsidy-budgets?year=${YEAR}`, { key: admin });
    expect(budgets.body.items.find((b: Json) => b.schemeId === 'leading-enterprise-award')).toMatchObject({ allocatedFen: 30_000_000, committedFen: 30_000_000, paidFen: 30_000_000, remainingFen: 0 });
    const detail = await api(`/v1/subsidy-applications/${id}`, { key: enterprise.key });
    expect(detail.body.trace.map((e: Json) => e.type)).toEqual(['subsidy.submitted', 'subsidy.approved', 'subsidy.paid']);
    const awards = await api(`/v1/public/subsidies/awards?year=${YEAR}`);
    expect(awards.body.items).toContainEqual(expect.objectContaining({ tenantId: enterprise.tenantId, name: '广州龙头家政有限公司', schemeId: 'leading-enterprise-award', amountFen: 30_000_000, state: 'paid' }));
  });
});
