/**
 * Was the incident on the job, and was it reported in time? (docs/domain.md "Claims": a
 * claim comes within 48 h, with the order's check-in/out evidence.) Pure: the claims
 * consumer looks up the order and, for live-in placements, the attendance day, and passes
 * the facts in.
 *
 * On the job means: between the order's check-in and check-out (still checked in when the
 * claim was filed: between check-in and the filing), or — for a live-in placement, where
 * the worker lives in the household for weeks — on a day with a recorded attendance.
 * What was used is returned as evidence; it travels in the claim.filed event.
 */
import { shanghaiDay } from '../../lib/shanghai-day';

/** A claim must be filed at most this long after the incident. */
export const REPORTING_WINDOW_HOURS = 48;
const HOUR = 3_600_000;

export type ServiceEvidence =
  /** checkOutAt absent: the worker was still checked in when the claim was filed. */
  | { basis: 'check-in-out'; checkInAt: string; checkOutAt?: string }
  | { basis: 'attendance-day'; date: string };

/** What the check needs of an order. */
export interface OrderServiceFacts {
  mode: string;
  checkInAt?: string;
  checkOutAt?: string;
}

export type ServiceTimeCheck = { ok: true; evidence: ServiceEvidence } | { ok: false; reason: 'outside-service-time'; detail: string };
export type ReportingCheck = { ok: true } | { ok: false; reason: 'reported-late'; detail: string };

/**
 * The Asia/Shanghai calendar day of an instant (YYYY-MM-DD): the day attendance is
 * recorded under — the same clock rule coverage and certificates use (domain/insurance/days.ts).
 */
export const serviceDateOf = (instant: string): string => shanghaiDay(new Date(Date.parse(instant)));

/** Filed within REPORTING_WINDOW_HOURS of the incident (exactly 48 h still counts). */
export function checkReportedInTime(occurredAt: string, filedAt: string): ReportingCheck {
  const late = Date.parse(filedAt) - Date.parse(occurredAt);
  if (late <= REPORTING_WINDOW_HOURS * HOUR) return { ok: true };
  return { ok: false, reason: 'reported-late', detail: `filed ${Math.floor(late / HOUR)} h after the incident; the limit is ${REPORTING_WINDOW_HOURS} h` };
}

/**
 * `attendanceRecorded`: a live-in order has an attendance record for serviceDateOf(occurredAt).
 * `filedAt` closes the window of an order that is checked in but not yet out.
 */
export function checkServiceTime(order: OrderServiceFacts, occurredAt: string, filedAt: string, attendanceRecorded = false): ServiceTimeCheck {
  const t = Date.parse(occurredAt);
  if (order.checkInAt !== undefined) {
    const end = order.checkOutAt ?? filedAt;
    if (Date.parse(order.checkInAt) <= t && t <= Date.parse(end)) {
      return { ok: true, evidence: { basis: 'check-in-out', checkInAt: order.checkInAt, ...(order.checkOutAt !== undefined ? { checkOutAt: order.checkOutAt } : {}) } };
    }
  }
  if (order.mode === 'live_in' && attendanceRecorded) return { ok: true, evidence: { basis: 'attendance-day', date: serviceDateOf(occurredAt) } };

  const window =
    order.checkInAt === undefined ? 'the order has no check-in' : `the service ran ${order.checkInAt} – ${order.checkOutAt ?? '(still checked in)'}`;
  const liveIn = order.mode === 'live_in' ? ` and no attendance is recorded for ${serviceDateOf(occurredAt)}` : '';
  return { ok: false, reason: 'outside-service-time', detail: `the incident is outside the service time: ${window}${liveIn}` };
}
