/**
 * The second implementation of the enterprise formula (test/support/credit-formula.ts,
 * written from docs/credit-grading.md) agrees with the model on every generated input, to
 * the bit: the end-to-end tests can take their expected grades from it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gradeEnterprise } from '../../shared/domain/credit/model';
import { enterpriseInputsArb } from '../support/credit-arbitraries';
import { expectedGrade } from '../support/credit-formula';

describe('the formula written from the document agrees with gradeEnterprise', () => {
  it('score, grade, eligibility, cap, window and every dimension’s points', () => {
    fc.assert(
      fc.property(enterpriseInputsArb, (inputs) => {
        const model = gradeEnterprise(inputs);
        const expected = expectedGrade(inputs);
        expect({ score: model.score, grade: model.grade, eligible: model.eligible, notGradedReasons: model.notGradedReasons, cappedAt: model.cappedAt, window: model.window }).toEqual({
          score: expected.score,
          grade: expected.grade,
          eligible: expected.eligible,
          notGradedReasons: expected.notGradedReasons,
          cappedAt: expected.cappedAt,
          window: expected.window,
        });
        expect(Object.fromEntries(model.dimensions.map((d) => [d.id, d.points]))).toEqual(expected.dimensionPoints);
      }),
      { numRuns: 2000 },
    );
  });

  it('on the document’s worked example', () => {
    const month = { ordersCreated: 1100, ordersCompleted: 1000, checkIns: 1000, onTimeCheckIns: 944, workerNoShows: 10, enterpriseCancellations: 33, ratings: 400, ratingStarsSum: 1800 };
    const expected = expectedGrade({
      tenantId: 'ten_EXAMPLE',
      period: '2026-11',
      joinedOn: '2023-06-15',
      months: [{ period: '2026-11', ...month, complaintsOpened: 15, complaintsResolved: 12, complaintResolutionHoursSum: 720 }],
      staff: { currentWorkers: 40, certified: 30, greenLights: 24, trained: 36, insured: 20 },
      publicRecords: [
        { recordId: 'p1', kind: 'penalty', points: 3, effectiveOn: '2026-03-01', until: '2026-08-31', evidenceRef: 'x' },
        { recordId: 'r1', kind: 'reward', points: 1, effectiveOn: '2025-06-01', evidenceRef: 'y' },
      ],
    });
    expect(expected).toMatchObject({ score: 79.78, grade: '3A', eligible: true, window: { from: '2025-12', to: '2026-11' } });
  });
});
