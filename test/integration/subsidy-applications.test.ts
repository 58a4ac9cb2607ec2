/**
 * Subsidy applications end to end through the real handlers against DynamoDB Local
 * (docs/subsidies.md): the admin's facts and budgets, every open scheme eligible and
 * ineligible (every failed rule named, nothing stored on a refusal; the per-person schemes are
 * subsidy-persons.test.ts's), the review steps with their trace, 50 concurrent approvals against a budget
 * that fits 20, a one-off award never approved twice, the insurance premium subsidy equal to
 * GET /v1/insurance/subsidy, and a property over application bodies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scanItems } from '../support/test-store';
import type { Caller, Role } from '../../shared/auth/roles';
import { createTenant } from '../../shared/admin/onboarding';
import { SCHEME_IDS, SCHEMES, type DocumentKind, type SchemeId } from '../../shared/domain/subsidy/schemes';
import { shanghaiDay } from '../../shared/lib/shanghai-day';
import { verifyChain } from '../../shared/trace/chain';
import type { CloudEvent } from '../../shared/events/cloudevent';
import { SubsidyEventSchemas, subsidyEventType, type SubsidyStep } from '../../shared/events/subsidy-cloudevent';
import { submitApplication, supplementApplication } from '../../shared/services/subsidy-applications';
import { approveApplication, recordPayment, requestInformation } from '../../shared/services/subsidy-review';
import { enrolWorker, givePolicy } from '../support/insurance';
import { responseViolation } from '../support/openapi-conformance';
import { startRouteHarness, type RouteHarness } from '../support/route-harness';

let h: RouteHarness;
const ADMIN: Caller = { tenantId: 'ten_01JSUBADMINXXXXXXXXXXXXXXX', role: 'admin', keyId: 'key_subsidy_admin' };
const TODAY = shanghaiDay(new Date());
const THIS_YEAR = Number(TODAY.slice(0, 4));
const DAY_THIS_YEAR = `${THIS_YEAR}-01-02`;

const SHA = 'a'.repeat(64);
const docs = (...kinds: DocumentKind[]) => kinds.map((kind, i) => ({ kind, ref: `DOC-${i + 1}`, sha256: SHA }));
const BASE_DOCS = docs('application-form', 'business-licence', 'bank-account');

let tenantCounter = 0;
async function tenant(role: Role): Promise<Caller> {
  const { tenantId } = await createTenant(h.store, { name: `${role === 'enterprise' ? '测试家政' : '测试培训基地'}${++tenantCounter}`, role });
  return { tenantId, role, keyId: `key_${tenantId}` };
}

async function recognise(tenantId: string, kind: string, awardedOn = DAY_THIS_YEAR, subjectRef?: string): Promise<string> {
  const reply = await h.call(ADMIN, 'POST /v1/admin/subsidy-facts/recognitions', { body: { tenantId, kind, awardedOn, evidenceRef: `穗商务〔${THIS_YEAR}〕1号`, ...(subjectRef ? { subjectRef } : {}) } });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body.recognitionId;
}

const apply = (caller: Caller, body: Record<string, unknown>) => h.call(caller, 'POST /v1/subsidy-applications', { body });

async function setBudget(scheme: SchemeId, year: number, allocatedFen: number) {
  const reply = await h.call(ADMIN, 'PUT /v1/admin/subsidy-budgets/{scheme}/{year}', { params: { scheme, year: String(year) }, body: { allocatedFen } });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body;
}

async function budgetOf(scheme: SchemeId, year: number) {
  const reply = await h.call(ADMIN, 'GET /v1/admin/subsidy-budgets', { query: { year: String(year) } });
  expect(reply.status).toBe(200);
  return reply.body.items.find((b: { schemeId: string }) => b.schemeId === scheme);
}

/** Every subsidy application item of a tenant — the application, its trace and evidence, the live item, the pointer — by a scan of the test's own table. */
async function applicationItemsOf(tenantId: string): Promise<Record<string, unknown>[]> {
  const items = await scanItems(h.store, [`T#${tenantId}#SUBSIDY`, 'SUBSIDY']);
  return items.filter((i) => {
    const pk = String(i.pk);
    return (pk.startsWith(`T#${tenantId}#SUBSIDYAPP`) || pk.startsWith(`T#${tenantId}#SUBSIDYLIVE`) || (pk.startsWith('SUBSIDY') && i.tenantId === tenantId));
  });
}

const failedRuleIds = (body: { failedRules?: { rule: string }[] }) => (body.failedRules ?? []).map((r) => r.rule).sort();

beforeAll(async () => {
  h = await startRouteHarness();
  // Every answer of every route this file calls, refusals included, is checked against docs/openapi.json.
  const call = h.call;
  h.call = async (caller, routeKey, options = {}) => {
    const reply = await call(caller, routeKey, options);
    const [method, template] = routeKey.split(' ') as [string, string];
    const path = template.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(options.params?.[name] ?? ''));
    expect(responseViolation(method, path, reply.status, reply.headers['content-type'] ?? null, JSON.stringify(reply.body))).toBeUndefined();
    return reply;
  };
});
afterAll(async () => {
  await h?.close();
  (h?.store as { client?: { destroy(): void } } | undefined)?.client?.destroy();
});

