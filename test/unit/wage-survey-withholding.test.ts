/**
 * Withholding (docs/wage-survey.md "Withholding", shared/domain/wage-survey/publication.ts):
 * a cell is published only with at least 30 values from at least 5 enterprises, and a
 * withheld cell says "insufficient data" and nothing else. The thresholds exactly (29 / 4
 * against 30 / 5), then a property over random cells.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellResult, INSUFFICIENT, MIN_ENTERPRISES, MIN_REPORTS, type Sample } from '../../shared/domain/wage-survey/publication';

/** `count` samples spread round-robin over `enterprises` enterprises, amounts 1000, 1100, …. */
const samples = (count: number, enterprises: number): Sample[] =>
  Array.from({ length: count }, (_, i) => ({ amountFen: 1000 + 100 * i, tenantId: `ten_${i % enterprises}` }));

describe('the threshold', () => {
  it('is 30 values from 5 enterprises', () => {
    expect([MIN_REPORTS, MIN_ENTERPRISES]).toEqual([30, 5]);
  });

  it('29 values from 5 enterprises: withheld', () => expect(cellResult(samples(29, 5))).toBe(INSUFFICIENT));
  it('30 values from 4 enterprises: withheld', () => expect(cellResult(samples(30, 4))).toBe(INSUFFICIENT));
  it('29 values from 4 enterprises: withheld', () => expect(cellResult(samples(29, 4))).toBe(INSUFFICIENT));
  it('no values: withheld', () => expect(cellResult([])).toBe(INSUFFICIENT));
  it('a withheld cell is the words "insufficient data", no count', () => expect(INSUFFICIENT).toBe('insufficient data'));

  it('30 values from 5 enterprises: published, P10 / P50 / P90 by type 7', () => {
    // 1000 … 3900 step 100: h = 2.9 → 1200 + 90; h = 14.5 → 2400 + 50; h = 26.1 → 3600 + 10.
    expect(cellResult(samples(30, 5))).toEqual({ lowFen: 1290, medianFen: 2450, highFen: 3610, reports: 30, enterprises: 5 });
  });

  it('counts enterprises, not values: 40 values of which 36 from one enterprise and one each from 4 others is 5', () => {
    const cell = [...samples(36, 1), ...['a', 'b', 'c', 'd'].map((t) => ({ amountFen: 5000, tenantId: t }))];
    expect(cellResult(cell)).toMatchObject({ reports: 40, enterprises: 5 });
  });
});

describe('property', () => {
  it('a cell is published exactly when it has ≥ 30 values from ≥ 5 distinct enterprises', () => {
    const cell = fc.array(fc.record({ amountFen: fc.integer({ min: 1, max: 5_000_000 }), tenantId: fc.constantFrom('t1', 't2', 't3', 't4', 't5', 't6', 't7') }), { maxLength: 60 });
    fc.assert(
      fc.property(cell, (values) => {
        const enterprises = new Set(values.map((v) => v.tenantId)).size;
        const result = cellResult(values);
        const publishable = values.length >= 30 && enterprises >= 5;
        return publishable ? result !== INSUFFICIENT && result.reports === values.length && result.enterprises === enterprises : result === INSUFFICIENT;
      }),
      { numRuns: 1000 },
    );
  });
});
