/** The insurance test fixtures (test/support/insurance.ts) and the coverage lookup, against DynamoDB Local. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDate } from '../../shared/domain/insurance/days';
import { newTenantId, newWorkerId } from '../../shared/lib/ids';
import { findCoverage } from '../../shared/services/insurance-coverage';
import type { StoreContext } from '../../shared/store/client';
import { cancelPolicy, endEnrolment, enrolWorker, givePolicy } from '../support/insurance';
import { createTestStore } from '../support/test-store';

let store: StoreContext;
beforeAll(async () => {
  store = await createTestStore();
});
afterAll(() => undefined);

const today = () => chinaDate(new Date());
const nowIso = () => new Date().toISOString();

describe('insurance fixtures and findCoverage', () => {
  it('a worker enrolled today is covered now; other enterprises and claim types are not', async () => {
    const insurerId = newTenantId();
    const enterpriseId = newTenantId();
    const workerId = newWorkerId();
    const policy = await givePolicy(store, { insurerId, enterpriseId, covers: ['worker-accident'] });
    const enrolment = await enrolWorker(store, { policyId: policy.policyId, enterpriseId, workerId });
    expect(enrolment).toMatchObject({ policyId: policy.policyId, workerId, from: today() });

    expect(await findCoverage(store, { enterpriseId, workerId, at: nowIso(), claimType: 'worker-accident' })).toEqual({
      covered: true,
      policyId: policy.policyId,
      policyNumber: policy.policyNumber,
      insurerId,
      enrolledFrom: today(),
    });
    expect(await findCoverage(store, { enterpriseId, workerId, at: nowIso(), claimType: 'property-damage' })).toMatchObject({ covered: false, reason: 'cover-not-included' });
    expect(await findCoverage(store, { enterpriseId: newTenantId(), workerId, at: nowIso(), claimType: 'worker-accident' })).toMatchObject({ covered: false, reason: 'worker-not-enrolled' });
    expect(await findCoverage(store, { enterpriseId, workerId, at: `${addDays(today(), -1)}T12:00:00+08:00`, claimType: 'worker-accident' })).toMatchObject({
      covered: false,
      reason: 'worker-not-enrolled',
    });
  });

  it('past periods: a lapsed policy, a cancelled one, an ended enrolment', async () => {
    const insurerId = newTenantId();
    const enterpriseId = newTenantId();
    const [w1, w2, w3] = [newWorkerId(), newWorkerId(), newWorkerId()];
    const lapsed = await givePolicy(store, { insurerId, enterpriseId, startsOn: addDays(today(), -100), endsOn: addDays(today(), -10) });
    await enrolWorker(store, { policyId: lapsed.policyId, enterpriseId, workerId: w1, from: addDays(today(), -90) });
    expect(await findCoverage(store, { enterpriseId, workerId: w1, at: nowIso(), claimType: 'worker-accident' })).toMatchObject({ covered: false, reason: 'policy-not-active' });
    expect(await findCoverage(store, { enterpriseId, workerId: w1, at: `${addDays(today(), -20)}T10:00:00+08:00`, claimType: 'worker-accident' })).toMatchObject({ covered: true });

    const cancelled = await givePolicy(store, { insurerId, enterpriseId });
    await enrolWorker(store, { policyId: cancelled.policyId, enterpriseId, workerId: w2, from: addDays(today(), -20) });
    const after = await cancelPolicy(store, { insurerId, policyId: cancelled.policyId, effectiveOn: addDays(today(), -5) });
    expect(after).toMatchObject({ status: 'cancelled', cancellation: { effectiveOn: addDays(today(), -5) } });
    expect(await findCoverage(store, { enterpriseId, workerId: w2, at: nowIso(), claimType: 'worker-accident' })).toMatchObject({ covered: false, reason: 'policy-not-active' });

    const current = await givePolicy(store, { insurerId, enterpriseId });
    await enrolWorker(store, { policyId: current.policyId, enterpriseId, workerId: w3, from: addDays(today(), -20) });
    await endEnrolment(store, { policyId: current.policyId, enterpriseId, workerId: w3, on: addDays(today(), -2) });
    expect(await findCoverage(store, { enterpriseId, workerId: w3, at: nowIso(), claimType: 'worker-accident' })).toMatchObject({ covered: false, reason: 'worker-not-enrolled' });
    expect(await findCoverage(store, { enterpriseId, workerId: w3, at: `${addDays(today(), -2)}T23:59:00+08:00`, claimType: 'worker-accident' })).toMatchObject({ covered: true });
  });
});