const AWARDS: { scheme: SchemeId; role: Role; kind: string; perItem: boolean; recognitionRule: string }[] = [
  { scheme: 'leading-enterprise-award', role: 'enterprise', kind: 'leading-enterprise', perItem: false, recognitionRule: 'recognised-as-leading-enterprise' },
  { scheme: 'trustworthy-enterprise-award', role: 'enterprise', kind: 'trustworthy-enterprise', perItem: false, recognitionRule: 'recognised-as-trustworthy-enterprise' },
  { scheme: 'quality-outlet-award', role: 'enterprise', kind: 'quality-service-outlet', perItem: true, recognitionRule: 'recognised-as-quality-outlet' },
  { scheme: 'city-training-base', role: 'training-base', kind: 'city-training-base', perItem: false, recognitionRule: 'recognised-as-city-training-base' },
  { scheme: 'district-training-base', role: 'training-base', kind: 'district-training-base', perItem: false, recognitionRule: 'recognised-as-district-training-base' },
  { scheme: 'course-standard-introduction', role: 'training-base', kind: 'course-standard', perItem: true, recognitionRule: 'course-standard-approved' },
];

describe('the award schemes', () => {
  for (const award of AWARDS) {
    it(`${award.scheme}: an eligible application is stored with its evidence and trace; an ineligible one names every failed rule and stores nothing`, async () => {
      const applicant = await tenant(award.role);
      const recognitionId = await recognise(applicant.tenantId, award.kind, DAY_THIS_YEAR, award.perItem ? `ITEM-${applicant.tenantId}` : undefined);
      const body = { scheme: award.scheme, year: THIS_YEAR, documents: BASE_DOCS, ...(award.perItem ? { recognitionId } : {}) };
      const ok = await apply(applicant, body);
      expect(ok.status, JSON.stringify(ok.body)).toBe(201);
      expect(ok.body).toMatchObject({ schemeId: award.scheme, year: THIS_YEAR, applicantId: applicant.tenantId, state: 'submitted', allowedFen: (SCHEMES[award.scheme].amount as { amountFen: number }).amountFen });
      const detail = await h.call(applicant, 'GET /v1/subsidy-applications/{applicationId}', { params: { applicationId: ok.body.applicationId } });
      expect(detail.status).toBe(200);
      expect(detail.body.evidence).toMatchObject({ schemeId: award.scheme, eligible: true, failedRules: [] });
      expect(detail.body.evidence.sources).toContainEqual(expect.objectContaining({ fact: 'applicant.recognitions', subject: recognitionId }));
      expect(detail.body.trace.map((e: { type: string }) => e.type)).toEqual(['subsidy.submitted']);
      expect(verifyChain(detail.body.trace, detail.body.traceHead)).toEqual({ valid: true, length: 1 });

      // The other role, no recognition, a closed window, documents missing: every rule that fails is named.
      const other = await tenant(award.role === 'enterprise' ? 'training-base' : 'enterprise');
      const refused = await apply(other, { scheme: award.scheme, year: THIS_YEAR - 2, documents: docs('application-form'), ...(award.perItem ? { recognitionId } : {}) });
      expect(refused.status).toBe(422);
      expect(refused.body.type).toBe('/problems/subsidy-ineligible');
      const expected = [award.role === 'enterprise' ? 'applicant-is-enterprise' : 'applicant-is-training-base', 'application-window-open', award.recognitionRule, 'required-documents-provided'];
      // A per-item award names a recognition the applicant does not hold: its subject cannot be checked either.
      if (award.perItem) expected.push('award-not-granted-before');
      expect(failedRuleIds(refused.body)).toEqual(expected.sort());
      expect(refused.body.failedRules.every((r: { detail: string }) => r.detail.length > 0)).toBe(true);
      expect(await applicationItemsOf(other.tenantId)).toEqual([]);
      expect((await h.call(other, 'GET /v1/subsidy-applications')).body.items).toEqual([]);

      // Another tenant's application is answered as missing.
      expect((await h.call(other, 'GET /v1/subsidy-applications/{applicationId}', { params: { applicationId: ok.body.applicationId } })).status).toBe(404);
    });
  }

  it('refuses a black-listed enterprise, and a recognition revoked before the application', async () => {
    const applicant = await tenant('enterprise');
    const recognitionId = await recognise(applicant.tenantId, 'quality-service-outlet', DAY_THIS_YEAR, 'OUTLET-1');
    const revoked = await h.call(ADMIN, 'POST /v1/admin/subsidy-facts/recognitions/{recognitionId}/revoke', { params: { recognitionId }, query: { tenantId: applicant.tenantId }, body: { revokedOn: DAY_THIS_YEAR } });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ revokedOn: DAY_THIS_YEAR, version: 2 });
    const black = await h.call(ADMIN, 'POST /v1/admin/credit/records', { body: { tenantId: applicant.tenantId, kind: 'blacklist', points: 0, effectiveOn: DAY_THIS_YEAR, evidenceRef: '失信-1' } });
    expect(black.status).toBe(201);
    const refused = await apply(applicant, { scheme: 'quality-outlet-award', year: THIS_YEAR, recognitionId, documents: BASE_DOCS });
    expect(refused.status).toBe(422);
    expect(failedRuleIds(refused.body)).toEqual(['applicant-not-blacklisted', 'recognised-as-quality-outlet']);
    expect(await applicationItemsOf(applicant.tenantId)).toEqual([]);
  });

  it('keeps the admin facts idempotent per key, and lists them', async () => {
    const applicant = await tenant('enterprise');
    const body = { tenantId: applicant.tenantId, model: 'employee-system', effectiveOn: DAY_THIS_YEAR, evidenceRef: '检查报告-7' };
    const first = await h.call(ADMIN, 'POST /v1/admin/subsidy-facts/employment-models', { body, idempotencyKey: `model-${applicant.tenantId}` });
    const again = await h.call(ADMIN, 'POST /v1/admin/subsidy-facts/employment-models', { body, idempotencyKey: `model-${applicant.tenantId}` });
    const reused = await h.call(ADMIN, 'POST /v1/admin/subsidy-facts/employment-models', { body: { ...body, model: 'intermediary' }, idempotencyKey: `model-${applicant.tenantId}` });
    expect([first.status, again.status, reused.status]).toEqual([201, 200, 422]);
    expect(again.body.recordId).toBe(first.body.recordId);
    const listed = await h.call(ADMIN, 'GET /v1/admin/subsidy-facts', { query: { tenantId: applicant.tenantId } });
    expect(listed.body.models).toEqual([first.body]);
    // A recognition of a training base's kind is recorded against a training base only.
    const wrong = await h.call(ADMIN, 'POST /v1/admin/subsidy-facts/recognitions', { body: { tenantId: applicant.tenantId, kind: 'city-training-base', awardedOn: DAY_THIS_YEAR, evidenceRef: 'x' } });
    expect(wrong.status).toBe(404);
  });
});

