/** Coverage decisions for claims: each reason, its precedence, and the China calendar day. */
import { describe, expect, it } from 'vitest';
import { decideCoverage, insuredUntil } from '../../shared/domain/insurance/coverage';
import { dateOf } from '../../shared/domain/insurance/days';
import type { Enrolment, Policy } from '../../shared/domain/insurance/policy';

const policy = (over: Partial<Policy> = {}): Policy => ({
  policyId: 'pol_A',
  policyNumber: 'GZ-2026-001',
  insurerId: 'ten_INS',
  enterpriseId: 'ten_ENT',
  covers: ['worker-accident', 'third-party-liability'],
  startsOn: '2026-01-01',
  endsOn: '2026-12-31',
  premiumPerWorkerFen: 36_500,
  status: 'active',
  issuedAt: '2025-12-20T00:00:00Z',
  version: 1,
  traceHead: { seq: 1, hash: 'h' },
  ...over,
});
const enrolment = (over: Partial<Enrolment> = {}): Enrolment => ({
  policyId: 'pol_A',
  insurerId: 'ten_INS',
  enterpriseId: 'ten_ENT',
  workerId: 'wkr_1',
  from: '2026-03-01',
  enrolledAt: '2026-02-28T00:00:00Z',
  ...over,
});
const ask = (day: string, enrolments: Enrolment[], policies: Policy[], claimType: 'worker-accident' | 'third-party-injury' | 'property-damage' = 'worker-accident') =>
  decideCoverage({ day, claimType, enrolments, policies: new Map(policies.map((p) => [p.policyId, p])) });

describe('decideCoverage', () => {
  it('covers a day on the roster of a policy in force with the needed cover', () => {
    expect(ask('2026-03-01', [enrolment()], [policy()])).toEqual({ covered: true, policyId: 'pol_A', policyNumber: 'GZ-2026-001', insurerId: 'ten_INS', enrolledFrom: '2026-03-01' });
    expect(ask('2026-12-31', [enrolment()], [policy()]).covered).toBe(true);
  });

  it('worker-not-enrolled: no enrolment, before the enrolment, after its end', () => {
    expect(ask('2026-03-05', [], [policy()])).toMatchObject({ covered: false, reason: 'worker-not-enrolled' });
    expect(ask('2026-02-28', [enrolment()], [policy()])).toMatchObject({ covered: false, reason: 'worker-not-enrolled' });
    expect(ask('2026-04-01', [enrolment({ until: '2026-03-31' })], [policy()])).toMatchObject({ covered: false, reason: 'worker-not-enrolled' });
    expect(ask('2026-03-31', [enrolment({ until: '2026-03-31' })], [policy()]).covered).toBe(true);
  });

  it('policy-not-active: lapsed after its end, or cancelled, while the worker stays on the roster', () => {
    const lapsed = ask('2027-01-01', [enrolment()], [policy()]);
    expect(lapsed).toMatchObject({ covered: false, reason: 'policy-not-active' });
    expect(lapsed.covered === false && lapsed.detail).toContain('lapsed');
    const cancelled = ask('2026-06-02', [enrolment()], [policy({ status: 'cancelled', cancellation: { effectiveOn: '2026-06-01', cancelledAt: '2026-05-20T00:00:00Z' } })]);
    expect(cancelled).toMatchObject({ covered: false, reason: 'policy-not-active' });
    expect(cancelled.covered === false && cancelled.detail).toContain('cancelled');
    expect(ask('2026-06-01', [enrolment()], [policy({ status: 'cancelled', cancellation: { effectiveOn: '2026-06-01', cancelledAt: '2026-05-20T00:00:00Z' } })]).covered).toBe(true);
  });

  it('cover-not-included: in force but without the cover the claim type needs', () => {
    const accidentOnly = policy({ covers: ['worker-accident'] });
    expect(ask('2026-05-01', [enrolment()], [accidentOnly], 'property-damage')).toMatchObject({ covered: false, reason: 'cover-not-included' });
    expect(ask('2026-05-01', [enrolment()], [accidentOnly], 'third-party-injury')).toMatchObject({ covered: false, reason: 'cover-not-included' });
    expect(ask('2026-05-01', [enrolment()], [policy({ covers: ['third-party-liability'] })], 'worker-accident')).toMatchObject({ covered: false, reason: 'cover-not-included' });
  });

  it('with several policies, the one granting the cover answers; ties go to the earliest enrolment', () => {
    const accident = policy({ policyId: 'pol_B', policyNumber: 'B', covers: ['worker-accident'] });
    const liability = policy({ policyId: 'pol_C', policyNumber: 'C', covers: ['third-party-liability'] });
    const enrolments = [enrolment({ policyId: 'pol_B', from: '2026-02-01' }), enrolment({ policyId: 'pol_C', from: '2026-03-01' })];
    expect(ask('2026-05-01', enrolments, [accident, liability], 'property-damage')).toMatchObject({ covered: true, policyId: 'pol_C' });
    expect(ask('2026-05-01', enrolments, [accident, liability], 'worker-accident')).toMatchObject({ covered: true, policyId: 'pol_B', enrolledFrom: '2026-02-01' });
    // A lapsed policy does not hide an in-force one.
    const old = policy({ policyId: 'pol_D', startsOn: '2025-01-01', endsOn: '2025-12-31' });
    expect(ask('2026-05-01', [enrolment({ policyId: 'pol_D', from: '2025-01-01' }), enrolment({ policyId: 'pol_B' })], [old, accident])).toMatchObject({ covered: true, policyId: 'pol_B' });
  });

  it('an enrolment whose policy is not among the policies given does not count', () => {
    expect(ask('2026-05-01', [enrolment({ policyId: 'pol_X' })], [policy()])).toMatchObject({ reason: 'worker-not-enrolled' });
  });

  it('the day is the Asia/Shanghai calendar day of the incident', () => {
    // 2026-12-31T16:30Z is 00:30 on 1 January in Guangzhou: past the policy's end.
    expect(dateOf('2026-12-31T16:30:00Z')).toBe('2027-01-01');
    expect(ask(dateOf('2026-12-31T16:30:00Z')!, [enrolment()], [policy()])).toMatchObject({ reason: 'policy-not-active' });
    expect(ask(dateOf('2026-12-31T23:30:00+08:00')!, [enrolment()], [policy()]).covered).toBe(true);
  });
});

