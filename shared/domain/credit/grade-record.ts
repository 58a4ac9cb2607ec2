/**
 * A credit grade as Anxin keeps it: one traced record per enterprise and period
 * (docs/credit-grading.md "Grade records"). The record holds the inputs the model read,
 * their hash, the model's result and version, so anyone can recompute it; its trace says
 * how it came to be (graded, objections filed and decided, re-graded).
 *
 * The decisions here are pure: who may object to what, and what an admin's decision does.
 */
import type { EnterpriseCreditInputs, Period } from './facts';

/** The model's answer for one enterprise and period (shared/domain/credit/model.ts). */
export interface GradeResult {
  modelVersion: string;
  tenantId: string;
  period: Period;
  window: { from: Period; to: Period };
  eligible: boolean;
  notGradedReasons: string[];
  score: number;
  grade: string | null;
  cappedAt?: string;
  dimensions: {
    id: string;
    label: string;
    weight: number;
    points: number;
    indicators: { id: string; label: string; value: number | null; normalized: number; weight: number; points: number; direction: string }[];
  }[];
}

export const OBJECTION_OUTCOMES = ['upheld', 'dismissed'] as const;
export type ObjectionOutcome = (typeof OBJECTION_OUTCOMES)[number];

/** An enterprise's objection (异议) to one indicator of its grade. */
export interface Objection {
  objectionId: string;
  indicatorId: string;
  filedAt: string;
  status: 'open' | ObjectionOutcome;
  decidedAt?: string;
}

export interface CreditGradeRecord {
  tenantId: string;
  period: Period;
  /** The enterprise's name when graded: what the public list shows. */
  enterpriseName: string;
  modelVersion: string;
  inputs: EnterpriseCreditInputs;
  /** canonicalHash(inputs): what recompute compares. */
  inputsHash: string;
  result: GradeResult;
  /** When the current result was computed (first grading, or the last re-grade). */
  gradedAt: string;
  /** How many times the grade was computed (1 + upheld objections). */
  revision: number;
  /** At most one objection is open at a time; decided ones stay on the trace and as items. */
  openObjection?: Objection;
  version: number;
  traceHead: { seq: number; hash: string };
}

/** Types of a grade's trace entries, in the past tense. */
export const CREDIT_TRACE_TYPES = {
  graded: 'credit.graded',
  objectionFiled: 'credit.objection-filed',
  objectionUpheld: 'credit.objection-upheld',
  objectionDismissed: 'credit.objection-dismissed',
} as const;

/** What a grade's trace entry attests to: the hash covers these, never the objection's text. */
export const gradeAttestation = (record: Pick<CreditGradeRecord, 'modelVersion' | 'inputsHash' | 'result' | 'revision'>) => ({
  modelVersion: record.modelVersion,
  inputsHash: record.inputsHash,
  score: record.result.score,
  grade: record.result.grade,
  eligible: record.result.eligible,
  revision: record.revision,
});

export type ObjectionRefusal = 'unknown-indicator' | 'objection-open' | 'not-graded';

/**
 * May the enterprise object to `indicatorId` of this grade? One objection at a time, to an
 * indicator the grade has. A grade that was never computed cannot be objected to; a
 * "not graded" result can (the enterprise may dispute a fact that made it ineligible).
 */
export function decideObjection(record: CreditGradeRecord | undefined, indicatorId: string): { ok: true } | { ok: false; reason: ObjectionRefusal } {
  if (!record) return { ok: false, reason: 'not-graded' };
  // A request naming no indicator of the grade is wrong whatever the grade's state.
  if (!record.result.dimensions.some((d) => d.indicators.some((i) => i.id === indicatorId))) return { ok: false, reason: 'unknown-indicator' };
  return record.openObjection ? { ok: false, reason: 'objection-open' } : { ok: true };
}

/** An admin decides the open objection `objectionId`; anything else is refused. */
export function decideObjectionDecision(record: CreditGradeRecord, objectionId: string): { ok: true; objection: Objection } | { ok: false } {
  const open = record.openObjection;
  return open && open.objectionId === objectionId ? { ok: true, objection: open } : { ok: false };
}

/** `YYYY-MM` → its year, for the published list. */
export const yearOf = (period: Period): string => period.slice(0, 4);
