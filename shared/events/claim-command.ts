/**
 * The message a claim route puts on the claims FIFO queue (group = claim id, so one
 * claim's filing, decision and payment apply in order) and the claims consumer applies.
 *
 * `tenantId` is the tenant whose event record the command has (the accepting caller's):
 * the enterprise for a filing, the insurer for a decision or payment. The consumer reaches
 * the claim from there — a filing creates it in the enterprise's partition, an insurer's
 * command goes through the insurer's own pointer to it — so no message can address a claim
 * its sender could not reach.
 */
import * as z from 'zod/mini';
import { defineSchema } from '../lib/define-schema';
import { CLAIM_COMMAND_TYPES, type ClaimCommandType } from '../domain/insurance/claim';
import { canonicalHash } from '../lib/hash';
import { DecisionRequest, FileClaimRequest, PaymentRequest } from '../schemas/claims';
import { parseCommandMessage } from './parse-command-message';

export const CLAIM_MESSAGE_VERSION = 1;

export const CLAIM_PAYLOADS = {
  'claim.file': FileClaimRequest,
  'claim.decide': DecisionRequest,
  'claim.pay': PaymentRequest,
} as const satisfies Record<ClaimCommandType, z.ZodMiniType>;

export type ClaimPayload<T extends ClaimCommandType> = z.infer<(typeof CLAIM_PAYLOADS)[T]>;

const Envelope = /* @__PURE__ */ defineSchema(() => z.strictObject({
  v: z.literal(CLAIM_MESSAGE_VERSION),
  eventId: z.string(),
  type: z.enum(CLAIM_COMMAND_TYPES),
  tenantId: z.string(),
  claimId: z.string(),
  actor: z.strictObject({ tenantId: z.string(), role: z.string(), keyId: z.string() }),
  acceptedAt: z.iso.datetime({ offset: true }),
  payload: z.unknown(),
}));

export type ClaimCommandMessage = {
  [T in ClaimCommandType]: Omit<z.infer<typeof Envelope>, 'type' | 'payload'> & { type: T; payload: ClaimPayload<T> };
}[ClaimCommandType];

/** A claim command as a caller sends it: what "the same request" means for its Idempotency-Key. */
export type ClaimCommandRequest = {
  [T in ClaimCommandType]: { type: T; claimId: string; payload: ClaimPayload<T> };
}[ClaimCommandType];

/** The request hash stored on the event record; the consumer checks the message against it. */
export const claimCommandHash = (request: ClaimCommandRequest): string =>
  canonicalHash({ type: request.type, claimId: request.claimId, payload: request.payload });

/** Parses a queue message body; undefined when it is not a claim command this version understands. */
export const parseClaimCommandMessage = (body: string): ClaimCommandMessage | undefined =>
  parseCommandMessage<ClaimCommandMessage>(body, Envelope);
