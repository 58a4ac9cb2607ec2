/**
 * Subsidies end to end on the local platform, over HTTP as officers and applicants use them
 * (docs/subsidies.md): an officer records a recognition and sets a budget; an ineligible
 * application is refused with every failed rule; the recognised enterprise applies, is
 * approved and paid — each step publishing its event on the bus through the real functions (a
 * failed publication would fail the step's request) — and the public
 * list shows the award. Then every scheme of the catalogue once eligible and once not: each
 * refusal is 422 subsidy-ineligible naming exactly the rules expected, each submission is 201
 * with the amount the documented rule gives, and the insurance premium subsidy allows exactly
 * what GET /v1/insurance/subsidy reports. Every response is checked against docs/openapi.json.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey, createTenant } from '../../shared/admin/onboarding';
import { shanghaiDay } from '../../shared/lib/shanghai-day';
import { employmentRepository } from '../../shared/store/employment-repository';
import { enrolWorker } from '../support/insurance';
import { conformingFetch } from '../support/openapi-conformance';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { insurableWorkerBody, person } from '../support/workers';

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
  if ((init.method === 'POST' || init.method === 'PUT') && init.key) headers['idempotency-key'] = `e2e-subsidies-${process.pid}-${++requestCount}`;
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

// ---------------------------------------------------------------------------------------------
// Every scheme, eligible and not.

/** The year a yearly scheme assesses: its window is the year after, so the last full year. */
const Y = YEAR - 1;
const docs = (...kinds: string[]) => kinds.map((kind, i) => ({ kind, ref: `E2E-DOC-${i}`, sha256: 'e'.repeat(64) }));
const PERSON_DOCS = ['application-form', 'business-licence', 'bank-account', 'labour-contracts', 'social-insurance-record'];
const failedRules = (body: Json): string[] => (body.failedRules ?? []).map((r: Json) => (r.workerId ? `${r.workerId}:${r.rule}` : r.rule)).sort();

async function expectRefused(reply: { status: number; body: Json }, rules: string[]) {
  expect(reply.status, JSON.stringify(reply.body)).toBe(422);
  expect(reply.body.type).toBe('/problems/subsidy-ineligible');
  expect(failedRules(reply.body)).toEqual([...rules].sort());
  expect(reply.body.failedRules.every((r: Json) => r.detail.length > 0)).toBe(true);
}

async function expectSubmitted(reply: { status: number; body: Json }, scheme: string, year: number, allowedFen: number) {
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  expect(reply.body).toMatchObject({ schemeId: scheme, year, state: 'submitted', allowedFen });
}

