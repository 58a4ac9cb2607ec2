/** Training records and a base's yearly counters (domain/training). */
import { describe, expect, it } from 'vitest';
import { trainingStats } from '../../shared/domain/training/stats';
import { decideTraining, type TrainingCommand, type TrainingRecord } from '../../shared/domain/training/training';

const BASE = 'ten_BASE';

/** Applies commands in order, like the consumer, accumulating records and counters. */
function run(commands: TrainingCommand[], start: TrainingRecord[] = []) {
  let records = [...start];
  const counters: Record<string, Record<string, number>> = {};
  const outcomes: (string | true)[] = [];
  for (const command of commands) {
    const d = decideTraining(BASE, records, command);
    if (!d.ok) {
      outcomes.push(d.reason);
      continue;
    }
    outcomes.push(true);
    records = [...records.filter((r) => !(r.courseCode === d.record.courseCode && r.attempt === d.record.attempt)), d.record];
    const year = (counters[d.stats.year] ??= {});
    for (const [name, n] of Object.entries(d.stats.counters)) year[name] = (year[name] ?? 0) + n;
  }
  return { records, counters, outcomes };
}

const enrol = (courseCode: string, category: string, enrolledOn: string): TrainingCommand => ({ type: 'training.enrolment', payload: { courseCode, category, enrolledOn } });
const complete = (courseCode: string, category: string, completedOn: string): TrainingCommand => ({ type: 'training.completion', payload: { courseCode, category, completedOn } });
const exam = (courseCode: string, category: string, examDate: string, passed: boolean, score?: number): TrainingCommand => ({
  type: 'training.exam-result',
  payload: { courseCode, category, examDate, passed, ...(score !== undefined ? { score } : {}) },
});

describe('decideTraining', () => {
  it('takes a course from enrolment to a passed exam', () => {
    const { records, outcomes } = run([enrol('YS-01', 'maternity_matron', '2026-03-01'), complete('YS-01', 'maternity_matron', '2026-04-10'), exam('YS-01', 'maternity_matron', '2026-04-20', true, 86)]);
    expect(outcomes).toEqual([true, true, true]);
    expect(records).toEqual([
      { baseTenantId: BASE, courseCode: 'YS-01', category: 'maternity_matron', attempt: 1, enrolledOn: '2026-03-01', completedOn: '2026-04-10', exam: { examDate: '2026-04-20', score: 86, passed: true, sittings: 1 } },
    ]);
  });

  it.each([
    ['a completion without enrolment', [complete('C1', 'nanny', '2026-04-01')], /not enrolled/],
    ['an exam without enrolment', [exam('C1', 'nanny', '2026-04-01', true)], /not enrolled/],
    ['an exam before completion', [enrol('C1', 'nanny', '2026-03-01'), exam('C1', 'nanny', '2026-04-01', true)], /completed before its exam/],
    ['a second enrolment while in progress', [enrol('C1', 'nanny', '2026-03-01'), enrol('C1', 'nanny', '2026-03-02')], /already enrolled/],
    ['a completion before the enrolment', [enrol('C1', 'nanny', '2026-03-01'), complete('C1', 'nanny', '2026-02-01')], /before the enrolment/],
    ['a category other than the enrolment', [enrol('C1', 'nanny', '2026-03-01'), complete('C1', 'childcare', '2026-04-01')], /category nanny/],
    ['a second completion', [enrol('C1', 'nanny', '2026-03-01'), complete('C1', 'nanny', '2026-04-01'), complete('C1', 'nanny', '2026-04-02')], /completed already/],
    [
      'an exam after a pass',
      [enrol('C1', 'nanny', '2026-03-01'), complete('C1', 'nanny', '2026-04-01'), exam('C1', 'nanny', '2026-04-02', true), exam('C1', 'nanny', '2026-04-03', true)],
      /passed already/,
    ],
  ])('rejects %s', (_what, commands, reason) => {
    expect(run(commands).outcomes.at(-1)).toMatch(reason);
  });

  it('lets a failed exam be retaken, and a new enrolment start a second attempt', () => {
    const { records, outcomes } = run([
      enrol('C1', 'nanny', '2026-03-01'),
      complete('C1', 'nanny', '2026-04-01'),
      exam('C1', 'nanny', '2026-04-02', false, 40),
      exam('C1', 'nanny', '2026-04-20', true, 75),
      enrol('C1', 'nanny', '2027-03-01'),
    ]);
    expect(outcomes).toEqual([true, true, true, true, true]);
    expect(records.map((r) => [r.attempt, r.exam?.sittings, r.exam?.passed])).toEqual([
      [1, 2, true],
      [2, undefined, undefined],
    ]);
  });
});

describe('yearly counters', () => {
  it('counts each person once per year (and per category) however many courses and sittings', () => {
    const { counters } = run([
      enrol('C1', 'nanny', '2026-03-01'),
      enrol('C2', 'nanny', '2026-05-01'),
      enrol('C3', 'childcare', '2026-06-01'),
      complete('C1', 'nanny', '2026-04-01'),
      exam('C1', 'nanny', '2026-04-02', false),
      exam('C1', 'nanny', '2026-04-09', true),
      complete('C2', 'nanny', '2026-06-01'),
      exam('C2', 'nanny', '2026-06-02', true),
      enrol('C4', 'nanny', '2027-01-10'),
    ]);
    expect(counters['2026']).toEqual({
      enrolments: 3,
      'enrolments:nanny': 2,
      'enrolments:childcare': 1,
      trainees: 1,
      'trainees:nanny': 1,
      'trainees:childcare': 1,
      completions: 2,
      'completions:nanny': 2,
      examResults: 3,
      passes: 2,
      'passes:nanny': 2,
      passedTrainees: 1,
      'passedTrainees:nanny': 1,
    });
    expect(counters['2027']).toMatchObject({ trainees: 1, 'trainees:nanny': 1, enrolments: 1 });

    const stats = trainingStats(BASE, '2026', counters['2026']!, ['nanny', 'childcare', 'cleaning']);
    expect(stats).toMatchObject({ trainees: 1, passes: 2, examResults: 3, passRate: 0.6667, passedTrainees: 1 });
    expect(stats.byCategory).toEqual([
      { category: 'nanny', trainees: 1, enrolments: 2, completions: 2, passes: 2, passedTrainees: 1 },
      { category: 'childcare', trainees: 1, enrolments: 1, completions: 0, passes: 0, passedTrainees: 0 },
    ]);
  });

  it('has no pass rate before any exam', () => {
    expect(trainingStats(BASE, '2026', {}, ['nanny'])).toMatchObject({ trainees: 0, passRate: null, byCategory: [] });
  });
});
