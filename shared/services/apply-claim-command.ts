/**
 * Applying a claim command (the asynchronous half, run by the claims consumer): load the
 * claim, gather the facts (for a filing: the order, its service time, the coverage at the
 * incident), let the pure domain decide (domain/insurance/claim.ts), then write the claim,
 * its trace entry, the event's outcome and — covered claims — the insurer's pointer in ONE
 * transaction through the traced write path (store/traced-write.ts explains guards and retries).
 *
 * A filing that fails a check is stored too, as `not-covered` with the reason, so the
 * enterprise sees why; its event ends `rejected` with that reason, it gets no insurer
 * pointer and publishes nothing. Every other applied command returns the CloudEvent to
 * publish after the commit; a duplicate returns it rebuilt from the facts stored with the
 * event and the claim (services/published-claim-event.ts), so a redelivery re-publishes
 * exactly what the first delivery built (same id, same bytes).
 */
import { CLAIM_TRACE_TYPES, decideClaim, type ClaimCommandInput, type ClaimFacts, type FilingAssessment } from '../domain/insurance/claim';
import { assessFiling, checkBeforeCoverage } from '../domain/insurance/filing-check';
import { serviceDateOf } from '../domain/insurance/service-time';
import type { ClaimCloudEvent } from '../events/claim-cloudevent';
import { claimCommandHash, type ClaimCommandMessage, type ClaimCommandRequest } from '../events/claim-command';
import { claimsRepository, type StoredClaim } from '../store/claims-repository';
import type { StoreContext } from '../store/client';
import { eventsRepository, type EventRecord } from '../store/events-repository';
import { keys } from '../store/keys';
import { ordersRepository } from '../store/orders-repository';
import { commandEntry, tracedStoreOf, writeTraced, type Plan, type Stamp } from '../store/traced-write';
import { findCoverage } from './insurance-coverage';
import { claimTransitionFacts, publishedClaimEvent, republishedClaimEvent } from './published-claim-event';

export type ClaimApplyOutcome =
  | { outcome: 'applied'; claim: StoredClaim; cloudEvent: ClaimCloudEvent }
  | { outcome: 'not-covered'; claim: StoredClaim; reason: string }
  | { outcome: 'rejected'; reason: string }
  | { outcome: 'duplicate'; cloudEvent?: ClaimCloudEvent };

/** Thrown for a message that can never be applied; the record fails and ends in the DLQ. */
export class UnprocessableClaimMessageError extends Error {}

/** Checks 1–5 of a filing (domain/insurance/filing-check.ts), with the lookups they need. */
async function assess(store: StoreContext, message: Extract<ClaimCommandMessage, { type: 'claim.file' }>): Promise<FilingAssessment> {
  const { orderId, occurredAt, type } = message.payload;
  const orders = ordersRepository(store);
  const order = await orders.get(message.tenantId, orderId, true);
  const attendanceRecorded =
    order?.mode === 'live_in'
      ? await orders.hasItem({ pk: keys.orderPartition(message.tenantId, orderId), sk: keys.attendanceSk(serviceDateOf(occurredAt)) })
      : false;
  const pre = checkBeforeCoverage({
    order: order && { mode: order.mode, workerId: order.workerId, checkInAt: order.checkIn?.at, checkOutAt: order.checkOut?.at },
    occurredAt,
    filedAt: message.acceptedAt,
    attendanceRecorded,
  });
  if (!pre.ok) return assessFiling(pre);
  return assessFiling(pre, await findCoverage(store, { enterpriseId: message.tenantId, workerId: pre.workerId, at: occurredAt, claimType: type }));
}

/**
 * The claim a command addresses: a filing's under its own tenant; an insurer reaches a claim
 * through its own pointer only.
 */
async function addressedClaim(claims: ReturnType<typeof claimsRepository>, message: ClaimCommandMessage): Promise<StoredClaim | undefined> {
  if (message.type === 'claim.file') return claims.get(message.tenantId, message.claimId, true);
  const pointer = await claims.pointer(message.tenantId, message.claimId, true);
  return pointer && (await claims.get(pointer.enterpriseId, message.claimId, true));
}

