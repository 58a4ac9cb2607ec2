/**
 * The CloudEvent of an applied claim command, built from the command's event record, the
 * facts its settlement stores (store/events-repository.ts `PublishedFacts` says why facts
 * and not the event) and the claim. The first delivery builds it this way too, so a
 * redelivery that rebuilds it publishes the very same bytes (claimCloudEvent is
 * deterministic and picks its fields in a fixed order, also from a claim read back).
 *
 * The claim may have moved on since (a filing redelivered after the decision): that is
 * fine, because every field an event takes from it is written once — the filing's fields
 * and its coverage at filing, the decision at `decide`, the payment at `pay`
 * (domain/insurance/claim.ts) — while what changes with each command (version, trace hash)
 * comes from the record.
 */
import type { Claim } from '../domain/insurance/claim';
import { claimCloudEvent, type ClaimCloudEvent } from '../events/claim-cloudevent';
import type { ClaimEventCommand } from '../events/claim-event-data';
import type { EventRecord, PublishedFacts } from '../store/events-repository';

/** What the settlement stores: the trace entry's hash (and its time, should it differ from `acceptedAt`). */
export function claimTransitionFacts(record: EventRecord, entry: { hash: string; at: string }): PublishedFacts {
  return { hash: entry.hash, ...(entry.at === record.acceptedAt ? {} : { at: entry.at }) };
}

/** The CloudEvent of a command settled with `facts` at `seq`, about `claim`. */
export function publishedClaimEvent(
  record: EventRecord & { seq: number; facts: PublishedFacts },
  claim: Claim,
  stage: string = process.env.STAGE ?? 'dev',
): ClaimCloudEvent {
  const { facts } = record;
  return claimCloudEvent({
    stage,
    command: record.type as ClaimEventCommand,
    eventId: record.eventId,
    claim,
    entry: { seq: record.seq, hash: facts.hash, at: facts.at ?? record.acceptedAt },
  });
}

/**
 * What a redelivery of a settled command publishes again: the rebuilt event of an applied
 * command (`claimOf` reads the claim), nothing for a rejected one or a not-covered filing.
 */
export async function republishedClaimEvent(record: EventRecord, claimOf: () => Promise<Claim | undefined>): Promise<ClaimCloudEvent | undefined> {
  if (record.status !== 'applied') return undefined;
  const { facts, seq } = record;
  if (!facts || seq === undefined) {
    // Settled by a release that stored the whole event (see EventRecord.cloudEvent).
    if (record.cloudEvent) return record.cloudEvent as ClaimCloudEvent;
    throw new Error(`applied claim event ${record.eventId} holds nothing to re-publish`);
  }
  const claim = await claimOf();
  if (!claim) throw new Error(`claim ${record.subjectId} of applied event ${record.eventId} not found`);
  return publishedClaimEvent({ ...record, facts, seq }, claim);
}
