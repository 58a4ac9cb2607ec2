/**
 * The `data` of each claim CloudEvent: ids, amounts, dates and codes — never personal data
 * and never free text (docs/architecture.md "Events carry ids and facts"). The filing's
 * place and description, the document references (the enterprise's URIs) and the insurer's
 * decision reason and payment reference stay on the claim, readable through the API by the
 * two parties; events carry document kinds and SHA-256 hashes so an insurer can check the
 * files it is sent, and the amounts and outcome.
 *
 * Each type's schema is closed (strict objects), and every string is an id, an enum, a
 * hash, a date or a timestamp — test/unit/claim-cloudevent.test.ts walks the JSON Schemas
 * to keep it so.
 */
import * as z from 'zod/mini';
import { defineSchema } from '../lib/define-schema';
import { DECISION_OUTCOMES } from '../domain/insurance/claim-state-machine';
import { CLAIM_TYPES } from '../domain/insurance/cover';
import { ID_PATTERNS } from '../lib/ids';
import { DOCUMENT_KINDS, MAX_CLAIM_DOCUMENTS, MAX_CLAIM_FEN } from '../schemas/claims';
/** The insurer's policy number, as policies are issued with it: an identifier (letters, digits, . _ / -), never words. */
import { POLICY_NUMBER } from '../schemas/policies';
import { CLAIM_EVENT_TYPES, type ClaimEventType } from './claim-event-types';

const dateTime = () => z.iso.datetime({ offset: true });
/** A partner's reference (the worker id on the order, as order events carry it). */
const ref = () => z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9._:-]+$/));
const fen = () => z.int().check(z.gte(0), z.lte(MAX_CLAIM_FEN));
const sha256 = () => z.string().check(z.regex(/^[0-9a-f]{64}$/));

/** Which claim command publishes which event. */
export const CLAIM_EVENT_FOR_COMMAND = /* @__PURE__ */ defineSchema(() => ({
  'claim.file': CLAIM_EVENT_TYPES.filed,
  'claim.decide': CLAIM_EVENT_TYPES.decided,
  'claim.pay': CLAIM_EVENT_TYPES.paid,
} as const));
export type ClaimEventCommand = keyof typeof CLAIM_EVENT_FOR_COMMAND;
export const CLAIM_EVENT_COMMANDS = /* @__PURE__ */ defineSchema(() => (Object.keys(CLAIM_EVENT_FOR_COMMAND) as ClaimEventCommand[]));

/** Fields every claim event carries. */
const commonShape = () => ({
  claimId: z.string().check(z.regex(ID_PATTERNS.claim)),
  /** The enterprise that filed the claim (= the `anxintenant` extension). */
  enterpriseId: z.string().check(z.regex(ID_PATTERNS.tenant)),
  /** The insurer the claim is addressed to (= the `anxininsurer` extension). */
  insurerId: z.string().check(z.regex(ID_PATTERNS.tenant)),
  policyId: z.string().check(z.regex(ID_PATTERNS.policy)),
  orderId: z.string().check(z.regex(ID_PATTERNS.order)),
  /** Claim version after the command = seq of its trace entry. */
  version: z.int().check(z.positive()),
  /** Hash of the trace entry: lets a receiver check the event against GET /v1/claims/{claimId}/trace. */
  traceHash: sha256(),
});

const evidence = () =>
  z.discriminatedUnion('basis', [
    /** The incident lay between check-in and check-out (no checkOutAt: still checked in when filed). */
    z.strictObject({ basis: z.literal('check-in-out'), checkInAt: dateTime(), checkOutAt: z.optional(dateTime()) }),
    /** A live-in placement with attendance recorded on the incident's day (Asia/Shanghai). */
    z.strictObject({ basis: z.literal('attendance-day'), date: z.iso.date() }),
  ]);

const factShapes = () =>
  ({
    'claim.file': {
      policyNumber: POLICY_NUMBER,
      workerId: ref(),
      type: z.enum(CLAIM_TYPES),
      occurredAt: dateTime(),
      filedAt: dateTime(),
      amountClaimedFen: fen(),
      /** Kinds and hashes of the documents, in filing order; the references stay with the claim. */
      documents: z.array(z.strictObject({ kind: z.enum(DOCUMENT_KINDS), sha256: sha256() })).check(z.maxLength(MAX_CLAIM_DOCUMENTS)),
      evidence: evidence(),
    },
    'claim.decide': {
      outcome: z.enum(DECISION_OUTCOMES),
      amountClaimedFen: fen(),
      amountApprovedFen: fen(),
      decidedAt: dateTime(),
    },
    'claim.pay': {
      amountApprovedFen: fen(),
      amountPaidFen: fen(),
      /** The day the insurer paid (Asia/Shanghai). */
      paidOn: z.iso.date(),
    },
  }) satisfies Record<ClaimEventCommand, Record<string, z.ZodMiniType>>;

type FactShapes = ReturnType<typeof factShapes>;
type Common = z.infer<z.ZodMiniObject<ReturnType<typeof commonShape>>>;
export type ClaimEventData<C extends ClaimEventCommand = ClaimEventCommand> = Common & z.infer<z.ZodMiniObject<FactShapes[C]>>;

const schemas = /* @__PURE__ */ defineSchema(() => new Map<ClaimEventCommand, z.ZodMiniType>());

/** The closed schema of one claim event type's `data` (validation, JSON Schema docs). */
export function claimEventDataSchema<C extends ClaimEventCommand>(command: C): z.ZodMiniType<ClaimEventData<C>> {
  let schema = schemas.get(command);
  if (!schema) {
    schema = z.strictObject({ ...commonShape(), ...factShapes()[command] });
    schemas.set(command, schema);
  }
  return schema as z.ZodMiniType<ClaimEventData<C>>;
}

export const claimEventTypeOf = (command: ClaimEventCommand): ClaimEventType => CLAIM_EVENT_FOR_COMMAND[command];
