/**
 * Worker registry requests, queries and views (HTTP). Strict objects: unknown fields are
 * refused — a phone number, address or photo sent along is a 422, not silently stored
 * (data minimisation: the registry collects the ID number and name only).
 */
import * as z from 'zod/mini';
import { defineSchema } from '../lib/define-schema';
import { BACKGROUND_RESULTS, IDENTITY_METHODS } from '../domain/worker/checks';
import { CONSENT_SCOPES } from '../domain/worker/consents';
import { EMPLOYMENT_TYPES, SCHOOL_TYPES } from '../domain/subsidy/facts';
import { END_REASONS } from '../domain/worker/employment';
import { residentIdInput } from '../domain/worker/id-number-input';
import { SERVICE_TYPES } from './order';

const date = () => z.iso.date();
const limit = () => z.optional(z.string().check(z.regex(/^(?:[1-9]\d?|100)$/, 'must be an integer from 1 to 100')));
const cursor = () => z.optional(z.string().check(z.maxLength(512)));

export const ConsentBody = /* @__PURE__ */ defineSchema(() => z.strictObject({
  scope: z.enum(CONSENT_SCOPES),
  /** Version of the consent text the worker signed, e.g. `2026-01`. */
  version: z.string().check(z.minLength(1), z.maxLength(32), z.regex(/^[A-Za-z0-9._-]+$/)),
  /** true grants (or re-confirms, or moves to a newer version); false revokes. */
  granted: z.boolean(),
}));
export type ConsentBody = z.infer<typeof ConsentBody>;

export const RegisterWorkerRequest = /* @__PURE__ */ defineSchema(() => z.strictObject({
  /** Resident ID number (18 characters, check character verified). Encrypted before it is stored. */
  idNumber: z.string().check(
    z.maxLength(32),
    // The message never repeats the value: a validation error must not echo an ID number.
    z.refine((v) => residentIdInput(v) !== undefined, 'is not a valid resident ID number'),
  ),
  /** Full name as on the ID card. Encrypted before it is stored; shown masked (`王**`). */
  name: z.string().check(
    z.maxLength(64),
    z.refine((v) => !/[\p{Cc}\p{Cf}]/u.test(v), 'must be a name without control characters'),
    // A masked one-character name would be the name itself (maskName keeps the first character).
    z.refine((v) => Array.from(v.trim()).length >= 2, 'must be at least 2 characters'),
  ),
  serviceCategories: z.array(z.enum(SERVICE_TYPES)).check(z.minLength(1), z.maxLength(SERVICE_TYPES.length)),
  /** Consents the worker signed at registration (at most one per scope). */
  consents: z.optional(
    z.array(ConsentBody).check(
      z.maxLength(CONSENT_SCOPES.length),
      z.refine((list) => new Set(list.map((c) => c.scope)).size === list.length, 'at most one consent per scope'),
    ),
  ),
}));
export type RegisterWorkerRequest = z.infer<typeof RegisterWorkerRequest>;

export const CHECK_BODIES = /* @__PURE__ */ defineSchema(() => ({
  identity: z.strictObject({ verified: z.boolean(), method: z.enum(IDENTITY_METHODS) }),
  background: z.strictObject({ result: z.enum(BACKGROUND_RESULTS), date: date() }),
  /** validUntil at most one year after examDate (422 otherwise). */
  health: z.strictObject({ examDate: date(), passed: z.boolean(), validUntil: date() }),
} as const));

export const EndEmploymentRequest = /* @__PURE__ */ defineSchema(() => z.strictObject({ endedOn: z.optional(date()), reason: z.optional(z.enum(END_REASONS)) }));

/** `from`: today, or the employment's first day for its first term (docs/subsidies.md "Facts"). */
export const EmploymentTermRequest = /* @__PURE__ */ defineSchema(() => z.strictObject({ type: z.enum(EMPLOYMENT_TYPES), from: date() }));

/** Personal: encrypted before it is stored, never echoed (a validation message does not repeat it either). */
export const GraduationRequest = /* @__PURE__ */ defineSchema(() => z.strictObject({
  /** The year only: the subsidy rule needs no more. Not after the current year. */
  graduationYear: z.int().check(z.gte(1950), z.lte(2100)),
  schoolType: z.enum(SCHOOL_TYPES),
}));

export const ListWorkersQuery = /* @__PURE__ */ defineSchema(() => z.strictObject({ status: z.optional(z.enum(['current', 'ended'])), limit: limit(), cursor: cursor() }));
export type ListWorkersQuery = z.infer<typeof ListWorkersQuery>;

// ---- Views ---------------------------------------------------------------------------

