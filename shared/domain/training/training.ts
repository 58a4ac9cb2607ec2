/**
 * Training records reported by training bases (docs/domain.md "Workers": enrolments,
 * completions and exam results; these lead to certificates). Pure: given the worker's
 * records at the reporting base, decide what a command does and which yearly counters it
 * moves.
 *
 * One record per enrolment ("attempt") in a course at a base. A completion or an exam
 * result applies to the latest attempt of that course at that base. A failed exam may be
 * retaken on the same attempt; a passed one is final (a new enrolment starts a new attempt).
 */
import { yearOf } from '../worker/dates';

export const TRAINING_COMMANDS = ['training.enrolment', 'training.completion', 'training.exam-result'] as const;
export type TrainingCommandType = (typeof TRAINING_COMMANDS)[number];

export interface TrainingRecord {
  baseTenantId: string;
  courseCode: string;
  category: string;
  attempt: number;
  enrolledOn: string;
  expectedEndOn?: string;
  completedOn?: string;
  hours?: number;
  exam?: { examDate: string; score?: number; passed: boolean; sittings: number };
}

export type TrainingCommand =
  | { type: 'training.enrolment'; payload: { courseCode: string; category: string; enrolledOn: string; expectedEndOn?: string } }
  | { type: 'training.completion'; payload: { courseCode: string; category: string; completedOn: string; hours?: number } }
  | { type: 'training.exam-result'; payload: { courseCode: string; category: string; examDate: string; score?: number; passed: boolean } };

/**
 * Counter names of a base's yearly statistics. Flat names (`passes:nanny`), so that one
 * DynamoDB `ADD` per counter works without creating nested maps first.
 */
export const COUNTERS = {
  enrolments: 'enrolments',
  trainees: 'trainees',
  completions: 'completions',
  examResults: 'examResults',
  passes: 'passes',
  passedTrainees: 'passedTrainees',
} as const;
export type CounterName = (typeof COUNTERS)[keyof typeof COUNTERS];
export const categoryCounter = (name: CounterName, category: string) => `${name}:${category}`;

export interface StatsDelta {
  year: string;
  counters: Record<string, number>;
}

export type TrainingDecision =
  | { ok: true; record: TrainingRecord; passedNow: boolean; stats: StatsDelta }
  | { ok: false; reason: string };

/** The latest attempt of `courseCode` among a base's records. */
function latestAttempt(records: readonly TrainingRecord[], courseCode: string): TrainingRecord | undefined {
  return records.filter((r) => r.courseCode === courseCode).sort((a, b) => b.attempt - a.attempt)[0];
}

const same = (a: TrainingRecord, b: TrainingRecord) => a.courseCode === b.courseCode && a.attempt === b.attempt;

/**
 * `records` are all of the worker's records at the reporting base (any course), so that
 * distinct counts (trainees, passed trainees — per year, overall and per category) can be
 * decided without counting a person twice.
 */
export function decideTraining(baseTenantId: string, records: readonly TrainingRecord[], command: TrainingCommand): TrainingDecision {
  const { courseCode, category } = command.payload;
  const latest = latestAttempt(records, courseCode);
  const others = (record: TrainingRecord) => records.filter((r) => !same(r, record));
  const bump = (counters: Record<string, number>, name: CounterName, withCategory = true) => {
    counters[name] = 1;
    if (withCategory) counters[categoryCounter(name, category)] = 1;
  };

  switch (command.type) {
    case 'training.enrolment': {
      const { enrolledOn, expectedEndOn } = command.payload;
      if (latest && !latest.exam) {
        return { ok: false, reason: `already enrolled in course ${courseCode} (attempt ${latest.attempt}) without an exam result` };
      }
      if (expectedEndOn !== undefined && expectedEndOn < enrolledOn) return { ok: false, reason: 'expectedEndOn is before enrolledOn' };
      const record: TrainingRecord = {
        baseTenantId,
        courseCode,
        category,
        attempt: (latest?.attempt ?? 0) + 1,
        enrolledOn,
        ...(expectedEndOn !== undefined ? { expectedEndOn } : {}),
      };
      const year = yearOf(enrolledOn);
      const counters: Record<string, number> = {};
      bump(counters, COUNTERS.enrolments);
      const enrolledThisYear = records.filter((r) => yearOf(r.enrolledOn) === year);
      if (enrolledThisYear.length === 0) counters[COUNTERS.trainees] = 1;
      if (!enrolledThisYear.some((r) => r.category === category)) counters[categoryCounter(COUNTERS.trainees, category)] = 1;
      return { ok: true, record, passedNow: false, stats: { year, counters } };
    }
    case 'training.completion': {
      const { completedOn, hours } = command.payload;
      if (!latest) return { ok: false, reason: `not enrolled in course ${courseCode} at this base` };
      if (latest.category !== category) return { ok: false, reason: `course ${courseCode} is in category ${latest.category}, not ${category}` };
      if (latest.completedOn) return { ok: false, reason: `course ${courseCode} (attempt ${latest.attempt}) is completed already` };
      if (completedOn < latest.enrolledOn) return { ok: false, reason: 'completedOn is before the enrolment' };
      const record: TrainingRecord = { ...latest, completedOn, ...(hours !== undefined ? { hours } : {}) };
      const counters: Record<string, number> = {};
      bump(counters, COUNTERS.completions);
      return { ok: true, record, passedNow: false, stats: { year: yearOf(completedOn), counters } };
    }
    case 'training.exam-result': {
      const { examDate, score, passed } = command.payload;
      if (!latest) return { ok: false, reason: `not enrolled in course ${courseCode} at this base` };
      if (latest.category !== category) return { ok: false, reason: `course ${courseCode} is in category ${latest.category}, not ${category}` };
      if (!latest.completedOn) return { ok: false, reason: `course ${courseCode} must be completed before its exam` };
      if (examDate < latest.completedOn) return { ok: false, reason: 'examDate is before the completion' };
      if (latest.exam?.passed) return { ok: false, reason: `the exam of course ${courseCode} (attempt ${latest.attempt}) was passed already` };
      const record: TrainingRecord = {
        ...latest,
        exam: { examDate, ...(score !== undefined ? { score } : {}), passed, sittings: (latest.exam?.sittings ?? 0) + 1 },
      };
      const year = yearOf(examDate);
      const counters: Record<string, number> = {};
      bump(counters, COUNTERS.examResults, false);
      if (passed) {
        bump(counters, COUNTERS.passes);
        const passedThisYear = others(record).filter((r) => r.exam?.passed && yearOf(r.exam.examDate) === year);
        if (passedThisYear.length === 0) counters[COUNTERS.passedTrainees] = 1;
        if (!passedThisYear.some((r) => r.category === category)) counters[categoryCounter(COUNTERS.passedTrainees, category)] = 1;
      }
      return { ok: true, record, passedNow: passed, stats: { year, counters } };
    }
  }
}
