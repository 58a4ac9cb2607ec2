/**
 * Whether an enterprise employed a worker at some time in a survey year: the condition for
 * reporting the worker's pay for that year (docs/wage-survey.md "Reports"). Employment
 * periods come from the enterprise's link with the worker and its earlier periods; a
 * period counts when it shares at least one Asia/Shanghai day with the year.
 */
import { dayOf } from '../../lib/shanghai-day';

export interface EmploymentSpan {
  /** When the period started: an RFC 3339 instant (or a day). */
  since: string;
  /** Its last day (YYYY-MM-DD); absent while it lasts. */
  until?: string;
}

export function employedInYear(spans: readonly EmploymentSpan[], year: string): boolean {
  return spans.some((span) => {
    const first = dayOf(span.since);
    return first !== undefined && first <= `${year}-12-31` && (span.until === undefined || span.until >= `${year}-01-01`);
  });
}