async function recognise(tenantId: string, kind: string, subjectRef?: string): Promise<string> {
  const reply = await api('/v1/admin/subsidy-facts/recognitions', {
    method: 'POST',
    key: admin,
    body: { tenantId, kind, awardedOn: `${YEAR}-01-02`, evidenceRef: `穗商务〔${YEAR}〕${kind}`, ...(subjectRef ? { subjectRef } : {}) },
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body.recognitionId;
}

async function employmentModel(tenantId: string, model: 'employee-system' | 'intermediary') {
  const reply = await api('/v1/admin/subsidy-facts/employment-models', { method: 'POST', key: admin, body: { tenantId, model, effectiveOn: `${Y - 1}-01-01`, evidenceRef: `穗人社〔${Y}〕${model}` } });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
}

async function registerWorker(key: string, body: unknown): Promise<string> {
  const reg = await api('/v1/workers', { method: 'POST', key, body });
  expect(reg.status, JSON.stringify(reg.body)).toBe(201);
  return reg.body.workerId;
}

/**
 * A worker of the enterprise on `type` for the whole year assessed. The term is recorded over
 * HTTP, where it can only start today (the link's first day); the year assessed is behind us
 * and no route backdates, so — as test/integration/subsidy-persons.test.ts does — the store
 * then moves the link's first day and that first term back to 1 January of the year assessed.
 */
async function employedAllYear(enterprise: { tenantId: string; key: string }, type: 'labour-contract' | 'service-agreement', body: unknown): Promise<string> {
  const workerId = await registerWorker(enterprise.key, body);
  const term = await api(`/v1/workers/${workerId}/employment/terms`, { method: 'POST', key: enterprise.key, body: { type, from: TODAY } });
  expect(term.status, JSON.stringify(term.body)).toBe(200);
  const employment = employmentRepository(platform.store);
  const link = (await employment.get(enterprise.tenantId, workerId, true))!;
  expect(link.terms).toEqual([expect.objectContaining({ type, from: TODAY })]);
  await employment.link({ ...link, since: `${Y}-01-01T00:00:00.000Z`, terms: link.terms!.map((t, i) => (i === 0 ? { ...t, from: `${Y}-01-01` } : t)) });
  return workerId;
}

const graduateWorkerBody = () => {
  const p = person();
  return { idNumber: p.idNumber, name: p.name, serviceCategories: ['nanny'], consents: [{ scope: 'subsidy-graduate', version: '2026-01', granted: true }] };
};

const AWARDS = [
  { scheme: 'trustworthy-enterprise-award', role: 'enterprise', kind: 'trustworthy-enterprise', perItem: false, recognitionRule: 'recognised-as-trustworthy-enterprise', amountFen: 20_000_000 },
  { scheme: 'quality-outlet-award', role: 'enterprise', kind: 'quality-service-outlet', perItem: true, recognitionRule: 'recognised-as-quality-outlet', amountFen: 10_000_000 },
  { scheme: 'city-training-base', role: 'training-base', kind: 'city-training-base', perItem: false, recognitionRule: 'recognised-as-city-training-base', amountFen: 30_000_000 },
  { scheme: 'district-training-base', role: 'training-base', kind: 'district-training-base', perItem: false, recognitionRule: 'recognised-as-district-training-base', amountFen: 10_000_000 },
  { scheme: 'course-standard-introduction', role: 'training-base', kind: 'course-standard', perItem: true, recognitionRule: 'course-standard-approved', amountFen: 5_000_000 },
] as const;

describe('the other one-off awards over HTTP', () => {
  for (const award of AWARDS) {
    it.concurrent(`${award.scheme}: the recognised applicant is allowed the award; the other role, unrecognised, out of window and without documents is refused by each rule`, async () => {
      const [applicant, other] = await Promise.all([
        tenant(`${award.scheme}-申请人`, award.role),
        tenant(`${award.scheme}-他人`, award.role === 'enterprise' ? 'training-base' : 'enterprise'),
      ]);
      const recognitionId = await recognise(applicant.tenantId, award.kind, award.perItem ? `ITEM-${applicant.tenantId}` : undefined);
      const [ok, refused] = await Promise.all([
        api('/v1/subsidy-applications', { method: 'POST', key: applicant.key, body: { scheme: award.scheme, year: YEAR, documents: DOCS, ...(award.perItem ? { recognitionId } : {}) } }),
        api('/v1/subsidy-applications', { method: 'POST', key: other.key, body: { scheme: award.scheme, year: YEAR - 2, documents: docs('application-form'), ...(award.perItem ? { recognitionId } : {}) } }),
      ]);
      await expectSubmitted(ok, award.scheme, YEAR, award.amountFen);
      const expected: string[] = [award.role === 'enterprise' ? 'applicant-is-enterprise' : 'applicant-is-training-base', 'application-window-open', award.recognitionRule, 'required-documents-provided'];
      // A per-item award names a recognition the applicant does not hold: its subject cannot be checked either.
      if (award.perItem) expected.push('award-not-granted-before');
      await expectRefused(refused, expected);
    });
  }
});

describe('the per-person schemes over HTTP', () => {
  it('employee-system-enterprise and graduate-employment: allowed per worker counted and per graduate; refused by the enterprise rules and by the graduate rule, with the worker named', async () => {
    const [employer, intermediary] = await Promise.all([tenant('广州员工制家政有限公司', 'enterprise'), tenant('广州中介制家政有限公司', 'enterprise')]);
    await Promise.all([employmentModel(employer.tenantId, 'employee-system'), employmentModel(intermediary.tenantId, 'intermediary')]);

    // 30 on labour contracts all year (the minimum average headcount), two of them graduates;
    // one on a service agreement, who is not counted.
    const [graduate, otherSchool, ...rest] = await Promise.all([
      ...[0, 1].map(() => employedAllYear(employer, 'labour-contract', graduateWorkerBody())),
      ...Array.from({ length: 28 }, () => employedAllYear(employer, 'labour-contract', insurableWorkerBody(person()))),
      employedAllYear(employer, 'service-agreement', insurableWorkerBody(person())),
    ]);
    const onLabourContracts = [graduate!, otherSchool!, ...rest.slice(0, 28)];
    const onAgreement = rest[28]!;
    const graduations = await Promise.all(
      [
        [graduate!, { graduationYear: Y - 1, schoolType: 'higher-education' }],
        [otherSchool!, { graduationYear: Y - 1, schoolType: 'other' }],
      ].map(([workerId, body]) => api(`/v1/workers/${workerId}/graduation`, { method: 'PUT', key: employer.key, body })),
    );
    for (const g of graduations) expect(g.status, JSON.stringify(g.body)).toBe(200);
    // One worker of the intermediary enterprise: it fails its model and size, not the amount.
    await employedAllYear(intermediary, 'labour-contract', insurableWorkerBody(person()));

    const graduateBody = (...workerIds: string[]) => ({ scheme: 'graduate-employment', year: Y, workerIds, documents: docs(...PERSON_DOCS, 'graduation-certificate') });
    const [employeeSystem, employeeSystemRefused, graduateRefused] = await Promise.all([
      api('/v1/subsidy-applications', { method: 'POST', key: employer.key, body: { scheme: 'employee-system-enterprise', year: Y, documents: docs(...PERSON_DOCS) } }),
      api('/v1/subsidy-applications', { method: 'POST', key: intermediary.key, body: { scheme: 'employee-system-enterprise', year: Y, documents: docs(...PERSON_DOCS) } }),
      api('/v1/subsidy-applications', { method: 'POST', key: employer.key, body: graduateBody(graduate!, otherSchool!) }),
    ]);
    // 1,000 ¥ per worker on a labour contract more than half the year.
    await expectSubmitted(employeeSystem, 'employee-system-enterprise', Y, onLabourContracts.length * 100_000);
    // One worker against an average of 30 at month ends, under a model that is not the employee system.
    await expectRefused(employeeSystemRefused, ['enterprise-is-employee-system', 'average-labour-contract-headcount']);
    // One named graduate failing one rule refuses the whole application (the other one qualifies), naming the rule and the worker.
    await expectRefused(graduateRefused, [`${otherSchool}:graduate-school-type-qualifies`]);
    // After the refusal (which stored nothing), so that no live application of the year answers it instead: 10,000 ¥ per graduate named.
    await expectSubmitted(await api('/v1/subsidy-applications', { method: 'POST', key: employer.key, body: graduateBody(graduate!) }), 'graduate-employment', Y, 1_000_000);

    const detail = await api(`/v1/subsidy-applications/${employeeSystem.body.applicationId}`, { key: employer.key });
    const lines = detail.body.evidence.amount.persons as { workerId: string; counted: boolean; failed: string[] }[];
    expect(lines.filter((l) => l.counted).map((l) => l.workerId).sort()).toEqual([...onLabourContracts].sort());
    expect(lines.filter((l) => !l.counted).map((l) => [l.workerId, l.failed])).toEqual([[onAgreement, ['labour-contract-most-of-year']]]);
  }, 120_000);
});

/** Days from `from` to `to`, both included. */
const daysBetween = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
/** docs/insurer-integration.md "Premium subsidy": the line's premium pro rata, halves up; half of it, down; at most 15000 fen. */
const subsidyOfLine = (premiumPerWorkerFen: number, days: number, termDays: number) => {
  const premium = Math.floor((2 * premiumPerWorkerFen * days + termDays) / (2 * termDays));
  return Math.min(Math.floor(premium / 2), 15_000);
};

describe('the insurance premium subsidy over HTTP', () => {
  it('allows exactly GET /v1/insurance/subsidy for the same enterprise and year; an enterprise with nobody insured is refused', async () => {
    const [enterprise, insurer, uninsured] = await Promise.all([
      tenant('广州参保家政有限公司', 'enterprise' as const),
      (async () => {
        const t = await createTenant(platform.store, { name: '测试保险公司', role: 'insurer' });
        return { tenantId: t.tenantId, key: (await createKey(platform.store, t.tenantId)).apiKey };
      })(),
      tenant('广州未参保家政有限公司', 'enterprise' as const),
    ]);
    const PREMIUM = 24_000;
    const issued = await api('/v1/policies', {
      method: 'POST',
      key: insurer.key,
      body: { enterpriseId: enterprise.tenantId, policyNumber: `E2E-SUB-${process.pid}-${Date.now()}`, covers: ['worker-accident', 'third-party-liability'], startsOn: `${Y}-01-01`, endsOn: `${Y}-12-31`, premiumPerWorkerFen: PREMIUM },
    });
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    const policyId = issued.body.policyId as string;
    // Cover is never backdated over HTTP and the year assessed is behind us: the enrolments go
    // through the real enrolment service with its clock set to their first day (test/support/insurance.ts).
    const enrolments = [`${Y}-01-01`, `${Y}-07-01`];
    await Promise.all(
      enrolments.map(async (from) => {
        const workerId = await registerWorker(enterprise.key, insurableWorkerBody(person()));
        await enrolWorker(platform.store, { policyId, enterpriseId: enterprise.tenantId, workerId, from });
      }),
    );

    const [report, applied, refused] = await Promise.all([
      api(`/v1/insurance/subsidy?year=${Y}`, { key: enterprise.key }),
      api('/v1/subsidy-applications', { method: 'POST', key: enterprise.key, body: { scheme: 'insurance-premium', year: Y, documents: docs('application-form', 'business-licence', 'bank-account', 'premium-payment-receipt') } }),
      api('/v1/subsidy-applications', { method: 'POST', key: uninsured.key, body: { scheme: 'insurance-premium', year: Y, documents: DOCS } }),
    ]);
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    const termDays = daysBetween(`${Y}-01-01`, `${Y}-12-31`);
    const expected = enrolments.reduce((sum, from) => sum + subsidyOfLine(PREMIUM, daysBetween(from, `${Y}-12-31`), termDays), 0);
    expect(report.body.subsidyFen).toBe(expected);
    await expectSubmitted(applied, 'insurance-premium', Y, report.body.subsidyFen);
    // Nobody on a roster: nothing to allow; and no premium receipt.
    await expectRefused(refused, ['amount-above-zero', 'required-documents-provided']);
  }, 60_000);
});