export async function applyClaimCommand(store: StoreContext, message: ClaimCommandMessage, now: () => Date = () => new Date()): Promise<ClaimApplyOutcome> {
  const events = eventsRepository(store);
  const claims = claimsRepository(store);

  const event = await events.get(message.tenantId, message.eventId);
  if (!event) throw new UnprocessableClaimMessageError('no accepted event for this message');
  // The event record is what the caller was answered; a message that disagrees with it was
  // not produced by us — checked before a duplicate is answered too.
  const request = { type: message.type, claimId: message.claimId, payload: message.payload } as ClaimCommandRequest;
  if (event.subjectId !== message.claimId || event.type !== message.type || event.requestHash !== claimCommandHash(request)) {
    throw new UnprocessableClaimMessageError('message does not match its accepted event');
  }
  const republished = (settled: EventRecord) => republishedClaimEvent(settled, () => addressedClaim(claims, message));
  if (event.status !== 'accepted') return { outcome: 'duplicate', cloudEvent: await republished(event) };
  // A concurrent delivery may settle the event after the read above (the reject or the
  // transaction below then finds it settled): answer with what that delivery published.
  const settledByAnother = async (): Promise<ClaimApplyOutcome> => {
    const settled = await events.get(message.tenantId, message.eventId, true);
    return { outcome: 'duplicate', cloudEvent: settled && (await republished(settled)) };
  };

  const plan = async (): Promise<Plan<ClaimApplyOutcome>> => {
    const at = now().toISOString();
    const current = await addressedClaim(claims, message);
    let facts: ClaimFacts = {};
    if (message.type === 'claim.file') {
      if (!current) facts = { assessment: await assess(store, message) };
    } else if (!current) {
      if (!(await events.reject(message.tenantId, message.eventId, 'claim not found', at))) return { done: await settledByAnother() };
      return { done: { outcome: 'rejected', reason: 'claim not found' } };
    }
    const command = {
      type: message.type,
      claimId: message.claimId,
      tenantId: message.tenantId,
      at: message.acceptedAt,
      payload: message.payload,
    } as ClaimCommandInput;
    const decision = decideClaim(current, command, facts);
    if (!decision.ok) {
      if (!(await events.reject(message.tenantId, message.eventId, decision.reason, at))) return { done: await settledByAnother() };
      return { done: { outcome: 'rejected', reason: decision.reason } };
    }
    const decided = decision.claim;
    const claimOf = (stamp: Stamp): StoredClaim => ({ ...decided, version: stamp.version, traceHead: stamp.traceHead });
    const notCovered = decided.status === 'not-covered' ? `${decided.notCovered!.reason}: ${decided.notCovered!.detail}` : undefined;
    // Built from the facts the settlement stores, exactly as a redelivery will rebuild it.
    const published = (stamp: Stamp) => (notCovered ? undefined : claimTransitionFacts(event, stamp.entries[0]!));
    return {
      before: current,
      // A filing's entry also attests to what the checks found (coverage, evidence).
      entries: [commandEntry(message, CLAIM_TRACE_TYPES[decided.status], facts.assessment ? { filing: message.payload, assessment: facts.assessment } : message.payload)],
      write: (stamp) => ({
        ...claims.record(claimOf(stamp)),
        // A not-covered filing is stored but its event ends `rejected`, saying why.
        event: {
          settle: { tenantId: message.tenantId, eventId: message.eventId, at, outcome: notCovered ? 'rejected' : 'applied', reason: notCovered, facts: published(stamp) },
        },
      }),
      result: (stamp) => {
        const claim = claimOf(stamp);
        if (notCovered) return { outcome: 'not-covered', claim, reason: notCovered };
        return { outcome: 'applied', claim, cloudEvent: publishedClaimEvent({ ...event, seq: stamp.version, facts: published(stamp)! }, claim) };
      },
      onEventSettled: settledByAnother,
    };
  };
  return writeTraced(tracedStoreOf(store), plan);
}
