/**
 * One object of every kind a route takes an id of, owned by "tenant A" (an enterprise, an
 * insurer and a training base, with an admin where only an admin can make it), made through
 * the routes themselves wherever a route makes it — so the ids are the ones a client gets —
 * and through the services only where no route does (a credit grade, a certificate).
 *
 * `ids` maps a path parameter's name (`orderId`, `certNo`, …) to the object of that kind, so
 * a test can fill any route's path from the route table alone.
 */
import { expect } from 'vitest';
import type { Caller, Role } from '../../shared/auth/roles';
import { createTenant } from '../../shared/admin/onboarding';
import { addDays, chinaDate } from '../../shared/domain/insurance/days';
import { EXAMPLE_ORDER } from '../../shared/schemas/examples';
import { gradePeriod } from '../../shared/services/credit-grading';
import { creditFactsRepository } from '../../shared/store/credit-facts-repository';
import type { AppHarness } from './app-harness';
import { certifyWorker } from './certificates';
import { validOrder } from './fixtures';
import { insurableWorkerBody, person } from './workers';

export type TenantRole = Exclude<Role, 'admin'>;
export const TENANT_ROLES: readonly TenantRole[] = ['enterprise', 'training-base', 'insurer'];

export interface TenantObjects {
  /** Tenant A, one tenant per role. */
  owners: Record<TenantRole, Caller>;
  admin: Caller;
  ids: Record<string, string>;
  /** Strings of tenant A's that must never reach another tenant: its tenant ids and object ids. */
  secrets: string[];
}

const SHA = 'a'.repeat(64);
const GRADED_PERIOD = '2026-10';

let counter = 0;
export async function tenantOf(h: AppHarness, role: Role, name: string): Promise<Caller> {
  const { tenantId } = await createTenant(h.store, { name: `${name}${++counter}`, role, joinedOn: '2023-01-01' });
  return { tenantId, role, keyId: `key_${tenantId.slice(4)}` };
}

async function created(h: AppHarness, caller: Caller, routeKey: string, options: Parameters<AppHarness['call']>[2], status: number[] = [200, 201, 202]) {
  const reply = await h.call(caller, routeKey, options);
  expect(status, `${routeKey} ${JSON.stringify(reply.body)}`).toContain(reply.status);
  return reply.body;
}

export async function createTenantObjects(h: AppHarness): Promise<TenantObjects> {
  const enterprise = await tenantOf(h, 'enterprise', '甲家政');
  const insurer = await tenantOf(h, 'insurer', '甲保险');
  const trainingBase = await tenantOf(h, 'training-base', '甲培训');
  const admin: Caller = { tenantId: 'ten_01JFUZZADMIN00000000000000', role: 'admin', keyId: 'key_fuzz_admin' };
  const today = chinaDate(new Date());
  const year = Number(today.slice(0, 4));

  const worker = await created(h, enterprise, 'POST /v1/workers', { body: insurableWorkerBody(person()) });
  const workerId = worker.workerId as string;
  const { certNo } = await certifyWorker(h.store, workerId, enterprise.tenantId);

  const policy = await created(h, insurer, 'POST /v1/policies', {
    body: { enterpriseId: enterprise.tenantId, policyNumber: `PA-${Date.now()}`, covers: ['worker-accident', 'third-party-liability'], startsOn: today, endsOn: addDays(today, 300), premiumPerWorkerFen: 20_000 },
  });
  const policyId = policy.policyId as string;
  await created(h, enterprise, 'POST /v1/policies/{policyId}/enrolments', { params: { policyId }, body: { workerId, from: today } });

  const order = await created(h, enterprise, 'POST /v1/orders', { body: validOrder() });
  const orderId = order.orderId as string;
  await h.settle();
  const complaint = await created(h, enterprise, 'POST /v1/orders/{orderId}/complaints', { params: { orderId }, body: { category: 'quality', description: '服务迟到', source: 'enterprise' } });
  const claim = await created(h, enterprise, 'POST /v1/claims', {
    body: { orderId, type: 'worker-accident', occurredAt: new Date().toISOString(), place: '天河区', description: '滑倒', amountClaimedFen: 10_000, documents: [{ kind: 'medical-record', ref: 'DOC-1', sha256: SHA }] },
  });
  await h.settle();

  // A grade: no route makes one (the monthly job does), so through the grading service.
  await creditFactsRepository(h.store).applyEventFacts({
    eventId: `evt_fixture_${enterprise.tenantId}`,
    enterprise: { tenantId: enterprise.tenantId, period: GRADED_PERIOD, counters: { ordersCreated: 40, ordersCompleted: 36, checkIns: 36, onTimeCheckIns: 35, ratings: 20, ratingStarsSum: 94 } },
  });
  const grade = await gradePeriod({ store: h.store, publish: async () => undefined, stage: 'test' }, enterprise.tenantId, GRADED_PERIOD);
  const indicatorId = grade.record.result.dimensions[0]!.indicators[0]!.id;
  const objection = await created(h, enterprise, 'POST /v1/credit/grades/{period}/objections', { params: { period: GRADED_PERIOD }, body: { indicatorId, reason: '数据有误' } });

  const record = await created(h, admin, 'POST /v1/admin/credit/records', { body: { tenantId: enterprise.tenantId, kind: 'reward', points: 3, effectiveOn: today, evidenceRef: '穗商务〔2026〕1号' } });
  const recognition = await created(h, admin, 'POST /v1/admin/subsidy-facts/recognitions', {
    body: { tenantId: enterprise.tenantId, kind: 'leading-enterprise', awardedOn: `${year}-01-02`, evidenceRef: '穗商务〔2026〕2号' },
  });
  const application = await created(h, enterprise, 'POST /v1/subsidy-applications', {
    body: { scheme: 'leading-enterprise-award', year, documents: ['application-form', 'business-licence', 'bank-account'].map((kind, i) => ({ kind, ref: `DOC-${i + 1}`, sha256: SHA })) },
  });
  const report = await created(h, enterprise, 'POST /v1/wage-reports', { body: { workerId, year: String(year), post: 'nanny', experienceBand: '1-to-3', payType: 'monthly', amountFen: 650_000 } });
  await created(h, insurer, 'PUT /v1/webhook', { body: { url: 'https://hooks.example.com/anxin' } });

  const ids: Record<string, string> = {
    orderId,
    eventId: order.eventId as string,
    complaintId: complaint.complaintId as string,
    workerId,
    certNo,
    policyId,
    claimId: claim.claimId as string,
    period: GRADED_PERIOD,
    objectionId: objection.objectionId as string,
    recordId: record.recordId as string,
    recognitionId: recognition.recognitionId as string,
    applicationId: application.applicationId as string,
    reportId: report.reportId as string,
    stationId: EXAMPLE_ORDER.stationId!,
    areaId: 'tianhe-fixture',
    scheme: 'leading-enterprise-award',
    year: String(year),
  };
  for (const [name, id] of Object.entries(ids)) expect(id, name).toEqual(expect.any(String));
  return {
    owners: { enterprise, insurer, 'training-base': trainingBase },
    admin,
    ids,
    secrets: [enterprise.tenantId, insurer.tenantId, trainingBase.tenantId, workerId, orderId, policyId, ids.claimId!, ids.complaintId!, ids.applicationId!, ids.reportId!],
  };
}
