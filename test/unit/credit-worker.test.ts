/** A worker's credit stars, model 2026.1, by hand from docs/credit-grading.md "Worker stars", and their properties. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WorkerCreditInputs, WorkerMonthFacts } from '../../shared/domain/credit/facts';
import { CREDIT_MODEL_VERSION } from '../../shared/domain/credit/model';
import { rateWorker, starsForScore, WORKER_INDICATORS } from '../../shared/domain/credit/worker-stars';
import { workerInputsArb } from '../support/credit-arbitraries';
import { expectWithinBounds } from '../support/credit-expect';

const month = (period: string, counters: Partial<WorkerMonthFacts> = {}): WorkerMonthFacts => ({
  period,
  ordersCompleted: 0,
  workerNoShows: 0,
  ratings: 0,
  ratingStarsSum: 0,
  complaintsOpened: 0,
  ...counters,
});
const NEW_WORKER: WorkerCreditInputs = { workerId: 'wk_NEW', asOf: '2026-11-30', registeredOn: '2026-11-01', trainedCategories: 1, months: [] };
const rate = (changes: Partial<WorkerCreditInputs>) => rateWorker({ ...NEW_WORKER, ...changes });
const points = (inputs: Partial<WorkerCreditInputs>, id: string) => rate(inputs).indicators.find((i) => i.id === id)!;

describe('worker stars by hand', () => {
  it('a newly registered worker with one trained category: 47.5 points, 2 stars (the document’s example)', () => {
    const r = rateWorker(NEW_WORKER);
    expect(r).toMatchObject({ modelVersion: CREDIT_MODEL_VERSION, workerId: 'wk_NEW', asOf: '2026-11-30', score: 47.5, stars: 2 });
    expect(r.indicators.map((i) => [i.id, i.value, i.points])).toEqual([
      ['training-categories', 1, 5],
      ['certificate-tenure', 0, 0],
      ['rating-average', null, 12.5],
      ['complaints-per-100', null, 15],
      ['no-show-rate', null, 15],
      ['years-of-service', 0, 0],
    ]);
  });

  it('a seasoned worker: full marks, 5 stars', () => {
    const r = rate({ registeredOn: '2019-03-01', certifiedSince: '2024-01-10', trainedCategories: 4, months: [month('2026-10', { ordersCompleted: 80, ratings: 20, ratingStarsSum: 100 })] });
    expect(r).toMatchObject({ score: 100, stars: 5 });
  });

  it('a worker with nothing in their favour still has 1 star', () => {
    const r = rate({ trainedCategories: 0, months: [month('2026-10', { ordersCompleted: 5, workerNoShows: 5, complaintsOpened: 5, ratings: 5, ratingStarsSum: 5 })] });
    expect(r).toMatchObject({ score: 0, stars: 1 });
  });

  it('each indicator as documented', () => {
    expect(points({ trainedCategories: 2 }, 'training-categories').points).toBe(10);
    expect(points({ trainedCategories: 7 }, 'training-categories').points).toBe(15);
    expect(points({ certifiedSince: '2025-11-01' }, 'certificate-tenure')).toMatchObject({ value: 13, points: 15 * (13 / 24) });
    expect(points({ certifiedSince: '2026-11-02' }, 'certificate-tenure')).toMatchObject({ value: 0, points: 0 });
    // 4 ratings: too few, neutral; 5 ratings averaging 4: (4 − 3) ÷ 2 = 0.5.
    expect(points({ months: [month('2026-10', { ratings: 4, ratingStarsSum: 20 })] }, 'rating-average')).toMatchObject({ value: null, normalized: 0.5 });
    expect(points({ months: [month('2026-10', { ratings: 5, ratingStarsSum: 20 })] }, 'rating-average')).toMatchObject({ value: 4, normalized: 0.5, points: 12.5 });
    expect(points({ months: [month('2026-09', { ordersCompleted: 30, complaintsOpened: 1 }), month('2026-10', { ordersCompleted: 10, complaintsOpened: 1 })] }, 'complaints-per-100')).toMatchObject({
      value: 5,
      normalized: 0.5,
      points: 7.5,
    });
    expect(points({ months: [month('2026-10', { complaintsOpened: 1 })] }, 'complaints-per-100')).toMatchObject({ value: null, normalized: 0 });
    expect(points({ months: [month('2026-10', { ordersCompleted: 19, workerNoShows: 1 })] }, 'no-show-rate')).toMatchObject({ value: 0.05, normalized: 0.5, points: 7.5 });
    expect(points({ registeredOn: '2023-12-01' }, 'years-of-service')).toMatchObject({ value: 3, points: 9 });
    expect(points({ registeredOn: '2023-12-02' }, 'years-of-service')).toMatchObject({ value: 2, points: 6 });
  });

  it.each([
    [100, 5],
    [85, 5],
    [84.99, 4],
    [70, 4],
    [55, 3],
    [40, 2],
    [39.99, 1],
    [0, 1],
  ])('%d points → %i stars', (score, stars) => expect(starsForScore(score)).toBe(stars));

  it.each<[string, Partial<WorkerCreditInputs>, RegExp]>([
    ['a month after asOf', { months: [month('2026-12')] }, /after asOf 2026-11-30/],
    ['a bad asOf', { asOf: '2026-11-31' }, /asOf is not a YYYY-MM-DD day/],
    ['a bad certifiedSince', { certifiedSince: '2026-1-1' }, /certifiedSince/],
    ['negative trained categories', { trainedCategories: -1 }, /trainedCategories/],
    ['more stars than 5 a rating', { months: [month('2026-10', { ratings: 1, ratingStarsSum: 6 })] }, /ratingStarsSum of 2026-10/],
    ['months out of order', { months: [month('2026-10'), month('2026-09')] }, /oldest first/],
  ])('refuses %s', (_, changes, message) => expect(() => rate(changes)).toThrow(message));
});

describe('worker stars, properties', () => {
  const weight = WORKER_INDICATORS.reduce((sum, i) => sum + i.weight, 0);

  it('the weights add up to 100', () => expect(weight).toBe(100));

  it('1 to 5 stars read from the thresholds, the score in [0, 100], every indicator within its weight', () => {
    fc.assert(
      fc.property(workerInputsArb, (inputs) => {
        const r = rateWorker(inputs);
        expectWithinBounds(r.score, r.indicators);
        expect([1, 2, 3, 4, 5]).toContain(r.stars);
        expect(r.stars).toBe(starsForScore(r.score));
      }),
    );
  });

  it('more complaints or no-shows never raise the score; more training never lowers it', () => {
    fc.assert(
      fc.property(workerInputsArb, fc.integer({ min: 1, max: 5 }), (inputs, k) => {
        const base = rateWorker(inputs).score;
        fc.pre(inputs.months.length > 0);
        const last = inputs.months.length - 1;
        const bump = (field: 'complaintsOpened' | 'workerNoShows') => ({ ...inputs, months: inputs.months.map((m, i) => (i === last ? { ...m, [field]: m[field] + k } : m)) });
        expect(rateWorker(bump('complaintsOpened')).score).toBeLessThanOrEqual(base);
        expect(rateWorker(bump('workerNoShows')).score).toBeLessThanOrEqual(base);
        expect(rateWorker({ ...inputs, trainedCategories: inputs.trainedCategories + k }).score).toBeGreaterThanOrEqual(base);
      }),
    );
  });

  it('the same inputs give the same result', () => {
    fc.assert(
      fc.property(workerInputsArb, (inputs) => {
        expect(JSON.stringify(rateWorker(structuredClone(inputs)))).toBe(JSON.stringify(rateWorker(inputs)));
      }),
    );
  });
});
