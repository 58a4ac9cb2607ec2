/**
 * Correcting and withdrawing a pay report (docs/wage-survey.md "Corrections and
 * withdrawals"): pure decisions on the report as read. The service reads the report and
 * the survey years open at the time, and writes what is decided here with the report's
 * sample in the same transaction.
 */
import type { ExperienceBand, PayType, Post } from './catalogue';

/** What a correction may change: the cell (post, band, pay type) and the amount. The worker and the year are the report's identity. */
export interface ReportFigures {
  post: Post;
  experienceBand: ExperienceBand;
  payType: PayType;
  amountFen: number;
}

/** The report as a decision needs it. */
export interface ReportState extends ReportFigures {
  year: string;
  /** Absent on a report stored before reports could change: it is at version 1. */
  version?: number;
  withdrawnAt?: string;
  /** The last correction's starting version and fingerprint, so a retried correction is recognised as done. */
  lastChange?: { fromVersion: number; requestHash: string };
}

export const versionOf = (report: Pick<ReportState, 'version'>): number => report.version ?? 1;

export type CorrectionDecision = 'correct' | 'unchanged' | 'repeat' | 'stale' | 'withdrawn' | 'year-closed';

/**
 * A correction asked for at `version`: recognised as done when it is the very correction
 * that moved the report from that version (a retry); refused on a withdrawn report, on a
 * year no longer open (`openYears`: the current and the previous survey year), and at any
 * other version than the report's (someone corrected it first); nothing to write when it
 * changes nothing.
 */
export function decideCorrection(report: ReportState, version: number, figures: ReportFigures, requestHash: string, openYears: readonly string[]): CorrectionDecision {
  if (report.lastChange?.fromVersion === version && report.lastChange.requestHash === requestHash) return 'repeat';
  if (report.withdrawnAt !== undefined) return 'withdrawn';
  if (!openYears.includes(report.year)) return 'year-closed';
  if (versionOf(report) !== version) return 'stale';
  const same = report.post === figures.post && report.experienceBand === figures.experienceBand && report.payType === figures.payType && report.amountFen === figures.amountFen;
  return same ? 'unchanged' : 'correct';
}

export type WithdrawalDecision = 'withdraw' | 'already-withdrawn' | 'year-closed';

/** Withdrawing: a withdrawn report stays withdrawn (withdrawing again changes nothing); only in an open year. */
export function decideWithdrawal(report: ReportState, openYears: readonly string[]): WithdrawalDecision {
  if (report.withdrawnAt !== undefined) return 'already-withdrawn';
  return openYears.includes(report.year) ? 'withdraw' : 'year-closed';
}

/** Whether a correction moves the report's sample to another cell (otherwise only its amount changes in place). */
export const movesCell = (before: ReportFigures, after: ReportFigures): boolean =>
  before.post !== after.post || before.experienceBand !== after.experienceBand || before.payType !== after.payType;
