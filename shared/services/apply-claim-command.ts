/**
 * Applying a claim command (the asynchronous half, run by the claims consumer): load the
 * claim, gather the facts (for a filing: the order, its service time, the coverage at the
 * incident), let the pure domain decide (domain/insurance/claim.ts), then write the claim,
 * its trace entry, the event's outcome and — covered claims — the insurer's pointer in ONE
 * transaction (store/claims-repository.ts explains the guards).
 *
 * A filing that fails a check is stored too, as `not-covered` with the reason, so the
 * enterprise sees why; its event ends `rejected` with that reason, it gets no insurer
 * pointer and publishes nothing. Every other applied command returns the CloudEvent to
 * publish after the commit; a duplicate returns the stored copy (same id), so a
 * redelivery re-publishes exactly what the first delivery built.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { CLAIM_TRACE_TYPES, decideClaim, type ClaimCommandInput, type ClaimFacts, type FilingAssessment } from '../domain/insurance/claim';
import { assessFiling, checkBeforeCoverage } from '../domain/insurance/filing-check';
import { serviceDateOf } from '../domain/insurance/service-time';
import { claimCloudEvent, type ClaimCloudEvent } from '../events/claim-cloudevent';
import { claimCommandHash, type ClaimCommandMessage, type ClaimCommandRequest } from '../events/claim-command';
import { canonicalHash } from '../lib/hash';
import { claimsRepository, type StoredClaim } from '../store/claims-repository';
import type { StoreContext } from '../store/client';
import { eventsRepository } from '../store/events-repository';
import { keys } from '../store/keys';
import { ordersRepository } from '../store/orders-repository';
import { nextEntry } from '../trace/chain';
import { findCoverage } from './insurance-coverage';

export type ClaimApplyOutcome =
  | { outcome: 'applied'; claim: StoredClaim; cloudEvent: ClaimCloudEvent }
  | { outcome: 'not-covered'; claim: StoredClaim; reason: string }
  | { outcome: 'rejected'; reason: string }
  | { outcome: 'duplicate'; cloudEvent?: ClaimCloudEvent };

/** Thrown for a message that can never be applied; the record fails and ends in the DLQ. */
export class UnprocessableClaimMessageError extends Error {}

/** Thrown when another writer moved the claim first; the record is retried with fresh state. */
export class ClaimConcurrentUpdateError extends Error {}

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

/** The event a claim command's record holds is the claim event this service stored with it. */
const storedClaimEvent = (cloudEvent: unknown) => cloudEvent as ClaimCloudEvent | undefined;

export async function applyClaimCommand(store: StoreContext, message: ClaimCommandMessage, now: () => Date = () => new Date()): Promise<ClaimApplyOutcome> {
  const events = eventsRepository(store);
  const claims = claimsRepository(store);

  const event = await events.get(message.tenantId, message.eventId);
  if (!event) throw new UnprocessableClaimMessageError('no accepted event for this message');
  if (event.status !== 'accepted') return { outcome: 'duplicate', cloudEvent: storedClaimEvent(event.cloudEvent) };
  // The event record is what the caller was answered; a message that disagrees with it was not produced by us.
  const request = { type: message.type, claimId: message.claimId, payload: message.payload } as ClaimCommandRequest;
  if (event.subjectId !== message.claimId || event.type !== message.type || event.requestHash !== claimCommandHash(request)) {
    throw new UnprocessableClaimMessageError('message does not match its accepted event');
  }

  const at = now().toISOString();
  let current: StoredClaim | undefined;
  let facts: ClaimFacts = {};
  if (message.type === 'claim.file') {
    current = await claims.get(message.tenantId, message.claimId, true);
    if (!current) facts = { assessment: await assess(store, message) };
  } else {
    // The insurer reaches the claim through its own pointer only.
    const pointer = await claims.pointer(message.tenantId, message.claimId, true);
    current = pointer && (await claims.get(pointer.enterpriseId, message.claimId, true));
    if (!current) {
      await events.reject(message.tenantId, message.eventId, 'claim not found', at);
      return { outcome: 'rejected', reason: 'claim not found' };
    }
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
    await events.reject(message.tenantId, message.eventId, decision.reason, at);
    return { outcome: 'rejected', reason: decision.reason };
  }

  const entry = nextEntry(current?.traceHead, {
    eventId: message.eventId,
    type: CLAIM_TRACE_TYPES[decision.claim.status],
    actor: message.actor,
    at: message.acceptedAt,
    // A filing's entry also attests to what the checks found (coverage, evidence).
    payloadHash: canonicalHash(facts.assessment ? { filing: message.payload, assessment: facts.assessment } : message.payload),
  });
  const claim: StoredClaim = { ...decision.claim, version: entry.seq, traceHead: { seq: entry.seq, hash: entry.hash } };
  const notCovered = claim.status === 'not-covered' ? `${claim.notCovered!.reason}: ${claim.notCovered!.detail}` : undefined;
  const cloudEvent = notCovered
    ? undefined
    : claimCloudEvent({ stage: process.env.STAGE ?? 'dev', command: message.type, eventId: message.eventId, claim, entry });

  try {
    await claims.apply({
      claim,
      previousVersion: current?.version,
      entry,
      event: { tenantId: message.tenantId, eventId: message.eventId, at, outcome: notCovered ? 'rejected' : 'applied', reason: notCovered, cloudEvent },
    });
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    // Reasons come in TransactItems order: [claim, trace entry, event, pointer].
    const [claimReason, , eventReason] = error.CancellationReasons ?? [];
    if (eventReason?.Code === 'ConditionalCheckFailed') {
      // A concurrent delivery settled it first: hand back what it stored.
      return { outcome: 'duplicate', cloudEvent: storedClaimEvent((await events.get(message.tenantId, message.eventId))?.cloudEvent) };
    }
    if (claimReason?.Code === 'ConditionalCheckFailed') throw new ClaimConcurrentUpdateError(`claim ${message.claimId} changed underneath`);
    // Another transaction on the same items was in flight (a concurrent delivery): retry later,
    // when the event will be settled and this delivery reads as a duplicate.
    if (error.CancellationReasons?.some((r) => r.Code === 'TransactionConflict')) {
      throw new ClaimConcurrentUpdateError(`claim ${message.claimId}: concurrent transaction`);
    }
    throw error;
  }
  return notCovered ? { outcome: 'not-covered', claim, reason: notCovered } : { outcome: 'applied', claim, cloudEvent: cloudEvent! };
}