describe('insuredUntil (the certificate light\'s insurance fact)', () => {
  const p = policy();
  const map = new Map([[p.policyId, p]]);
  it('the last covered day of the cover running today, the latest of several', () => {
    expect(insuredUntil([enrolment({ from: '2026-03-01' })], map, '2026-05-01')).toBe('2026-12-31');
    expect(insuredUntil([enrolment({ from: '2026-03-01', until: '2026-06-30' })], map, '2026-05-01')).toBe('2026-06-30');
    const other = policy({ policyId: 'pol_B', endsOn: '2026-09-30' });
    const both = new Map([...map, [other.policyId, other]]);
    expect(insuredUntil([enrolment({ from: '2026-03-01', until: '2026-06-30' }), enrolment({ policyId: 'pol_B', from: '2026-04-01' })], both, '2026-05-01')).toBe('2026-09-30');
  });

  it('a cancellation cuts it; ended cover reads as expired (a past day); none, or only future cover, as missing', () => {
    const c = policy({ status: 'cancelled', cancellation: { effectiveOn: '2026-05-31', cancelledAt: '2026-05-01T00:00:00Z' } });
    expect(insuredUntil([enrolment()], new Map([[c.policyId, c]]), '2026-05-01')).toBe('2026-05-31');
    expect(insuredUntil([enrolment()], new Map([[c.policyId, c]]), '2026-06-15')).toBe('2026-05-31');
    expect(insuredUntil([enrolment({ until: '2026-03-31' })], map, '2026-05-01')).toBe('2026-03-31');
    expect(insuredUntil([], map, '2026-05-01')).toBeUndefined();
    expect(insuredUntil([enrolment({ from: '2026-06-01' })], map, '2026-05-01')).toBeUndefined();
  });
});
