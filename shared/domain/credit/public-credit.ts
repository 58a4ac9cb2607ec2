/**
 * 公共信用: the rewards, penalties and black-list entries an admin recorded
 * (docs/credit-grading.md "公共信用 (public credit, 15 points)"). A record counts for a grade
 * when it is in effect on at least one day of the window; a black-list entry withholds the
 * grade only when it is in effect on the period's last day, the day the grade speaks for.
 */
import { PUBLIC_RECORD_KINDS, type PublicCreditRecord } from './facts';
import { assertDay } from './period';
import { amount } from './scoring';

export interface PublicCreditTotals {
  /** Reward points of the records in effect during the window, added in the order given. */
  rewards: number;
  /** Penalty points of the records in effect during the window, added in the order given. */
  penalties: number;
  /** A black-list entry is in effect on the period's last day. */
  blacklisted: boolean;
}

/** In effect on some day of `from`..`to` (inclusive days). */
const inEffectDuring = (r: PublicCreditRecord, from: string, to: string): boolean => r.effectiveOn <= to && (r.until === undefined || r.until >= from);

function checkRecord(r: PublicCreditRecord, seen: Set<string>): void {
  const what = `public record ${String(r.recordId)}`;
  if (typeof r.recordId !== 'string' || r.recordId === '') throw new Error('a public record needs a recordId');
  // The same decision counted twice would take its points twice.
  if (seen.has(r.recordId)) throw new Error(`${what} is listed twice`);
  seen.add(r.recordId);
  if (!(PUBLIC_RECORD_KINDS as readonly string[]).includes(r.kind)) throw new Error(`${what} has an unknown kind: ${String(r.kind)}`);
  amount(r.points, `points of ${what}`);
  if (r.kind === 'blacklist' && r.points !== 0) throw new Error(`${what} is a black-list entry and carries no points`);
  assertDay(r.effectiveOn, `effectiveOn of ${what}`);
  if (r.until !== undefined) {
    assertDay(r.until, `until of ${what}`);
    if (r.until < r.effectiveOn) throw new Error(`${what} ends before it takes effect`);
  }
}

/** The records' effect on a grade whose window runs from `firstDay` to `lastDay`. */
export function publicCreditTotals(records: readonly PublicCreditRecord[], firstDay: string, lastDay: string): PublicCreditTotals {
  const seen = new Set<string>();
  let rewards = 0;
  let penalties = 0;
  let blacklisted = false;
  for (const r of records) {
    checkRecord(r, seen);
    if (!inEffectDuring(r, firstDay, lastDay)) continue;
    if (r.kind === 'reward') rewards += r.points;
    else if (r.kind === 'penalty') penalties += r.points;
    else if (inEffectDuring(r, lastDay, lastDay)) blacklisted = true;
  }
  return { rewards, penalties, blacklisted };
}
