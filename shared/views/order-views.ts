/** What the API shows of stored records: internal fields (tenant id, hashes of the head) stay inside. */
import type { StoredOrder } from '../store/orders-repository';
import type { EventRecord } from '../store/events-repository';
import type { OrderView } from '../schemas/order';

export function orderView(order: StoredOrder): OrderView {
  const { tenantId: _tenant, traceHead: _head, ...view } = order;
  return view;
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