describe('the life of an application', () => {
  it('moves through request-info, supplement, approve and payment, each step on its trace; wrong steps are 409', async () => {
    const applicant = await tenant('enterprise');
    await recognise(applicant.tenantId, 'trustworthy-enterprise');
    const submitted = await apply(applicant, { scheme: 'trustworthy-enterprise-award', year: THIS_YEAR, documents: BASE_DOCS });
    expect(submitted.status).toBe(201);
    const id = submitted.body.applicationId;
    const params = { applicationId: id };

    // One live application per applicant, scheme and year.
    const second = await apply(applicant, { scheme: 'trustworthy-enterprise-award', year: THIS_YEAR, documents: BASE_DOCS });
    expect(second.status).toBe(409);
    expect(second.body.type).toBe('/problems/subsidy-application-exists');

    const queue = await h.call(ADMIN, 'GET /v1/admin/subsidy-applications', { query: { scheme: 'trustworthy-enterprise-award', state: 'submitted' } });
    expect(queue.body.items.map((a: { applicationId: string }) => a.applicationId)).toContain(id);

    expect((await h.call(ADMIN, 'POST /v1/admin/subsidy-applications/{applicationId}/request-info', { params, body: { note: '请补充银行账户信息' } })).body.state).toBe('more-info-requested');
    // A supplement that drops a document fails its rule; the application stays as it was.
    const bad = await h.call(applicant, 'POST /v1/subsidy-applications/{applicationId}/supplement', { params, body: { documents: docs('application-form', 'business-licence') } });
    expect(bad.status).toBe(422);
    expect(failedRuleIds(bad.body)).toEqual(['required-documents-provided']);
    const supplemented = await h.call(applicant, 'POST /v1/subsidy-applications/{applicationId}/supplement', { params, body: { documents: [...BASE_DOCS, { kind: 'bank-account', ref: 'DOC-BANK-2', sha256: 'b'.repeat(64) }] } });
    expect(supplemented.status, JSON.stringify(supplemented.body)).toBe(200);
    expect(supplemented.body.state).toBe('submitted');
    expect(supplemented.body.evidenceHash).not.toBe(submitted.body.evidenceHash);

    // No budget yet; then a budget, an amount above the allowed, less without a reason.
    const noBudget = await h.call(ADMIN, 'POST /v1/admin/subsidy-applications/{applicationId}/approve', { params, body: { amountFen: 20_000_000 } });
    expect(noBudget.status).toBe(409);
    expect(noBudget.body.type).toBe('/problems/subsidy-budget-not-set');
    await setBudget('trustworthy-enterprise-award', THIS_YEAR, 100_000_000);
    const above = await h.call(ADMIN, 'POST /v1/admin/subsidy-applications/{applicationId}/approve', { params, body: { amountFen: 20_000_001 } });
    expect([above.status, above.body.type]).toEqual([422, '/problems/subsidy-amount-above-allowed']);
    const noReason = await h.call(ADMIN, 'POST /v1/admin/subsidy-applications/{applicationId}/approve', { params, body: { amountFen: 15_000_000 } });
    expect([noReason.status, noReason.body.type]).toEqual([422, '/problems/validation-error']);
    const approved = await h.call(ADMIN, 'POST /v1/admin/subsidy-applications/{applicationId}/approve', { params, body: { amountFen: 15_000_000, reason: '部分材料不全，按75%核定' } });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ state: 'approved', approvedFen: 15_000_000, approvedOn: TODAY });
    expect(await budgetOf('trustworthy-enterprise-award', THIS_YEAR)).toMatchObject({ allocatedFen: 100_000_000, committedFen: 15_000_000, paidFen: 0, remainingFen: 85_000_000 });

    // The budget cannot go below what is committed.
    const lower = await h.call(ADMIN, 'PUT /v1/admin/subsidy-budgets/{scheme}/{year}', { params: { scheme: 'trustworthy-enterprise-award', year: String(THIS_YEAR) }, body: { allocatedFen: 14_999_999 } });
    expect([lower.status, lower.body.type]).toEqual([409, '/problems/subsidy-budget-below-committed']);

    const withdraw = await h.call(applicant, 'POST /v1/subsidy-applications/{applicationId}/withdraw', { params });
    expect([withdraw.status, withdraw.body.type]).toEqual([409, '/problems/subsidy-transition-not-allowed']);
    const differs = await h.call(ADMIN, 'POST /v1/admin/subsidy-applications/{applicationId}/record-payment', { params, body: { amountFen: 20_000_000, paidOn: TODAY, paymentRef: 'PAY-1' } });
    expect([differs.status, differs.body.type]).toEqual([422, '/problems/subsidy-payment-differs']);
    const paid = await h.call(ADMIN, 'POST /v1/admin/subsidy-applications/{applicationId}/record-payment', { params, body: { amountFen: 15_000_000, paidOn: TODAY, paymentRef: 'PAY-1' } });
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ state: 'paid', paidOn: TODAY });
    expect(await budgetOf('trustworthy-enterprise-award', THIS_YEAR)).toMatchObject({ committedFen: 15_000_000, paidFen: 15_000_000, remainingFen: 85_000_000 });
    const again = await h.call(ADMIN, 'POST /v1/admin/subsidy-applications/{applicationId}/approve', { params, body: { amountFen: 1 , reason: 'x' } });
    expect([again.status, again.body.type]).toEqual([409, '/problems/subsidy-transition-not-allowed']);

    const detail = await h.call(applicant, 'GET /v1/subsidy-applications/{applicationId}', { params });
    expect(detail.body.trace.map((e: { type: string }) => e.type)).toEqual(['subsidy.submitted', 'subsidy.info-requested', 'subsidy.supplemented', 'subsidy.approved', 'subsidy.paid']);
    expect(verifyChain(detail.body.trace, detail.body.traceHead).valid).toBe(true);
    expect(detail.body.evidence.facts.documents).toHaveLength(4);

    const awards = await h.call(undefined, 'GET /v1/public/subsidies/awards', { query: { year: String(THIS_YEAR) } });
    expect(awards.status).toBe(200);
    expect(awards.body.items).toContainEqual({ tenantId: applicant.tenantId, name: expect.any(String), role: 'enterprise', schemeId: 'trustworthy-enterprise-award', amountFen: 15_000_000, state: 'paid', approvedOn: TODAY, paidOn: TODAY });
    expect(JSON.stringify(awards.body)).not.toMatch(/PAY-1|按75%|DOC-/);
  });

  it('frees the place when an application is withdrawn or rejected', async () => {
    const applicant = await tenant('training-base');
    await recognise(applicant.tenantId, 'district-training-base');
    const body = { scheme: 'district-training-base', year: THIS_YEAR, documents: BASE_DOCS };
    const first = await apply(applicant, body);
    expect((await h.call(applicant, 'POST /v1/subsidy-applications/{applicationId}/withdraw', { params: { applicationId: first.body.applicationId } })).body.state).toBe('withdrawn');
    const second = await apply(applicant, body);
    expect(second.status).toBe(201);
    expect((await h.call(ADMIN, 'POST /v1/admin/subsidy-applications/{applicationId}/reject', { params: { applicationId: second.body.applicationId }, body: { reason: '材料不实' } })).body.state).toBe('rejected');
    expect((await apply(applicant, body)).status).toBe(201);
    const own = await h.call(applicant, 'GET /v1/subsidy-applications');
    expect(own.body.items.map((a: { state: string }) => a.state)).toEqual(['submitted', 'rejected', 'withdrawn']);
  });

  it('answers the same Idempotency-Key with the same application, and another body with 422', async () => {
    const applicant = await tenant('enterprise');
    await recognise(applicant.tenantId, 'leading-enterprise');
    const body = { scheme: 'leading-enterprise-award', year: THIS_YEAR, documents: BASE_DOCS };
    const key = `apply-${applicant.tenantId}`;
    const replies = await Promise.all([1, 2, 3].map(() => h.call(applicant, 'POST /v1/subsidy-applications', { body, idempotencyKey: key })));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(replies.map((r) => r.body.applicationId)).size).toBe(1);
    const other = await h.call(applicant, 'POST /v1/subsidy-applications', { body: { ...body, documents: [...BASE_DOCS, ...docs('premium-payment-receipt')] }, idempotencyKey: key });
    expect([other.status, other.body.type]).toEqual([422, '/problems/idempotency-key-reused']);
  });
});

