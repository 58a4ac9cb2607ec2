/**
 * The claim lifecycle, pure: transitions (filed | not-covered → decided → paid), the amount
 * rules of decisions and payments, and replay = the fold of decide.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decideClaim, decisionAmountProblem, replayClaim, type Claim, type ClaimCommandInput, type FilingAssessment } from '../../shared/domain/insurance/claim';
import { CLAIM_COMMANDS, CLAIM_STATUSES, claimTransition, isTerminalClaimStatus } from '../../shared/domain/insurance/claim-state-machine';
import type { FileClaimRequest } from '../../shared/schemas/claims';

const FILING: FileClaimRequest = {
  orderId: 'ord_01KB2M4Q7R9T1V3X5Z7B9D1F3H',
  type: 'worker-accident',
  occurredAt: '2026-12-02T10:15:00+08:00',
  place: '客厅',
  description: '阿姨摔倒',
  amountClaimedFen: 100_000,
  documents: [{ kind: 'invoice', ref: 'doc:1', sha256: 'a'.repeat(64) }],
};
const COVERED: FilingAssessment = {
  covered: true,
  workerId: 'wk-1',
  insurerId: 'ten_01KB2M0B2D4F6H8K0M2P4R6T8V',
  policyId: 'pol_01KB2M1C3E5G7J9K1M3P5R7T9W',
  policyNumber: 'P-1',
  evidence: { basis: 'check-in-out', checkInAt: '2026-12-02T08:58:00+08:00', checkOutAt: '2026-12-02T12:03:00+08:00' },
};
const file = (at = '2026-12-02T06:40:00.000Z'): ClaimCommandInput => ({ type: 'claim.file', claimId: 'clm_X', tenantId: 'ten_E', at, payload: FILING });
const decide = (outcome: 'approved' | 'partly-approved' | 'rejected', amountApprovedFen: number, at = '2026-12-03T02:00:00.000Z'): ClaimCommandInput => ({
  type: 'claim.decide',
  claimId: 'clm_X',
  at,
  payload: { outcome, amountApprovedFen, reason: '理由' },
});
const pay = (amountPaidFen: number, paidOn = '2026-12-05', at = '2026-12-05T03:00:00.000Z'): ClaimCommandInput => ({
  type: 'claim.pay',
  claimId: 'clm_X',
  at,
  payload: { amountPaidFen, paidOn, reference: 'TX-1' },
});

const filed = (): Claim => {
  const d = decideClaim(undefined, file(), { assessment: COVERED });
  if (!d.ok) throw new Error(d.reason);
  return d.claim;
};
const decided = (outcome: 'approved' | 'partly-approved' | 'rejected' = 'partly-approved', amount = 60_000): Claim => {
  const d = decideClaim(filed(), decide(outcome, amount));
  if (!d.ok) throw new Error(d.reason);
  return d.claim;
};

describe('claim state machine', () => {
  it('allows exactly file (new), decide (filed), pay (decided, not rejected)', () => {
    const allowed: string[] = [];
    for (const from of [undefined, ...CLAIM_STATUSES]) {
      for (const command of CLAIM_COMMANDS) {
        for (const outcome of [undefined, 'approved', 'rejected'] as const) {
          const t = claimTransition(from, command, outcome);
          if (t.ok) allowed.push(`${from ?? 'none'}:${command}:${outcome ?? '-'}→${t.to}`);
          else expect(t.reason).toMatch(/\w/);
        }
      }
    }
    expect(allowed.sort()).toEqual(
      [
        'none:file:-→filed', 'none:file:approved→filed', 'none:file:rejected→filed',
        'filed:decide:-→decided', 'filed:decide:approved→decided', 'filed:decide:rejected→decided',
        'decided:pay:-→paid', 'decided:pay:approved→paid',
      ].sort(),
    );
    expect(claimTransition('decided', 'pay', 'rejected')).toEqual({ ok: false, reason: 'a rejected claim cannot be paid' });
    expect(CLAIM_STATUSES.filter(isTerminalClaimStatus)).toEqual(['not-covered', 'paid']);
  });
});

describe('filing', () => {
  it('a covered filing is `filed` with its insurer, policy, worker and evidence', () => {
    expect(filed()).toMatchObject({
      ...FILING,
      claimId: 'clm_X',
      tenantId: 'ten_E',
      status: 'filed',
      version: 1,
      filedAt: '2026-12-02T06:40:00.000Z',
      workerId: 'wk-1',
      insurerId: COVERED.insurerId,
      policyId: COVERED.policyId,
      policyNumber: 'P-1',
      evidence: COVERED.evidence,
    });
    expect(filed().notCovered).toBeUndefined();
  });

  it('an uncovered filing is stored `not-covered` with the reason, and no insurer', () => {
    const d = decideClaim(undefined, file(), { assessment: { covered: false, reason: 'policy-not-active', detail: 'lapsed', workerId: 'wk-1' } });
    expect(d.ok && d.claim).toMatchObject({ status: 'not-covered', notCovered: { reason: 'policy-not-active', detail: 'lapsed' }, workerId: 'wk-1' });
    expect(d.ok && d.claim.insurerId).toBeUndefined();
    // Terminal: nobody decides or pays it.
    if (d.ok) expect(decideClaim(d.claim, decide('approved', 100_000))).toEqual({ ok: false, reason: 'cannot decide a claim in status not-covered' });
  });

  it('a second filing of the same claim is refused; a filing needs its assessment', () => {
    expect(decideClaim(filed(), file(), { assessment: COVERED })).toEqual({ ok: false, reason: 'claim already exists' });
    expect(() => decideClaim(undefined, file())).toThrow(/assessment/);
  });
});

describe('decision', () => {
  it('approved = the amount claimed; partly = strictly between 0 and it; rejected = 0', () => {
    expect(decisionAmountProblem('approved', 100, 100)).toBeUndefined();
    expect(decisionAmountProblem('approved', 99, 100)).toMatch(/amount claimed/);
    expect(decisionAmountProblem('partly-approved', 1, 100)).toBeUndefined();
    expect(decisionAmountProblem('partly-approved', 99, 100)).toBeUndefined();
    for (const bad of [0, 100, 101]) expect(decisionAmountProblem('partly-approved', bad, 100)).toMatch(/less than/);
    expect(decisionAmountProblem('rejected', 0, 100)).toBeUndefined();
    expect(decisionAmountProblem('rejected', 1, 100)).toMatch(/0 fen/);
  });

  it('records outcome, amount, reason and time; a second decision is refused', () => {
    const claim = decided('partly-approved', 60_000);
    expect(claim).toMatchObject({ status: 'decided', version: 2, decision: { outcome: 'partly-approved', amountApprovedFen: 60_000, reason: '理由', decidedAt: '2026-12-03T02:00:00.000Z' } });
    expect(decideClaim(claim, decide('approved', 100_000))).toEqual({ ok: false, reason: 'cannot decide a claim in status decided' });
    expect(decideClaim(filed(), decide('approved', 60_000))).toMatchObject({ ok: false });
    expect(decideClaim(undefined, decide('approved', 60_000))).toEqual({ ok: false, reason: 'claim does not exist' });
  });
});

describe('payment', () => {
  it('pays at most the approved amount, on or after the decision day, not in the future', () => {
    const claim = decided('partly-approved', 60_000);
    const ok = decideClaim(claim, pay(60_000));
    expect(ok.ok && ok.claim).toMatchObject({ status: 'paid', version: 3, payment: { amountPaidFen: 60_000, paidOn: '2026-12-05', reference: 'TX-1', recordedAt: '2026-12-05T03:00:00.000Z' } });
    expect(decideClaim(claim, pay(59_000)).ok).toBe(true);
    expect(decideClaim(claim, pay(60_001))).toEqual({ ok: false, reason: 'the payment exceeds the approved amount (60000 fen)' });
    // Decided 2026-12-03 10:00 in Shanghai: the 2nd is before it; the recording day (Shanghai) bounds it above.
    expect(decideClaim(claim, pay(1, '2026-12-02'))).toMatchObject({ ok: false, reason: expect.stringMatching(/before the decision/) });
    expect(decideClaim(claim, pay(1, '2026-12-03')).ok).toBe(true);
    expect(decideClaim(claim, pay(1, '2026-12-06', '2026-12-05T16:01:00.000Z')).ok).toBe(true); // already the 6th in Shanghai
    expect(decideClaim(claim, pay(1, '2026-12-07', '2026-12-05T16:01:00.000Z'))).toMatchObject({ ok: false, reason: expect.stringMatching(/future/) });
  });

  it('a rejected claim, an undecided one and a paid one cannot be paid', () => {
    expect(decideClaim(decided('rejected', 0), pay(1))).toEqual({ ok: false, reason: 'a rejected claim cannot be paid' });
    expect(decideClaim(filed(), pay(1))).toEqual({ ok: false, reason: 'cannot pay a claim in status filed' });
    const paid = decideClaim(decided(), pay(1));
    if (paid.ok) expect(decideClaim(paid.claim, pay(1))).toEqual({ ok: false, reason: 'cannot pay a claim in status paid' });
  });
});

describe('replay', () => {
  const commandArb = fc.oneof(
    fc.record({ outcome: fc.constantFrom('approved', 'partly-approved', 'rejected'), amount: fc.constantFrom(0, 1, 50_000, 100_000, 100_001) }).map(({ outcome, amount }) =>
      decide(outcome as 'approved', amount),
    ),
    fc.constantFrom(0, 1, 50_000, 100_000).map((amount) => pay(amount)),
    fc.constant(file()),
  );

  it('folding any command sequence through decide never breaks the invariants', () => {
    fc.assert(
      fc.property(fc.array(commandArb, { maxLength: 8 }), fc.boolean(), (commands, covered) => {
        const assessment: FilingAssessment = covered ? COVERED : { covered: false, reason: 'reported-late', detail: 'late' };
        const claim = replayClaim([file(), ...commands], (c) => (c.type === 'claim.file' ? { assessment } : {}));
        expect(claim).toBeDefined();
        const c = claim!;
        expect(c.status === 'not-covered').toBe(!covered);
        if (c.decision) {
          expect(decisionAmountProblem(c.decision.outcome, c.decision.amountApprovedFen, c.amountClaimedFen)).toBeUndefined();
        }
        if (c.payment) {
          expect(c.decision?.outcome).not.toBe('rejected');
          expect(c.payment.amountPaidFen).toBeLessThanOrEqual(c.decision!.amountApprovedFen);
        }
        expect(c.version).toBe(1 + (c.decision ? 1 : 0) + (c.payment ? 1 : 0));
      }),
    );
  });
});
