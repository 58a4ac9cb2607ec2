/**
 * Claim events: the CloudEvent an applied claim command publishes, built from what the
 * claims consumer has just written (the claim after the command, its trace entry) — so a
 * rebuild gives the same event, and a redelivery re-publishes it rebuilt (same id, same bytes:
 * services/published-claim-event.ts).
 * Contract: shared/events/claim-event-types.ts; catalog: docs/events.
 *
 *   id       the Anxin event id of the command (evt_…): stable across redeliveries
 *   source   /anxin/<stage>/claims          type     cn.anxin.claim.<filed|decided|paid>.v1
 *   subject  the claim id                    time     when the command was accepted (trace entry `at`)
 *   dataschema  urn:anxin:event-schema:<type> (= `$id` of docs/events/<type>.schema.json)
 *   anxininsurer  insurer tenant id (routes filed events to the insurer's queue/webhook)
 *   anxintenant   enterprise tenant id       anxintraceseq  seq of the trace entry (= claim version)
 *
 * Only covered claims publish: a not-covered filing has no insurer and never leaves Anxin.
 */
import * as z from 'zod/mini';
import type { Claim } from '../domain/insurance/claim';
import { ID_PATTERNS } from '../lib/ids';
import { buildCloudEvent, type CloudEvent } from './cloudevent';
import { Rfc3339 } from './cloudevent-schema';
import { claimEventDataSchema, claimEventTypeOf, type ClaimEventCommand, type ClaimEventData } from './claim-event-data';
import { CLAIM_EVENT_SOURCE, INSURANCE_EVENT_EXTENSIONS, type ClaimEventType } from './claim-event-types';
import { eventSchemaUri } from './order-event-types';

export interface ClaimCloudEvent<C extends ClaimEventCommand = ClaimEventCommand> extends CloudEvent<ClaimEventData<C>> {
  type: ClaimEventType;
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  dataschema: string;
  anxininsurer: string;
  anxintenant: string;
  anxintraceseq: number;
  data: ClaimEventData<C>;
}

export interface ClaimTransitionFacts {
  /** STAGE of the function (dev, prod): part of `source`. */
  stage: string;
  command: ClaimEventCommand;
  /** The command's event id (evt_…) = the CloudEvent id. */
  eventId: string;
  /** The claim after the command (covered: it has an insurer and a policy). */
  claim: Claim;
  /** The trace entry the command appended. */
  entry: { seq: number; hash: string; at: string };
}

export class UncoveredClaimEventError extends Error {
  constructor(claimId: string) {
    super(`claim ${claimId} has no insurer: a not-covered claim publishes no event`);
    this.name = 'UncoveredClaimEventError';
  }
}

/** The whitelisted facts of each type, picked field by field out of the claim (nothing else can slip in). */
function facts(command: ClaimEventCommand, claim: Claim): Record<string, unknown> {
  switch (command) {
    case 'claim.file': {
      const evidence = claim.evidence;
      return {
        policyNumber: claim.policyNumber,
        workerId: claim.workerId,
        type: claim.type,
        occurredAt: claim.occurredAt,
        filedAt: claim.filedAt,
        amountClaimedFen: claim.amountClaimedFen,
        documents: claim.documents.map((d) => ({ kind: d.kind, sha256: d.sha256 })),
        // Rebuilt in a fixed key order: a claim read back from DynamoDB has its maps in any order.
        evidence:
          evidence?.basis === 'attendance-day'
            ? { basis: evidence.basis, date: evidence.date }
            : evidence && { basis: evidence.basis, checkInAt: evidence.checkInAt, ...(evidence.checkOutAt !== undefined ? { checkOutAt: evidence.checkOutAt } : {}) },
      };
    }
    case 'claim.decide':
      return {
        outcome: claim.decision?.outcome,
        amountClaimedFen: claim.amountClaimedFen,
        amountApprovedFen: claim.decision?.amountApprovedFen,
        decidedAt: claim.decision?.decidedAt,
      };
    case 'claim.pay':
      return { amountApprovedFen: claim.decision?.amountApprovedFen, amountPaidFen: claim.payment?.amountPaidFen, paidOn: claim.payment?.paidOn };
  }
}

/** Builds the CloudEvent of an applied claim command and validates it against its closed schema. */
export function claimCloudEvent(t: ClaimTransitionFacts): ClaimCloudEvent {
  const { claim, entry } = t;
  if (claim.insurerId === undefined || claim.status === 'not-covered') throw new UncoveredClaimEventError(claim.claimId);
  const type = claimEventTypeOf(t.command);
  const event = buildCloudEvent({
    id: t.eventId,
    source: CLAIM_EVENT_SOURCE(t.stage),
    type,
    subject: claim.claimId,
    time: entry.at,
    datacontenttype: 'application/json',
    dataschema: eventSchemaUri(type),
    extensions: {
      [INSURANCE_EVENT_EXTENSIONS.insurer]: claim.insurerId,
      [INSURANCE_EVENT_EXTENSIONS.tenant]: claim.tenantId,
      [INSURANCE_EVENT_EXTENSIONS.traceSeq]: entry.seq,
    },
    data: {
      claimId: claim.claimId,
      enterpriseId: claim.tenantId,
      insurerId: claim.insurerId,
      policyId: claim.policyId,
      orderId: claim.orderId,
      version: entry.seq,
      traceHash: entry.hash,
      ...facts(t.command, claim),
    },
  });
  // Validation only: the built object is returned as built, so its key order (and bytes) stay stable.
  claimCloudEventSchema(t.command).parse(event);
  return event as ClaimCloudEvent;
}

const envelopeSchemas = new Map<ClaimEventCommand, z.ZodMiniType>();

/** The closed schema of one claim event type's whole envelope (docs/events, tests, receivers). */
export function claimCloudEventSchema(command: ClaimEventCommand): z.ZodMiniType<ClaimCloudEvent> {
  let schema = envelopeSchemas.get(command);
  if (!schema) {
    const type = claimEventTypeOf(command);
    schema = z.strictObject({
      specversion: z.literal('1.0'),
      id: z.string().check(z.regex(ID_PATTERNS.event)),
      source: z.string().check(z.regex(/^\/anxin\/[a-z0-9-]+\/claims$/)),
      type: z.literal(type),
      subject: z.string().check(z.regex(ID_PATTERNS.claim)),
      time: Rfc3339(),
      datacontenttype: z.literal('application/json'),
      dataschema: z.literal(eventSchemaUri(type)),
      anxininsurer: z.string().check(z.regex(ID_PATTERNS.tenant)),
      anxintenant: z.string().check(z.regex(ID_PATTERNS.tenant)),
      anxintraceseq: z.int().check(z.positive()),
      data: claimEventDataSchema(command),
    });
    envelopeSchemas.set(command, schema);
  }
  return schema as z.ZodMiniType<ClaimCloudEvent>;
}