describe('the lists, page by page', () => {
  /** Every page of a list, following `nextCursor`: the items in order and the page sizes. */
  async function walk(caller: Caller, routeKey: string, query: Record<string, string>) {
    const ids: string[] = [];
    const sizes: number[] = [];
    let cursor: string | undefined;
    do {
      const reply = await h.call(caller, routeKey, { query: { ...query, ...(cursor ? { cursor } : {}) } });
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      ids.push(...reply.body.items.map((a: { applicationId: string }) => a.applicationId));
      sizes.push(reply.body.items.length);
      cursor = reply.body.nextCursor;
    } while (cursor && sizes.length < 50);
    return { ids, sizes };
  }

  it("walks the applicant's own list and the officers' queue with cursors: every application once, newest first, no gaps", async () => {
    const applicant = await tenant('training-base');
    await recognise(applicant.tenantId, 'city-training-base');
    const made: string[] = [];
    for (let i = 0; i < 7; i++) {
      const reply = await apply(applicant, { scheme: 'city-training-base', year: THIS_YEAR, documents: BASE_DOCS });
      expect(reply.status, JSON.stringify(reply.body)).toBe(201);
      made.push(reply.body.applicationId);
      expect((await h.call(applicant, 'POST /v1/subsidy-applications/{applicationId}/withdraw', { params: { applicationId: reply.body.applicationId } })).status).toBe(200);
    }
    const newestFirst = [...made].reverse();

    const own = await walk(applicant, 'GET /v1/subsidy-applications', { limit: '3' });
    expect(own.ids).toEqual(newestFirst);
    expect(own.sizes.slice(0, 3)).toEqual([3, 3, 1]);
    // Without a limit: a page of 25, so all seven at once.
    expect((await h.call(applicant, 'GET /v1/subsidy-applications')).body).toEqual({ items: expect.any(Array) });

    const queue = { scheme: 'city-training-base', state: 'withdrawn' };
    const whole = await h.call(ADMIN, 'GET /v1/admin/subsidy-applications', { query: { ...queue, limit: '100' } });
    const paged = await walk(ADMIN, 'GET /v1/admin/subsidy-applications', { ...queue, limit: '2' });
    expect(paged.ids).toEqual(whole.body.items.map((a: { applicationId: string }) => a.applicationId));
    expect(new Set(paged.ids).size).toBe(paged.ids.length);
    expect(paged.ids.filter((id) => made.includes(id))).toEqual(newestFirst);

    // A cursor continues only its own list: not another queue, not another tenant's list; nor a made-up one.
    const first = await h.call(ADMIN, 'GET /v1/admin/subsidy-applications', { query: { ...queue, limit: '2' } });
    const elsewhere = await h.call(ADMIN, 'GET /v1/admin/subsidy-applications', { query: { scheme: 'city-training-base', state: 'submitted', cursor: first.body.nextCursor } });
    expect([elsewhere.status, elsewhere.body.type]).toEqual([400, '/problems/invalid-cursor']);
    const ownFirst = await h.call(applicant, 'GET /v1/subsidy-applications', { query: { limit: '2' } });
    const other = await tenant('training-base');
    expect((await h.call(other, 'GET /v1/subsidy-applications', { query: { cursor: ownFirst.body.nextCursor } })).status).toBe(400);
    expect((await h.call(applicant, 'GET /v1/subsidy-applications', { query: { limit: '0' } })).status).toBe(400);
  });
});

