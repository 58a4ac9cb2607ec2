/**
 * A training base's figures for one year, from the counters the training consumer keeps
 * (domain/training/training.ts). What a subsidy claim needs: how many people were trained
 * in each category and how many of them passed — each person counted once per year and
 * category however many courses or exam sittings they had.
 */
import { categoryCounter, COUNTERS } from './training';

export interface CategoryFigures {
  category: string;
  trainees: number;
  enrolments: number;
  completions: number;
  passes: number;
  passedTrainees: number;
}

export interface TrainingStats {
  tenantId: string;
  year: string;
  /** Distinct people enrolled in the year. */
  trainees: number;
  enrolments: number;
  completions: number;
  examResults: number;
  passes: number;
  /** passes / examResults, 4 decimals; null before any exam result. */
  passRate: number | null;
  /** Distinct people who passed an exam in the year. */
  passedTrainees: number;
  byCategory: CategoryFigures[];
}

export function trainingStats(tenantId: string, year: string, counters: Readonly<Record<string, number>>, categories: readonly string[]): TrainingStats {
  const n = (name: string) => counters[name] ?? 0;
  const byCategory = categories
    .map((category) => ({
      category,
      trainees: n(categoryCounter(COUNTERS.trainees, category)),
      enrolments: n(categoryCounter(COUNTERS.enrolments, category)),
      completions: n(categoryCounter(COUNTERS.completions, category)),
      passes: n(categoryCounter(COUNTERS.passes, category)),
      passedTrainees: n(categoryCounter(COUNTERS.passedTrainees, category)),
    }))
    .filter((c) => c.trainees + c.enrolments + c.completions + c.passes + c.passedTrainees > 0);
  const examResults = n(COUNTERS.examResults);
  const passes = n(COUNTERS.passes);
  return {
    tenantId,
    year,
    trainees: n(COUNTERS.trainees),
    enrolments: n(COUNTERS.enrolments),
    completions: n(COUNTERS.completions),
    examResults,
    passes,
    passRate: examResults === 0 ? null : Math.round((passes / examResults) * 10_000) / 10_000,
    passedTrainees: n(COUNTERS.passedTrainees),
    byCategory,
  };
}
