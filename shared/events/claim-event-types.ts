/**
 * The insurance CloudEvents: names, source and the extension attributes that
 * route them. Same conventions as order events (order-event-types.ts): past-tense names,
 * the version in the type, `cn.anxin.` prefix.
 *
 * Routing: every insurance event carries `anxininsurer` (the insurer's tenant id) and
 * `anxintenant` (the enterprise's). Insurer queues (EventBridge rules) and webhooks match
 * INSURER_EVENT_TYPES on `anxininsurer`; the other types travel back to the enterprise.
 */
export const CLAIM_EVENT_SOURCE = (stage: string): string => `/anxin/${stage}/claims`;

export const CLAIM_EVENT_TYPES = {
  filed: 'cn.anxin.claim.filed.v1',
  decided: 'cn.anxin.claim.decided.v1',
  paid: 'cn.anxin.claim.paid.v1',
} as const;
export type ClaimEventType = (typeof CLAIM_EVENT_TYPES)[keyof typeof CLAIM_EVENT_TYPES];

/** Extension attributes (CloudEvents names: lower-case letters and digits, ≤ 20). */
export const INSURANCE_EVENT_EXTENSIONS = {
  insurer: 'anxininsurer',
  tenant: 'anxintenant',
  traceSeq: 'anxintraceseq',
} as const;

/** What an insurer receives on its queue and webhook. */
export const INSURER_EVENT_TYPES: readonly string[] = [CLAIM_EVENT_TYPES.filed];