describe('the events of the steps', () => {
  it('publishes cn.anxin.subsidy.<step>.v1 after each committed step, with ids, scheme, year, state and amounts only; a refusal publishes nothing', async () => {
    const published: CloudEvent[] = [];
    const deps = { store: h.store, publish: async (events: CloudEvent[]) => void published.push(...events), stage: 'test' };
    const applicant = await tenant('training-base');
    const recognitionId = await recognise(applicant.tenantId, 'course-standard', DAY_THIS_YEAR, 'STD-育婴-01');
    const input = { scheme: 'course-standard-introduction' as const, year: THIS_YEAR, recognitionId, documents: BASE_DOCS };
    await expect(submitApplication(deps, applicant, `events-refused-${applicant.tenantId}`, { ...input, documents: [] })).rejects.toMatchObject({ slug: 'subsidy-ineligible' });
    expect(published).toEqual([]);
    const { application } = await submitApplication(deps, applicant, `events-${applicant.tenantId}`, input);
    await requestInformation(deps, ADMIN, application.applicationId, `info-${applicant.tenantId}`, { note: '请补充课程标准批准文件' });
    await supplementApplication(deps, applicant, application.applicationId, `supplement-${applicant.tenantId}`, { documents: [...BASE_DOCS, { kind: 'application-form' as const, ref: '课程标准批准文件', sha256: 'c'.repeat(64) }] });
    await setBudget('course-standard-introduction', THIS_YEAR, 5_000_000);
    await approveApplication(deps, ADMIN, application.applicationId, `approve-${applicant.tenantId}`, { amountFen: 5_000_000 });
    await recordPayment(deps, ADMIN, application.applicationId, `pay-${applicant.tenantId}`, { amountFen: 5_000_000, paidOn: TODAY, paymentRef: 'PAY-STD-1' });

    const steps: SubsidyStep[] = ['submitted', 'info-requested', 'supplemented', 'approved', 'paid'];
    expect(published.map((e) => e.type)).toEqual(steps.map(subsidyEventType));
    const trace = (await h.call(applicant, 'GET /v1/subsidy-applications/{applicationId}', { params: { applicationId: application.applicationId } })).body.trace;
    published.forEach((event, i) => {
      expect(SubsidyEventSchemas[steps[i]!].safeParse(event).success, event.type).toBe(true);
      expect(event).toMatchObject({ subject: application.applicationId, anxintraceseq: i + 1, id: trace[i].eventId, data: { traceHash: trace[i].hash, schemeId: 'course-standard-introduction', year: THIS_YEAR } });
    });
    expect(published.at(-1)!.data).toMatchObject({ state: 'paid', allowedFen: 5_000_000, approvedFen: 5_000_000, paidFen: 5_000_000 });
    // No document reference, note, payment reference or recognised item in any event.
    expect(JSON.stringify(published)).not.toMatch(/DOC-|课程|PAY-STD|STD-育婴/);
  });
});

