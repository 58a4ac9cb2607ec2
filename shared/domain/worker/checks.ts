/**
 * Checks on a worker (docs/domain.md "Workers"): identity verified, background check (result +
 * date), health check (exam date, pass, valid until at most one year after the exam).
 * The rules here are pure; the registry records each check on the worker's trace.
 */
import { oneYearAfter } from './dates';

export const IDENTITY_METHODS = ['id-card-reader', 'document-inspection', 'online-verification'] as const;
export type IdentityMethod = (typeof IDENTITY_METHODS)[number];
export const BACKGROUND_RESULTS = ['clear', 'flagged'] as const;
export type BackgroundResult = (typeof BACKGROUND_RESULTS)[number];

export const CHECK_KINDS = ['identity', 'background', 'health'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

export interface IdentityCheck {
  verified: boolean;
  method: IdentityMethod;
  recordedAt: string;
}
export interface BackgroundCheck {
  result: BackgroundResult;
  date: string;
  recordedAt: string;
}
export interface HealthCheck {
  examDate: string;
  passed: boolean;
  validUntil: string;
  recordedAt: string;
}

export interface WorkerChecks {
  identity?: IdentityCheck;
  background?: BackgroundCheck;
  health?: HealthCheck;
}

/** The last day a health check of `examDate` may be valid: at most one year after the exam. */
export const latestHealthValidUntil = (examDate: string): string => oneYearAfter(examDate);

/** Why a health check's validity is not acceptable, or undefined when it is. */
export function healthValidityProblem(examDate: string, validUntil: string): string | undefined {
  if (validUntil < examDate) return 'must not be before examDate';
  const latest = latestHealthValidUntil(examDate);
  if (validUntil > latest) return `must be at most one year after examDate (${latest} at the latest)`;
  return undefined;
}

/** Whether a check date lies after `today` (a check cannot be recorded before it happened). */
export const isInFuture = (date: string, today: string): boolean => date > today;
