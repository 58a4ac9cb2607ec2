/**
 * Budget arithmetic (docs/subsidies.md "Budgets"): approvals commit against the remainder
 * and never beyond it, payments never exceed what was committed, an allocation never falls
 * below the committed. Examples and properties (fast-check). The atomic guard is the store's
 * conditional write; these are the invariants it keeps.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, budgetFigures, checkBudget, fitsBudget, recordPaid, remainingFen, reserve, type SubsidyBudget } from '../../shared/domain/subsidy/budget';

const budget = (allocatedFen: number, committedFen = 0, paidFen = 0): SubsidyBudget => ({ schemeId: 'graduate-employment', year: 2025, allocatedFen, committedFen, paidFen });

describe('by hand', () => {
  it('reserves within the remainder and refuses beyond it, saying what remains', () => {
    const b = budget(1_000_000, 600_000);
    expect(remainingFen(b)).toBe(400_000);
    expect(fitsBudget(b, 400_000)).toBe(true);
    expect(fitsBudget(b, 400_001)).toBe(false);
    expect(reserve(b, 400_000)).toEqual({ ok: true, budget: budget(1_000_000, 1_000_000) });
    expect(reserve(b, 400_001)).toEqual({ ok: false, error: { code: 'budget-exceeded', remainingFen: 400_000, amountFen: 400_001 } });
  });

  it('refuses without a budget, and amounts that are not positive integers of fen', () => {
    expect(reserve(undefined, 1)).toEqual({ ok: false, error: { code: 'budget-not-set' } });
    for (const bad of [0, -1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1]) expect(reserve(budget(10), bad)).toMatchObject({ ok: false, error: { code: 'invalid-amount' } });
    expect(fitsBudget(budget(10), -1)).toBe(false);
  });

  it('pays what was committed, never more', () => {
    const b = budget(1_000, 700, 200);
    expect(recordPaid(b, 500)).toEqual({ ok: true, budget: budget(1_000, 700, 700) });
    expect(recordPaid(b, 501)).toEqual({ ok: false, error: { code: 'payment-exceeds-committed', unpaidFen: 500 } });
  });

  it('allocates first, raises, lowers — never below the committed', () => {
    expect(allocate(undefined, 'graduate-employment', 2025, 5_000)).toEqual({ ok: true, budget: budget(5_000) });
    expect(allocate(budget(5_000, 3_000), 'graduate-employment', 2025, 3_000)).toEqual({ ok: true, budget: budget(3_000, 3_000) });
    expect(allocate(budget(5_000, 3_000), 'graduate-employment', 2025, 2_999)).toEqual({ ok: false, error: { code: 'allocation-below-committed', committedFen: 3_000 } });
    expect(allocate(undefined, 'graduate-employment', 2025, -1)).toMatchObject({ ok: false, error: { code: 'invalid-amount' } });
  });

  it('reads as four figures', () => {
    expect(budgetFigures(budget(10_000, 4_000, 1_000))).toEqual({ allocatedFen: 10_000, committedFen: 4_000, paidFen: 1_000, remainingFen: 6_000 });
  });

  it('refuses a budget that breaks its own invariants', () => {
    expect(() => checkBudget(budget(10, 11))).toThrow(/never commits more/);
    expect(() => checkBudget(budget(10, 5, 6))).toThrow(/never pays more/);
    expect(() => checkBudget(budget(10.5))).toThrow(/integers/);
  });

  it('50 approvals of one amount against a budget that fits 20: exactly 20 are committed', () => {
    const amount = 1_000_000;
    let b = budget(20 * amount + amount - 1);
    const outcomes = Array.from({ length: 50 }, () => {
      const r = reserve(b, amount);
      if (r.ok) b = r.budget;
      return r.ok;
    });
    expect(outcomes.filter(Boolean)).toHaveLength(20);
    expect(outcomes.slice(0, 20).every(Boolean)).toBe(true);
    expect(b.committedFen).toBe(20 * amount);
    expect(remainingFen(b)).toBe(amount - 1);
  });
});

describe('properties', () => {
  const step = fc.oneof(
    fc.record({ kind: fc.constant('approve' as const), amount: fc.integer({ min: -5, max: 2_000_000 }) }),
    fc.record({ kind: fc.constant('pay' as const), amount: fc.integer({ min: -5, max: 2_000_000 }) }),
    fc.record({ kind: fc.constant('allocate' as const), amount: fc.integer({ min: 0, max: 20_000_000 }) }),
  );

  it('whatever happens, committed ≤ allocated, paid ≤ committed, and each figure moves only as the step says', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000_000 }), fc.array(step, { maxLength: 60 }), (initial, steps) => {
        let b = budget(initial);
        for (const s of steps) {
          const before = b;
          const r = s.kind === 'approve' ? reserve(b, s.amount) : s.kind === 'pay' ? recordPaid(b, s.amount) : allocate(b, b.schemeId, b.year, s.amount);
          if (r.ok) b = r.budget;
          checkBudget(b);
          if (s.kind === 'approve') {
            // Succeeds exactly when a positive amount fits the remainder it was decided on.
            expect(r.ok).toBe(s.amount > 0 && s.amount <= remainingFen(before));
            if (r.ok) expect(b).toEqual({ ...before, committedFen: before.committedFen + s.amount });
          }
          if (s.kind === 'pay') {
            expect(r.ok).toBe(s.amount > 0 && s.amount <= before.committedFen - before.paidFen);
            if (r.ok) expect(b).toEqual({ ...before, paidFen: before.paidFen + s.amount });
          }
          if (s.kind === 'allocate') expect(r.ok).toBe(s.amount >= before.committedFen);
          if (!r.ok) expect(b).toBe(before);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('of equal approvals against a budget, exactly ⌊allocated ÷ amount⌋ are committed (up to how many ask)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5_000_000 }), fc.integer({ min: 0, max: 100_000_000 }), fc.integer({ min: 0, max: 80 }), (amount, allocated, asks) => {
        let b = budget(allocated);
        let approved = 0;
        for (let i = 0; i < asks; i++) {
          const r = reserve(b, amount);
          if (r.ok) {
            b = r.budget;
            approved++;
          }
        }
        expect(approved).toBe(Math.min(asks, Math.floor(allocated / amount)));
        expect(remainingFen(b)).toBe(allocated - approved * amount);
      }),
      { numRuns: 300 },
    );
  });
});