const Term = /* @__PURE__ */ defineSchema(() => z.object({
  type: z.enum(EMPLOYMENT_TYPES),
  from: z.string(),
  /** Absent: still running. */
  until: z.optional(z.string()),
  recordedOn: z.optional(z.string()),
}));

const Employment = /* @__PURE__ */ defineSchema(() => z.object({
  status: z.enum(['current', 'ended']),
  since: z.string(),
  until: z.optional(z.string()),
  endReason: z.optional(z.enum(END_REASONS)),
  serviceCategories: z.optional(z.array(z.string())),
  /** Labour contract or service agreement, from a day; oldest first. */
  terms: z.optional(z.array(Term)),
  /** Earlier periods with this enterprise (re-hired workers). */
  periods: z.optional(z.array(z.object({ since: z.string(), until: z.string(), endReason: z.optional(z.enum(END_REASONS)), terms: z.optional(z.array(Term)) }))),
}));

export const WorkerView = /* @__PURE__ */ defineSchema(() => z.object({
  workerId: z.string(),
  /** Masked: `王**`. */
  name: z.string(),
  /** Masked: `440308********1234`. */
  idNumber: z.string(),
  registeredAt: z.string(),
  checks: z.object({
    identity: z.optional(z.object({ verified: z.boolean(), method: z.enum(IDENTITY_METHODS), recordedAt: z.string() })),
    background: z.optional(z.object({ result: z.enum(BACKGROUND_RESULTS), date: z.string(), recordedAt: z.string() })),
    health: z.optional(z.object({ examDate: z.string(), passed: z.boolean(), validUntil: z.string(), recordedAt: z.string() })),
  }),
  /** Every consent period, by scope. */
  consents: z.array(
    z.object({ scope: z.enum(CONSENT_SCOPES), version: z.string(), grantedAt: z.string(), revokedAt: z.optional(z.string()), supersededAt: z.optional(z.string()) }),
  ),
  training: z.array(
    z.object({
      baseTenantId: z.string(),
      courseCode: z.string(),
      category: z.string(),
      attempt: z.int(),
      enrolledOn: z.string(),
      completedOn: z.optional(z.string()),
      exam: z.optional(z.object({ examDate: z.string(), score: z.optional(z.number()), passed: z.boolean(), sittings: z.int() })),
    }),
  ),
  trainedCategories: z.array(z.string()),
  /** The 安心服务证: `not-issued`, or its status, number, light and validity. */
  certificate: z.object({ status: z.string(), certNo: z.optional(z.string()), light: z.optional(z.string()), validUntil: z.optional(z.string()) }),
  /** The caller's own link (enterprise); never another enterprise's. */
  employment: z.optional(Employment),
  /** Whether a graduation is recorded (subsidy-graduate consent); never its values. */
  graduation: z.object({ recorded: z.boolean() }),
  /** Admin only: the current employer. */
  currentTenantId: z.optional(z.string()),
}));

export const WorkerSummary = /* @__PURE__ */ defineSchema(() => z.object({
  workerId: z.string(),
  name: z.string(),
  status: z.enum(['current', 'ended']),
  since: z.string(),
  until: z.optional(z.string()),
  serviceCategories: z.array(z.string()),
}));
export const WorkerPage = /* @__PURE__ */ defineSchema(() => z.object({ items: z.array(WorkerSummary), nextCursor: z.optional(z.string()) }));

export const WorkerRegistered = /* @__PURE__ */ defineSchema(() => z.object({
  workerId: z.string(),
  eventId: z.string(),
  status: z.enum(['registered', 'already-registered']),
  employment: z.object({ status: z.literal('current'), since: z.string() }),
}));

export const WorkerChangeApplied = /* @__PURE__ */ defineSchema(() => z.object({
  workerId: z.string(),
  eventId: z.string(),
  status: z.literal('applied'),
  seq: z.int(),
  change: z.optional(z.string()),
  employment: z.optional(Employment),
  graduation: z.optional(z.object({ recorded: z.literal(true) })),
}));

export const WorkerTraceResponse = /* @__PURE__ */ defineSchema(() => z.object({
  workerId: z.string(),
  entries: z.array(
    z.object({
      seq: z.int(),
      eventId: z.string(),
      type: z.string(),
      /** Another tenant's entry shows the role only. */
      actor: z.object({ role: z.string(), tenantId: z.optional(z.string()), keyId: z.optional(z.string()) }),
      at: z.string(),
      payloadHash: z.optional(z.string()),
      prevHash: z.string(),
      hash: z.string(),
      redacted: z.optional(z.literal(true)),
    }),
  ),
  /** Verified over the full chain on the server. */
  verification: z.object({ valid: z.boolean(), length: z.int(), brokenAt: z.optional(z.int()), reason: z.optional(z.string()) }),
}));
