/**
 * Employment terms (docs/subsidies.md "Facts"): the type of a current employment link —
 * 劳动合同 (labour contract) or 服务协议 (service agreement) — from a day, kept on the link
 * as consecutive terms. Pure: the service reads the link and the clock and stores what this
 * decides.
 *
 * Nothing is backdated, as on insurance rosters: a term starts today. The one exception is
 * the link's first term, which may start on the day the link started — links recorded
 * before their type was asked for get their type from the start, once. No term starts in
 * the future either (like an employment's end day): the enterprise records a change on the
 * day it takes effect. `recordedOn` keeps when each term was recorded, so an officer sees a
 * term recorded after the year it counts for and asks for the contract.
 */
import { addDays } from '../certificate/dates';
import type { EmploymentTerm, EmploymentType } from '../subsidy/facts';

export interface TermRequest {
  type: EmploymentType;
  /** `YYYY-MM-DD`: today, or the link's first day for its first term. */
  from: string;
}

export type TermDecision =
  /** `opened`: the first term; `changed`: the running term ends the day before; `corrected`: today's term is replaced. */
  | { ok: true; change: 'opened' | 'changed' | 'corrected'; terms: EmploymentTerm[] }
  | { ok: false; reason: 'in-future' | 'backdated' | 'before-start' | 'unchanged'; detail: string };

/**
 * Decides a term on a current link whose first day is `startDay`, given its terms (oldest
 * first) and today (Asia/Shanghai).
 */
export function decideTerm(terms: readonly EmploymentTerm[], startDay: string, today: string, request: TermRequest): TermDecision {
  const { type, from } = request;
  if (from > today) return { ok: false, reason: 'in-future', detail: 'must not be in the future: record a change on the day it takes effect' };
  if (from < startDay) return { ok: false, reason: 'before-start', detail: `must not be before the employment started (${startDay})` };
  const running = terms.at(-1);
  if (!running) {
    if (from !== today && from !== startDay) {
      return { ok: false, reason: 'backdated', detail: `must be today (${today}) or, for the first term, the day the employment started (${startDay})` };
    }
    return { ok: true, change: 'opened', terms: [{ type, from, recordedOn: today }] };
  }
  if (from !== today) return { ok: false, reason: 'backdated', detail: `must be today (${today}): a term is not backdated` };
  if (running.type === type) return { ok: false, reason: 'unchanged', detail: `The worker is on a ${type} since ${running.from} already.` };
  const earlier = terms.slice(0, -1);
  // A second change on the same day corrects the first: a term of no days is not a term.
  if (running.from === today) return { ok: true, change: 'corrected', terms: [...earlier, { type, from, recordedOn: today }] };
  return { ok: true, change: 'changed', terms: [...earlier, { ...running, until: addDays(today, -1) }, { type, from, recordedOn: today }] };
}

/**
 * The terms of a link that ends on `until` (its last day): the running term ends then, and a
 * term that would start after it (an end day before a change recorded today) never ran.
 */
export function closeTerms(terms: readonly EmploymentTerm[], until: string): EmploymentTerm[] {
  return terms
    .filter((t) => t.from <= until)
    .map((t) => (t.until === undefined || t.until > until ? { ...t, until } : t));
}

/**
 * Terms of several periods of one link, oldest first and never sharing a day. An employment
 * ended and begun again on the same day puts that day under two terms, and a day counted
 * twice would pay twice (docs/subsidies.md "Rules"): the later term has the day.
 */
export function consecutiveTerms(terms: readonly EmploymentTerm[]): EmploymentTerm[] {
  const sorted = [...terms].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const out: EmploymentTerm[] = [];
  for (const term of sorted) {
    const previous = out.at(-1);
    if (previous && (previous.until === undefined || previous.until >= term.from)) {
      const until = addDays(term.from, -1);
      if (until < previous.from) out.pop();
      else out[out.length - 1] = { ...previous, until };
    }
    out.push(term);
  }
  return out;
}
