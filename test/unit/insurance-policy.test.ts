/** Policy period, roster and cancellation rules (pure). */
import { describe, expect, it } from 'vitest';
import {
  checkPolicyPeriod,
  coveredPeriod,
  coverEndsOn,
  decideCancellation,
  decideEnrolment,
  decideEnrolmentEnd,
  policyStateOn,
  type Enrolment,
  type Policy,
} from '../../shared/domain/insurance/policy';

const policy = (over: Partial<Policy> = {}): Policy => ({
  policyId: 'pol_A',
  policyNumber: 'GZ-1',
  insurerId: 'ten_I',
  enterpriseId: 'ten_E',
  covers: ['worker-accident'],
  startsOn: '2026-01-01',
  endsOn: '2026-12-31',
  premiumPerWorkerFen: 30_000,
  status: 'active',
  issuedAt: '2025-12-01T00:00:00Z',
  version: 1,
  traceHead: { seq: 1, hash: 'h' },
  ...over,
});
const enrolment = (from: string, until?: string): Enrolment => ({
  policyId: 'pol_A',
  insurerId: 'ten_I',
  enterpriseId: 'ten_E',
  workerId: 'wkr_1',
  from,
  ...(until ? { until } : {}),
  enrolledAt: `${from}T00:00:00Z`,
});
const cancelled = (effectiveOn: string) => policy({ status: 'cancelled', cancellation: { effectiveOn, cancelledAt: '2026-05-01T00:00:00Z' } });
const ok = { employed: true, rosterConsent: true };

describe('policy period', () => {
  it('ends after it starts, at most one year and one day (both ends included)', () => {
    expect(checkPolicyPeriod('2026-01-01', '2026-12-31')).toEqual([]);
    expect(checkPolicyPeriod('2026-01-01', '2027-01-01')).toEqual([]);
    expect(checkPolicyPeriod('2026-01-01', '2027-01-02')).toMatchObject([{ pointer: '/endsOn' }]);
    expect(checkPolicyPeriod('2026-01-01', '2026-01-01')).toMatchObject([{ pointer: '/endsOn', detail: 'must be after startsOn' }]);
    expect(checkPolicyPeriod('2026-01-02', '2026-01-01')).toMatchObject([{ pointer: '/endsOn' }]);
    // From a leap day, one year later is 28 February.
    expect(checkPolicyPeriod('2028-02-29', '2029-02-28')).toEqual([]);
    expect(checkPolicyPeriod('2028-02-29', '2029-03-01')).toMatchObject([{ pointer: '/endsOn' }]);
  });

  it('is in force from startsOn to its last day of cover; then lapsed, or cancelled', () => {
    const p = policy();
    expect(policyStateOn(p, '2025-12-31')).toBe('not-started');
    expect(policyStateOn(p, '2026-01-01')).toBe('in-force');
    expect(policyStateOn(p, '2026-12-31')).toBe('in-force');
    expect(policyStateOn(p, '2027-01-01')).toBe('lapsed');
    const c = cancelled('2026-06-30');
    expect(coverEndsOn(c)).toBe('2026-06-30');
    expect(policyStateOn(c, '2026-06-30')).toBe('in-force');
    expect(policyStateOn(c, '2026-07-01')).toBe('cancelled');
    // Cancelled effective its own end: nothing changed, it simply lapses.
    expect(policyStateOn(cancelled('2026-12-31'), '2027-01-01')).toBe('lapsed');
  });

  it('an enrolment is covered where the roster and the policy overlap', () => {
    expect(coveredPeriod(enrolment('2026-03-01'), policy())).toEqual({ from: '2026-03-01', until: '2026-12-31' });
    expect(coveredPeriod(enrolment('2026-03-01', '2026-04-30'), cancelled('2026-03-31'))).toEqual({ from: '2026-03-01', until: '2026-03-31' });
    expect(coveredPeriod(enrolment('2026-05-01'), cancelled('2026-03-31'))).toBeUndefined();
  });
});

