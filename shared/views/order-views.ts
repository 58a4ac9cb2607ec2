/** What the API shows of stored records: internal fields (tenant id, hashes of the head) stay inside. */
import type { StoredOrder } from '../store/orders-repository';
import type { EventRecord } from '../store/events-repository';
import type { OrderView } from '../schemas/order';

/** The lifecycle fields an order has so far, in the given order. */
function pick<K extends keyof StoredOrder>(o: StoredOrder, names: K[]): Partial<Pick<StoredOrder, K>> {
  const out: Partial<Pick<StoredOrder, K>> = {};
  for (const name of names) if (o[name] !== undefined) out[name] = o[name];
  return out;
}

/** Fields in a fixed, readable order (DynamoDB returns attributes in no particular order). */
export function orderView(o: StoredOrder): OrderView {
  return {
    orderId: o.orderId,
    status: o.status,
    serviceType: o.serviceType,
    mode: o.mode,
    district: o.district,
    ...(o.stationId !== undefined ? { stationId: o.stationId } : {}),
    householdRef: o.householdRef,
    ...(o.externalRef !== undefined ? { externalRef: o.externalRef } : {}),
    schedule: { start: o.schedule.start, end: o.schedule.end },
    price: { amountFen: o.price.amountFen, currency: o.price.currency },
    ...pick(o, [
      'workerId',
      'assignedAt',
      'confirmedAt',
      'rescheduledCount',
      'checkIn',
      'checkOut',
      'attendanceDays',
      'lastAttendanceDate',
      'cancellation',
      'noShow',
      'dispute',
      'resolution',
      'rating',
      'closedAt',
      'complaintCount',
      'openComplaintCount',
    ]),
    version: o.version,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
  };
}

export function eventView(event: EventRecord) {
  return {
    eventId: event.eventId,
    type: event.type,
    subjectId: event.subjectId,
    status: event.status,
    acceptedAt: event.acceptedAt,
    ...(event.appliedAt ? { appliedAt: event.appliedAt } : {}),
    ...(event.rejectedAt ? { rejectedAt: event.rejectedAt, reason: event.reason } : {}),
  };
}
