/**
 * The CloudEvent of an applied order command, built from the command's event record, the
 * facts its settlement stores (store/events-repository.ts `PublishedFacts` says why facts
 * and not the event) and the command's payload. The first delivery builds it this way too,
 * so a redelivery that rebuilds it publishes the very same bytes (orderCloudEvent is
 * deterministic: same transition, same event).
 *
 * The payload comes from the queue message: callers compare the message with the record's
 * `requestHash` before anything here runs, so it is the payload that was accepted.
 */
import type { OrderStatus } from '../domain/order/state-machine';
import { orderCloudEvent, type OrderCloudEvent } from '../events/order-cloudevent';
import type { EventRecord, PublishedFacts } from '../store/events-repository';

/** The transition as the consumer has just decided it. */
export interface AppliedOrderTransition {
  status: OrderStatus;
  previousStatus?: OrderStatus;
  entry: { seq: number; hash: string; at: string };
  actorRole: string;
}

/** What the settlement stores: the transition's facts that neither the record nor the message holds. */
export function orderTransitionFacts(record: EventRecord, t: AppliedOrderTransition): PublishedFacts {
  return {
    hash: t.entry.hash,
    to: t.status,
    ...(t.previousStatus === undefined ? {} : { from: t.previousStatus }),
    // The message is built from the record (services/accept-queued-command.ts), so these match in practice.
    ...(t.entry.at === record.acceptedAt ? {} : { at: t.entry.at }),
    ...(t.actorRole === record.actor.role ? {} : { role: t.actorRole }),
  };
}

/** The CloudEvent of a command settled with `facts` at `seq`. */
export function publishedOrderEvent(
  record: EventRecord & { seq: number; facts: PublishedFacts },
  payload: unknown,
  stage: string = process.env.STAGE ?? 'dev',
): OrderCloudEvent {
  const { facts } = record;
  return orderCloudEvent({
    stage,
    commandType: record.type,
    eventId: record.eventId,
    orderId: record.subjectId,
    tenantId: record.tenantId,
    status: facts.to as OrderStatus,
    previousStatus: facts.from as OrderStatus | undefined,
    entry: { seq: record.seq, hash: facts.hash, at: facts.at ?? record.acceptedAt },
    actorRole: facts.role ?? record.actor.role,
    payload,
  });
}

/**
 * What a redelivery of a settled command publishes again: the rebuilt event of an applied
 * command, nothing for a rejected one.
 */
export function republishedOrderEvent(record: EventRecord, payload: unknown): OrderCloudEvent | undefined {
  if (record.status !== 'applied') return undefined;
  const { facts, seq } = record;
  if (facts && seq !== undefined) return publishedOrderEvent({ ...record, facts, seq }, payload);
  // Settled by a release that stored the whole event (see EventRecord.cloudEvent).
  if (record.cloudEvent) return record.cloudEvent as OrderCloudEvent;
  throw new Error(`applied order event ${record.eventId} holds nothing to re-publish`);
}