describe('a step whose event was not published', () => {
  it('is answered again by the same request, which publishes the same event (same id, same bytes); another request on the moved application stays refused', async () => {
    // Every publication is attempted; the ones `failing` names throw once, after the step committed.
    const attempted: CloudEvent[] = [];
    const published: CloudEvent[] = [];
    const failing = new Set<string>();
    const publish = async (events: CloudEvent[]) => {
      attempted.push(...events);
      const type = events[0]!.type;
      if (failing.delete(type)) throw new Error('the bus is unavailable');
      published.push(...events);
    };
    const deps = { store: h.store, publish, stage: 'test' };
    const applicant = await tenant('training-base');
    await recognise(applicant.tenantId, 'district-training-base');
    const input = { scheme: 'district-training-base' as const, year: THIS_YEAR, documents: BASE_DOCS };
    const lastAttempt = () => JSON.stringify(attempted.at(-1));
    const lastPublished = () => JSON.stringify(published.at(-1));

    // The submission: stored, its event lost; the same key answers the application and publishes it.
    failing.add(subsidyEventType('submitted'));
    await expect(submitApplication(deps, applicant, `lost-submit-${applicant.tenantId}`, input)).rejects.toThrow('unavailable');
    const lostSubmit = lastAttempt();
    const repeated = await submitApplication(deps, applicant, `lost-submit-${applicant.tenantId}`, input);
    expect(repeated.created).toBe(false);
    expect(lastPublished()).toBe(lostSubmit);
    const id = repeated.application.applicationId;

    // An admin step: the repeat answers 200 with the application and publishes the step's event again.
    failing.add(subsidyEventType('info-requested'));
    await expect(requestInformation(deps, ADMIN, id, `lost-info-${id}`, { note: '请补充' })).rejects.toThrow('unavailable');
    const lostInfo = lastAttempt();
    expect((await requestInformation(deps, ADMIN, id, `lost-info-${id}`, { note: '请补充' })).state).toBe('more-info-requested');
    expect(lastPublished()).toBe(lostInfo);
    // The same key with another body is 422; another request for the step the application is past is 409.
    await expect(requestInformation(deps, ADMIN, id, `lost-info-${id}`, { note: '别的' })).rejects.toMatchObject({ status: 422, slug: 'idempotency-key-reused' });
    await expect(requestInformation(deps, ADMIN, id, `other-info-${id}`, { note: '请补充' })).rejects.toMatchObject({ status: 409, slug: 'subsidy-transition-not-allowed' });

    // An approval whose event is lost, repeated only after the application moved on (supplement
    // before it, payment after it): the approval's event as it was, with the allowed amount of its time.
    await supplementApplication(deps, applicant, id, `supplement-${id}`, { documents: [...BASE_DOCS, { kind: 'bank-account', ref: 'DOC-BANK-2', sha256: 'b'.repeat(64) }] });
    await setBudget('district-training-base', THIS_YEAR, 10_000_000);
    failing.add(subsidyEventType('approved'));
    await expect(approveApplication(deps, ADMIN, id, `lost-approve-${id}`, { amountFen: 10_000_000 })).rejects.toThrow('unavailable');
    const lostApproval = lastAttempt();
    await recordPayment(deps, ADMIN, id, `pay-${id}`, { amountFen: 10_000_000, paidOn: TODAY, paymentRef: 'PAY-LOST-1' });
    const again = await approveApplication(deps, ADMIN, id, `lost-approve-${id}`, { amountFen: 10_000_000 });
    expect(again.state).toBe('paid');
    expect(lastPublished()).toBe(lostApproval);
    expect(JSON.parse(lostApproval)).toMatchObject({ type: subsidyEventType('approved'), anxintraceseq: 4, data: { state: 'approved', approvedFen: 10_000_000, paidFen: null } });
    // Once reserved: the repeat committed nothing.
    expect(await budgetOf('district-training-base', THIS_YEAR)).toMatchObject({ committedFen: 10_000_000, paidFen: 10_000_000, remainingFen: 0 });
    const trace = (await h.call(applicant, 'GET /v1/subsidy-applications/{applicationId}', { params: { applicationId: id } })).body.trace;
    expect(trace.map((e: { type: string }) => e.type)).toEqual(['subsidy.submitted', 'subsidy.info-requested', 'subsidy.supplemented', 'subsidy.approved', 'subsidy.paid']);
    expect(published.map((e) => e.id)).toEqual([trace[0].eventId, trace[1].eventId, trace[2].eventId, trace[4].eventId, trace[3].eventId]);
  });

  it('requires an Idempotency-Key on every step (400), and answers a repeat over HTTP with the same 200', async () => {
    const applicant = await tenant('training-base');
    await recognise(applicant.tenantId, 'city-training-base');
    const submitted = await apply(applicant, { scheme: 'city-training-base', year: THIS_YEAR, documents: BASE_DOCS });
    const params = { applicationId: submitted.body.applicationId };
    const withoutKey = await h.call(ADMIN, 'POST /v1/admin/subsidy-applications/{applicationId}/reject', { params, body: { reason: '材料不实' }, idempotencyKey: null });
    expect([withoutKey.status, withoutKey.body.type]).toEqual([400, '/problems/malformed-request']);
    expect((await h.call(applicant, 'POST /v1/subsidy-applications/{applicationId}/withdraw', { params, idempotencyKey: null })).status).toBe(400);
    const key = `reject-${params.applicationId}`;
    const first = await h.call(ADMIN, 'POST /v1/admin/subsidy-applications/{applicationId}/reject', { params, body: { reason: '材料不实' }, idempotencyKey: key });
    const repeat = await h.call(ADMIN, 'POST /v1/admin/subsidy-applications/{applicationId}/reject', { params, body: { reason: '材料不实' }, idempotencyKey: key });
    expect([first.status, repeat.status]).toEqual([200, 200]);
    expect(repeat.body).toEqual(first.body);
    const other = await h.call(ADMIN, 'POST /v1/admin/subsidy-applications/{applicationId}/reject', { params, body: { reason: '材料不实' } });
    expect([other.status, other.body.type]).toEqual([409, '/problems/subsidy-transition-not-allowed']);
  });
});