describe('decideEnrolment', () => {
  const today = '2026-03-01';
  it('enrols an employed, consenting worker from today or later, inside the period', () => {
    expect(decideEnrolment(policy(), [], { from: '2026-03-01', ...ok }, today)).toEqual({ kind: 'enrol' });
    expect(decideEnrolment(policy(), [], { from: '2026-03-05', until: '2026-12-31', ...ok }, today)).toEqual({ kind: 'enrol' });
  });

  it('refuses a worker not employed, without the roster consent, or both (each a field problem)', () => {
    expect(decideEnrolment(policy(), [], { from: today, employed: false, rosterConsent: true }, today)).toEqual({
      kind: 'refused',
      violations: [{ pointer: '/workerId', detail: 'is not currently employed by the enterprise holding this policy' }],
    });
    expect(decideEnrolment(policy(), [], { from: today, employed: true, rosterConsent: false }, today)).toMatchObject({
      kind: 'refused',
      violations: [{ pointer: '/workerId', detail: 'has not given the insurance-roster consent' }],
    });
    expect(decideEnrolment(policy(), [], { from: today, employed: false, rosterConsent: false }, today)).toMatchObject({ kind: 'refused', violations: [{}, {}] });
  });

  it('refuses backdated cover and periods outside the policy', () => {
    expect(decideEnrolment(policy(), [], { from: '2026-02-28', ...ok }, today)).toMatchObject({ kind: 'refused', violations: [{ pointer: '/from' }] });
    expect(decideEnrolment(policy({ startsOn: '2026-04-01', endsOn: '2027-03-31' }), [], { from: '2026-03-15', ...ok }, today)).toMatchObject({
      kind: 'refused',
      violations: [{ pointer: '/from' }],
    });
    expect(decideEnrolment(policy(), [], { from: '2027-01-01', ...ok }, today)).toMatchObject({ kind: 'refused', violations: [{ pointer: '/from' }] });
    expect(decideEnrolment(policy(), [], { from: '2026-03-10', until: '2026-03-09', ...ok }, today)).toMatchObject({ kind: 'refused', violations: [{ pointer: '/until' }] });
    expect(decideEnrolment(policy(), [], { from: '2026-03-10', until: '2027-01-01', ...ok }, today)).toMatchObject({ kind: 'refused', violations: [{ pointer: '/until' }] });
    // After a cancellation the period ends at its effective day.
    expect(decideEnrolment(cancelled('2026-03-31'), [], { from: '2026-04-01', ...ok }, today)).toMatchObject({ kind: 'refused', violations: [{ pointer: '/from' }] });
  });

  it('refuses an overlap with another period of the same worker; the same period again is a repeat', () => {
    const existing = [enrolment('2026-03-01', '2026-05-31'), enrolment('2026-08-01')];
    expect(decideEnrolment(policy(), existing, { from: '2026-05-31', ...ok }, today)).toMatchObject({ kind: 'overlap', other: { from: '2026-03-01' } });
    expect(decideEnrolment(policy(), existing, { from: '2026-06-01', ...ok }, today)).toMatchObject({ kind: 'overlap', other: { from: '2026-08-01' } });
    expect(decideEnrolment(policy(), existing, { from: '2026-06-01', until: '2026-07-31', ...ok }, today)).toEqual({ kind: 'enrol' });
    expect(decideEnrolment(policy(), existing, { from: '2026-12-01', ...ok }, today)).toMatchObject({ kind: 'overlap' });
    // The repeat is answered even if the worker has left since (the enrolment stands).
    expect(decideEnrolment(policy(), existing, { from: '2026-08-01', employed: false, rosterConsent: false }, '2026-09-01')).toMatchObject({ kind: 'existing', enrolment: { from: '2026-08-01' } });
  });
});

describe('decideEnrolmentEnd', () => {
  const today = '2026-04-01';
  it('ends the period running on that day, from today on', () => {
    const open = enrolment('2026-03-01');
    expect(decideEnrolmentEnd(policy(), [open], '2026-04-15', today)).toEqual({ kind: 'end', enrolment: open });
    expect(decideEnrolmentEnd(policy(), [open], '2026-04-01', today)).toEqual({ kind: 'end', enrolment: open });
    // A period that has not started may end on its first day.
    expect(decideEnrolmentEnd(policy(), [enrolment('2026-05-01')], '2026-05-01', today)).toMatchObject({ kind: 'end' });
  });

  it('the same end again is a repeat; no period at all is not found', () => {
    expect(decideEnrolmentEnd(policy(), [enrolment('2026-03-01', '2026-04-15')], '2026-04-15', today)).toMatchObject({ kind: 'unchanged' });
    expect(decideEnrolmentEnd(policy(), [], '2026-04-15', today)).toEqual({ kind: 'not-enrolled' });
  });

  it('refuses ending in the past, before the start, after the policy, or extending an ended period', () => {
    expect(decideEnrolmentEnd(policy(), [enrolment('2026-03-01')], '2026-03-31', today)).toMatchObject({ kind: 'refused', violations: [{ pointer: '/on' }] });
    expect(decideEnrolmentEnd(policy(), [enrolment('2026-05-01')], '2026-04-30', today)).toMatchObject({ kind: 'refused', violations: [{ pointer: '/on' }] });
    expect(decideEnrolmentEnd(policy(), [enrolment('2026-03-01')], '2027-01-05', today)).toMatchObject({ kind: 'refused', violations: [{ pointer: '/on' }] });
    expect(decideEnrolmentEnd(policy(), [enrolment('2026-03-01', '2026-04-15')], '2026-05-01', today)).toMatchObject({ kind: 'refused' });
  });
});

describe('decideCancellation', () => {
  const today = '2026-04-01';
  it('cancels with a last day from today to the policy end; the day before the start voids it', () => {
    expect(decideCancellation(policy(), '2026-04-01', today)).toEqual({ kind: 'cancel' });
    expect(decideCancellation(policy(), '2026-12-31', today)).toEqual({ kind: 'cancel' });
    expect(decideCancellation(policy({ startsOn: '2026-06-01', endsOn: '2027-05-31' }), '2026-05-31', today)).toEqual({ kind: 'cancel' });
  });

  it('refuses a backdated day or one outside the period', () => {
    expect(decideCancellation(policy(), '2026-03-31', today)).toMatchObject({ kind: 'refused', violations: [{ pointer: '/effectiveOn' }] });
    expect(decideCancellation(policy(), '2027-01-01', today)).toMatchObject({ kind: 'refused', violations: [{ pointer: '/effectiveOn' }] });
    expect(decideCancellation(policy({ startsOn: '2026-06-01', endsOn: '2027-05-31' }), '2026-05-30', today)).toMatchObject({ kind: 'refused' });
  });

  it('cancelling again: the same day is a repeat, another day a conflict', () => {
    expect(decideCancellation(cancelled('2026-06-30'), '2026-06-30', today)).toEqual({ kind: 'unchanged' });
    expect(decideCancellation(cancelled('2026-06-30'), '2026-07-31', today)).toEqual({ kind: 'already-cancelled', effectiveOn: '2026-06-30' });
  });
});
