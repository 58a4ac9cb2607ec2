/**
 * What each counted write adds to the programme's months (figures.ts). One builder per
 * kind of write, so every rule of "what counts, in which month" is in this file:
 *
 * - an enterprise counts in the month it joined the programme (`joinedOn`, else the day
 *   it was onboarded);
 * - a person counts once, when first registered;
 * - an order counts when created and when checked out, in the Asia/Shanghai month of the
 *   event's time (the month rule of the credit facts and station figures, so the three
 *   read models agree on every event);
 * - training person-times are completed courses, in the month of their completion day;
 * - a certificate counts when it comes into force and when it leaves it (revoked,
 *   expired), so the certificates in force at a month's end — one per worker at most —
 *   are the certified workers;
 * - a credit grade counts in the month it grades (its period), and an upheld objection
 *   that changes the grade moves the count from the old grade to the new one.
 */
import { inForce, type CertificateStatus } from '../certificate/lifecycle';
import type { OrderEventCommand } from '../../events/order-event-types';
import { shanghaiMonth } from '../../lib/shanghai-day';
import { gradeCounter, type ProgrammeDelta } from './figures';

const monthOfInstant = (at: string): string => shanghaiMonth(new Date(at));

export function enterpriseJoined(tenantId: string, joinedOn: string | undefined, createdAt: string): ProgrammeDelta {
  return { month: joinedOn ? joinedOn.slice(0, 7) : monthOfInstant(createdAt), countedId: tenantId, counters: { enterprisesJoined: 1 } };
}

export function workerRegistered(workerId: string, registeredAt: string): ProgrammeDelta {
  return { month: monthOfInstant(registeredAt), countedId: workerId, counters: { workersRegistered: 1 } };
}

/** An order event's count, or undefined for an event that moves no programme figure. */
export function orderEventCounted(event: { id: string; time: string }, command: OrderEventCommand): ProgrammeDelta | undefined {
  const counter = command === 'order.create' ? 'ordersCreated' : command === 'order.check-out' ? 'servicesDelivered' : undefined;
  return counter ? { month: monthOfInstant(event.time), countedId: event.id, counters: { [counter]: 1 } } : undefined;
}

export function trainingCompleted(workerId: string, completedOn: string): ProgrammeDelta {
  return { month: completedOn.slice(0, 7), countedId: workerId, counters: { trainingPersonTimes: 1 } };
}


/** A certificate change's count: into force, out of it, or undefined when it stayed on the same side. */
export function certificateForceChanged(certNo: string, before: CertificateStatus | undefined, after: CertificateStatus, at: string): ProgrammeDelta | undefined {
  const was = inForce(before);
  const is = inForce(after);
  if (was === is) return undefined;
  return { month: monthOfInstant(at), countedId: certNo, counters: { [is ? 'certificatesGranted' : 'certificatesLapsed']: 1 } };
}

/** A period's grade written (`before` undefined) or changed by an upheld objection; undefined when unchanged. */
export function gradeCounted(tenantId: string, period: string, before: { grade: string | null } | undefined, after: string | null): ProgrammeDelta | undefined {
  if (before && before.grade === after) return undefined;
  const counters: Record<string, number> = { [gradeCounter(after)]: 1 };
  if (before) counters[gradeCounter(before.grade)] = -1;
  return { month: period, countedId: tenantId, counters };
}