describe('budgets and double payment under concurrency', () => {
  it('approves exactly 20 of 50 concurrent approvals against a budget that fits 20; the rest are refused 409', async () => {
    const scheme: SchemeId = 'leading-enterprise-award';
    const year = THIS_YEAR - 1;
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) {
      const applicant = await tenant('enterprise');
      await recognise(applicant.tenantId, 'leading-enterprise', `${year}-06-01`);
      const reply = await apply(applicant, { scheme, year, documents: BASE_DOCS });
      expect(reply.status, JSON.stringify(reply.body)).toBe(201);
      ids.push(reply.body.applicationId);
    }
    await setBudget(scheme, year, 20 * 30_000_000);
    const replies = await Promise.all(ids.map((applicationId) => h.call(ADMIN, 'POST /v1/admin/subsidy-applications/{applicationId}/approve', { params: { applicationId }, body: { amountFen: 30_000_000 } })));
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    expect(statuses.filter((s) => s === 409)).toHaveLength(30);
    for (const refused of replies.filter((r) => r.status === 409)) {
      expect(refused.body.type).toBe('/problems/subsidy-budget-exceeded');
      expect(refused.body.detail).toMatch(/does not cover 30000000 fen/);
    }
    expect(await budgetOf(scheme, year)).toMatchObject({ allocatedFen: 600_000_000, committedFen: 600_000_000, remainingFen: 0 });
    const queue = await h.call(ADMIN, 'GET /v1/admin/subsidy-applications', { query: { scheme, state: 'approved' } });
    expect(queue.body.items.filter((a: { year: number }) => a.year === year)).toHaveLength(20);
  });

  it('never approves a one-off award twice for one enterprise, even when both approvals race', async () => {
    const applicant = await tenant('enterprise');
    const [older, newer] = [THIS_YEAR - 1, THIS_YEAR];
    await recognise(applicant.tenantId, 'leading-enterprise', `${older}-09-01`);
    await recognise(applicant.tenantId, 'leading-enterprise', `${newer}-02-01`);
    const a = await apply(applicant, { scheme: 'leading-enterprise-award', year: older, documents: BASE_DOCS });
    const b = await apply(applicant, { scheme: 'leading-enterprise-award', year: newer, documents: BASE_DOCS });
    expect([a.status, b.status]).toEqual([201, 201]);
    await setBudget('leading-enterprise-award', newer, 300_000_000);
    const older50 = await budgetOf('leading-enterprise-award', older);
    await setBudget('leading-enterprise-award', older, older50.allocatedFen + 30_000_000);
    const replies = await Promise.all([a, b].map((r) => h.call(ADMIN, 'POST /v1/admin/subsidy-applications/{applicationId}/approve', { params: { applicationId: r.body.applicationId }, body: { amountFen: 30_000_000 } })));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(replies.find((r) => r.status === 409)!.body.type).toBe('/problems/subsidy-already-awarded');
    // The refused approval reserved nothing.
    expect((await budgetOf('leading-enterprise-award', newer)).committedFen + (await budgetOf('leading-enterprise-award', older)).committedFen).toBe(older50.committedFen + 30_000_000);
    // A new application now fails the ledger's rule.
    const loser = replies.find((r) => r.status === 409)!;
    await h.call(ADMIN, 'POST /v1/admin/subsidy-applications/{applicationId}/reject', { params: { applicationId: [a, b][replies.indexOf(loser)]!.body.applicationId }, body: { reason: '已获奖补' } });
    const again = await apply(applicant, { scheme: 'leading-enterprise-award', year: replies.indexOf(loser) === 0 ? older : newer, documents: BASE_DOCS });
    expect(again.status).toBe(422);
    expect(failedRuleIds(again.body)).toEqual(['award-not-granted-before']);
  });
});

describe('the insurance premium subsidy', () => {
  it('allows exactly what GET /v1/insurance/subsidy computes for the same year; without insured workers it allows nothing', async () => {
    const year = THIS_YEAR - 1;
    const enterprise = await tenant('enterprise');
    const insurer = await tenant('insurer');
    const policy = await givePolicy(h.store, { insurerId: insurer.tenantId, enterpriseId: enterprise.tenantId, startsOn: `${year}-03-01`, premiumPerWorkerFen: 24_000 });
    await enrolWorker(h.store, { policyId: policy.policyId, enterpriseId: enterprise.tenantId, workerId: `wk-sub-1-${enterprise.tenantId}`, from: `${year}-03-01` });
    await enrolWorker(h.store, { policyId: policy.policyId, enterpriseId: enterprise.tenantId, workerId: `wk-sub-2-${enterprise.tenantId}`, from: `${year}-07-15` });

    const report = await h.call(enterprise, 'GET /v1/insurance/subsidy', { query: { year: String(year) } });
    expect(report.status).toBe(200);
    expect(report.body.subsidyFen).toBeGreaterThan(0);
    const applied = await apply(enterprise, { scheme: 'insurance-premium', year, documents: [...BASE_DOCS, ...docs('premium-payment-receipt')] });
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    expect(applied.body.allowedFen).toBe(report.body.subsidyFen);
    const detail = await h.call(enterprise, 'GET /v1/subsidy-applications/{applicationId}', { params: { applicationId: applied.body.applicationId } });
    expect(detail.body.evidence.amount.insurance.subsidyFen).toBe(report.body.subsidyFen);
    expect(detail.body.evidence.sources).toContainEqual({ fact: 'insurance.enrolments', subject: policy.policyId, traceHead: expect.objectContaining({ seq: expect.any(Number) }) });

    const uninsured = await tenant('enterprise');
    const refused = await apply(uninsured, { scheme: 'insurance-premium', year, documents: BASE_DOCS });
    expect(refused.status).toBe(422);
    expect(failedRuleIds(refused.body)).toEqual(['amount-above-zero', 'required-documents-provided']);
    expect(await applicationItemsOf(uninsured.tenantId)).toEqual([]);
  });
});

describe('any application body', () => {
  it('never answers 5xx, and a refusal stores nothing', async () => {
    const applicant = await tenant('enterprise');
    const recognitionId = await recognise(applicant.tenantId, 'quality-service-outlet', DAY_THIS_YEAR, 'OUTLET-P');
    await recognise(applicant.tenantId, 'leading-enterprise');
    const body = fc.record(
      {
        scheme: fc.oneof(fc.constantFrom(...SCHEME_IDS), fc.string({ maxLength: 12 })),
        year: fc.oneof(fc.integer({ min: THIS_YEAR - 3, max: THIS_YEAR + 1 }), fc.integer(), fc.constant('2026')),
        recognitionId: fc.oneof(fc.constant(recognitionId), fc.constant('sfr_01JXXXXXXXXXXXXXXXXXXXXXXX'), fc.string({ maxLength: 8 })),
        documents: fc.oneof(
          fc.subarray([...BASE_DOCS, ...docs('premium-payment-receipt')]),
          fc.array(fc.record({ kind: fc.string({ maxLength: 10 }), ref: fc.string({ maxLength: 10 }), sha256: fc.constantFrom(SHA, 'x') }), { maxLength: 3 }),
        ),
        extra: fc.string({ maxLength: 5 }),
      },
      { requiredKeys: ['scheme'] },
    );
    let stored = (await applicationItemsOf(applicant.tenantId)).length;
    await fc.assert(
      fc.asyncProperty(body, async (candidate) => {
        const reply = await h.call(applicant, 'POST /v1/subsidy-applications', { body: candidate });
        expect(reply.status, JSON.stringify(reply.body)).toBeLessThan(500);
        const now = (await applicationItemsOf(applicant.tenantId)).length;
        if (reply.status === 201) {
          expect(now).toBeGreaterThan(stored);
          // Free the place so that later bodies are decided on the rules, not the live item.
          await h.call(applicant, 'POST /v1/subsidy-applications/{applicationId}/withdraw', { params: { applicationId: reply.body.applicationId } });
          stored = (await applicationItemsOf(applicant.tenantId)).length;
        } else {
          expect([400, 409, 415, 422]).toContain(reply.status);
          expect(now).toBe(stored);
        }
      }),
      { numRuns: 60 },
    );
  });
});
