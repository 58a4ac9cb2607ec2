/**
 * docs/events: one JSON Schema and one example per order and claim CloudEvent type, and an index,
 * generated from the same zod/mini schemas the builder validates with (like
 * shared/schemas/openapi.ts for the API). Build time only: scripts/generate-event-docs.ts
 * writes the files, test/unit/event-docs.test.ts fails when they are stale. No function
 * imports this file.
 */
import * as z from 'zod/mini';
import { orderCloudEvent, orderCloudEventSchema, type OrderCloudEvent, type OrderTransition } from './order-cloudevent';
import { eventSchemaUri, ORDER_EVENT_COMMANDS, orderEventType, type OrderEventCommand } from './order-event-types';
import type { Claim } from '../domain/insurance/claim';
import { claimCloudEvent, claimCloudEventSchema, type ClaimCloudEvent } from './claim-cloudevent';
import { CLAIM_EVENT_COMMANDS, claimEventTypeOf, type ClaimEventCommand } from './claim-event-data';
import { INSURER_EVENT_TYPES } from './claim-event-types';
import { CREDIT_GRADED_TYPE, creditGradedEvent, CreditGradedEventSchema } from './credit-cloudevent';
import type { CreditGradeRecord } from '../domain/credit/grade-record';
import { SUBSIDY_STEPS, subsidyEvent, subsidyEventSchema, subsidyEventType, type SubsidyStep } from './subsidy-cloudevent';

const ORDER_ID = 'ord_01KB2M4Q7R9T1V3X5Z7B9D1F3H';
const TENANT_ID = 'ten_01KB2M0A1C3E5G7J9K1M3P5R7T';
const COMPLAINT_ID = 'cmp_01KB2M7Q7R9T1V3X5Z7B9D1F3H';
const HASH = '6f1d2c3b4a5968778695a4b3c2d1e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091';

type Example = Pick<OrderTransition, 'status' | 'previousStatus' | 'payload'> & { seq: number; actorRole?: string };

/** One plausible transition per command (ids and facts only, like the real ones). */
const EXAMPLES: Record<OrderEventCommand, Example> = {
  'order.create': {
    seq: 1,
    status: 'CREATED',
    previousStatus: null,
    payload: {
      serviceType: 'cleaning',
      mode: 'hourly',
      stationId: 'st-tianhe-01',
      schedule: { start: '2026-12-01T09:00:00+08:00', end: '2026-12-01T12:00:00+08:00' },
      price: { amountFen: 15000, currency: 'CNY' },
    },
  },
  'order.assign': { seq: 2, status: 'ASSIGNED', previousStatus: 'CREATED', payload: { workerId: 'wkr-0042' } },
  'order.confirm': { seq: 3, status: 'CONFIRMED', previousStatus: 'ASSIGNED', payload: {} },
  'order.reschedule': {
    seq: 4,
    status: 'RESCHEDULED',
    previousStatus: 'CONFIRMED',
    payload: { schedule: { start: '2026-12-02T09:00:00+08:00', end: '2026-12-02T12:00:00+08:00' }, reasonCode: 'schedule_conflict' },
  },
  'order.check-in': { seq: 5, status: 'IN_SERVICE', previousStatus: 'CONFIRMED', payload: { at: '2026-12-02T08:58:00+08:00', stationId: 'st-tianhe-01', method: 'qr' } },
  'order.attendance': {
    seq: 6,
    status: 'IN_SERVICE',
    previousStatus: 'IN_SERVICE',
    payload: { date: '2026-12-02', checkIn: '2026-12-02T08:58:00+08:00', checkOut: '2026-12-02T12:03:00+08:00' },
  },
  'order.check-out': { seq: 7, status: 'COMPLETED', previousStatus: 'IN_SERVICE', payload: { at: '2026-12-02T12:03:00+08:00', method: 'app' } },
  'order.cancel': { seq: 3, status: 'CANCELLED', previousStatus: 'ASSIGNED', payload: { by: 'household', reasonCode: 'household_request' } },
  'order.no-show': { seq: 4, status: 'NO_SHOW', previousStatus: 'CONFIRMED', payload: { party: 'worker', at: '2026-12-01T09:30:00+08:00' } },
  'order.dispute': { seq: 8, status: 'DISPUTED', previousStatus: 'COMPLETED', payload: { reasonCode: 'quality', complaintId: COMPLAINT_ID } },
  'order.resolve': { seq: 9, status: 'RESOLVED', previousStatus: 'DISPUTED', payload: { resolution: 'partially_upheld' } },
  'order.rate': {
    seq: 8,
    status: 'RATED',
    previousStatus: 'COMPLETED',
    actorRole: 'household',
    payload: { stars: 5, dimensions: { punctuality: 5, quality: 4 } },
  },
  'order.close': { seq: 9, status: 'CLOSED', previousStatus: 'RATED', payload: {} },
  'order.open-complaint': {
    seq: 8,
    status: 'COMPLETED',
    previousStatus: 'COMPLETED',
    actorRole: 'household',
    payload: { complaintId: COMPLAINT_ID, source: 'household', category: 'punctuality' },
  },
  'order.resolve-complaint': { seq: 9, status: 'COMPLETED', previousStatus: 'COMPLETED', payload: { complaintId: COMPLAINT_ID, resolution: 'upheld' } },
};

/** Deterministic event ids (evt_ + 26 Crockford base32), one per example. */
const eventIdFor = (i: number) => `evt_01KB2M${String(i).padStart(2, '0')}Q7R9T1V3X5Z7B9D1FH`;

export const ORDER_EVENT_EXAMPLES: Record<OrderEventCommand, OrderCloudEvent> = Object.fromEntries(
  ORDER_EVENT_COMMANDS.map((command, i) => {
    const ex = EXAMPLES[command];
    const event = orderCloudEvent({
      stage: 'prod',
      commandType: command,
      eventId: eventIdFor(i),
      orderId: ORDER_ID,
      tenantId: TENANT_ID,
      status: ex.status,
      previousStatus: ex.previousStatus,
      entry: { seq: ex.seq, hash: HASH, at: `2026-12-0${ex.seq < 5 ? 1 : 2}T0${ex.seq % 10}:00:00.000Z` },
      actorRole: ex.actorRole ?? 'enterprise',
      payload: ex.payload,
    });
    return [command, event];
  }),
) as Record<OrderEventCommand, OrderCloudEvent>;

/** A JSON Schema document for one event type: `$id` = its dataschema URI. */
function eventJsonSchema(type: string, schema: z.ZodMiniType, command: string, article: 'a' | 'an'): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output' }) as Record<string, unknown>;
  return {
    $schema,
    $id: eventSchemaUri(type),
    title: type,
    description:
      `The CloudEvents 1.0 envelope (structured mode, JSON) Anxin publishes when ${article} \`${command}\` command has been applied. ` +
      'Consumers deduplicate on `id` (the Anxin event id; a redelivery repeats it). `data` carries ids and facts only, never personal data.',
    ...rest,
  };
}

export const orderEventJsonSchema = (command: OrderEventCommand): Record<string, unknown> =>
  eventJsonSchema(orderEventType(command), orderCloudEventSchema(command), command, 'an');

export const claimEventJsonSchema = (command: ClaimEventCommand): Record<string, unknown> =>
  eventJsonSchema(claimEventTypeOf(command), claimCloudEventSchema(command), command, 'a');

// ---- Claim events: one claim taken through filed → decided → paid ---------------------------

const FILED: Claim = {
  claimId: 'clm_01KB3A2C4E6G8J0K2M4P6R8T0V',
  tenantId: TENANT_ID,
  orderId: ORDER_ID,
  type: 'worker-accident',
  occurredAt: '2026-12-02T10:15:00+08:00',
  place: '(stays with the claim)',
  description: '(stays with the claim)',
  amountClaimedFen: 860000,
  documents: [
    { kind: 'medical-record', ref: '(stays with the claim)', sha256: '3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b' },
    { kind: 'invoice', ref: '(stays with the claim)', sha256: 'b5bb9d8014a0f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944c' },
  ],
  status: 'filed',
  version: 1,
  filedAt: '2026-12-02T06:40:00.000Z',
  updatedAt: '2026-12-02T06:40:00.000Z',
  workerId: 'wkr_01KB2M3N5Q7S9V1X3Z5B7D9F1H',
  insurerId: 'ten_01KB2M0B2D4F6H8K0M2P4R6T8V',
  policyId: 'pol_01KB2M1C3E5G7J9K1M3P5R7T9W',
  policyNumber: 'PICC-GZ-2026-000123',
  evidence: { basis: 'check-in-out', checkInAt: '2026-12-02T08:58:00+08:00', checkOutAt: '2026-12-02T12:03:00+08:00' },
};
const DECIDED: Claim = {
  ...FILED,
  status: 'decided',
  version: 2,
  updatedAt: '2026-12-04T02:00:00.000Z',
  decision: { outcome: 'partly-approved', amountApprovedFen: 620000, reason: '(stays with the claim)', decidedAt: '2026-12-04T02:00:00.000Z' },
};
const PAID: Claim = {
  ...DECIDED,
  status: 'paid',
  version: 3,
  updatedAt: '2026-12-08T03:00:00.000Z',
  payment: { amountPaidFen: 620000, paidOn: '2026-12-08', reference: '(stays with the claim)', recordedAt: '2026-12-08T03:00:00.000Z' },
};
const CLAIM_STEPS: Record<ClaimEventCommand, { claim: Claim; at: string }> = {
  'claim.file': { claim: FILED, at: FILED.filedAt },
  'claim.decide': { claim: DECIDED, at: DECIDED.updatedAt },
  'claim.pay': { claim: PAID, at: PAID.updatedAt },
};

export const CLAIM_EVENT_EXAMPLES: Record<ClaimEventCommand, ClaimCloudEvent> = Object.fromEntries(
  CLAIM_EVENT_COMMANDS.map((command, i) => {
    const { claim, at } = CLAIM_STEPS[command];
    const event = claimCloudEvent({ stage: 'prod', command, eventId: `evt_01KB3A${String(i).padStart(2, '0')}Q7R9T1V3X5Z7B9D1FH`, claim, entry: { seq: claim.version, hash: HASH, at } });
    return [command, event];
  }),
) as Record<ClaimEventCommand, ClaimCloudEvent>;

// ---- Credit grade events ----------------------------------------------------------------------

/** Only what the event reads of a grade record: the breakdown and inputs stay with the record. */
const GRADED = {
  tenantId: TENANT_ID,
  period: '2026-11',
  modelVersion: '2026.1',
  revision: 1,
  gradedAt: '2026-12-05T18:00:12.000Z',
  inputsHash: '9a0b1c2d3e4f5061728394a5b6c7d8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f',
  result: { eligible: true, notGradedReasons: [], grade: '4A', score: 84.37 },
} as unknown as CreditGradeRecord;

export const CREDIT_GRADED_EXAMPLE = creditGradedEvent('prod', 'evt_01KB4C00Q7R9T1V3X5Z7B9D1FH', GRADED, { seq: 1, hash: HASH });

export function creditGradedJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(CreditGradedEventSchema, { target: 'draft-2020-12', io: 'output' }) as Record<string, unknown>;
  return {
    $schema,
    $id: eventSchemaUri(CREDIT_GRADED_TYPE),
    title: CREDIT_GRADED_TYPE,
    description:
      "The CloudEvents 1.0 envelope (structured mode, JSON) Anxin publishes when an enterprise's credit grade for a period is computed: " +
      'by the monthly grading run, or again when an admin upholds an objection (revision + 1). Consumers deduplicate on `id`. ' +
      '`data` carries ids and figures only: the breakdown is read over the API (GET /v1/credit/grades/{period}).',
    ...rest,
  };
}

function creditReadme(): string {
  return `# Credit grade events (CloudEvents 1.0)

\`${CREDIT_GRADED_TYPE}\` is published when an enterprise's credit grade for a month is computed (the monthly
run, a few days after the month ends) and again, with \`revision\` + 1, when an admin upholds an objection and
the grade is computed anew. A grading run that is repeated publishes the same event id again.

**Envelope**: \`source\` \`/anxin/<stage>/credit\`, \`subject\` = the enterprise's tenant id, \`time\` = when the grade
was computed, extensions \`anxintenant\` and \`anxintraceseq\` (the seq of the grade's trace entry that computed it).

**data**: \`tenantId\`, \`period\` (YYYY-MM), \`modelVersion\` (docs/credit-grading.md), \`revision\`, \`eligible\`,
\`notGradedReasons\` (\`tenure\`, \`orders\`, \`blacklisted\`), \`grade\` (5A–1A, null when not graded), \`score\` (0–100),
\`inputsHash\` (SHA-256 of the canonical inputs: \`npx anxin credit recompute\` checks it) and \`traceHash\`. No breakdown
and no free text: an objection's reason stays with the objection.

| type | files |
| --- | --- |
| \`${CREDIT_GRADED_TYPE}\` | [schema](${CREDIT_GRADED_TYPE}.schema.json) · [example](${CREDIT_GRADED_TYPE}.example.json) |
`;
}

/** One plausible application per step: a leading-enterprise award submitted, asked about, supplemented, approved and paid. */
const SUBSIDY_EXAMPLE_STATES: Record<SubsidyStep, { seq: number; state: 'submitted' | 'more-info-requested' | 'approved' | 'rejected' | 'paid' | 'withdrawn' }> = {
  submitted: { seq: 1, state: 'submitted' },
  'info-requested': { seq: 2, state: 'more-info-requested' },
  supplemented: { seq: 3, state: 'submitted' },
  approved: { seq: 4, state: 'approved' },
  rejected: { seq: 4, state: 'rejected' },
  paid: { seq: 5, state: 'paid' },
  withdrawn: { seq: 2, state: 'withdrawn' },
};

export const SUBSIDY_EVENT_EXAMPLES = Object.fromEntries(
  SUBSIDY_STEPS.map((step) => {
    const { seq, state } = SUBSIDY_EXAMPLE_STATES[step];
    const approved = state === 'approved' || state === 'paid';
    return [
      step,
      subsidyEvent(
        'prod',
        step,
        {
          applicationId: 'sap_01KB5D2Q7R9T1V3X5Z7B9D1F3H',
          applicantId: TENANT_ID,
          schemeId: 'leading-enterprise-award',
          year: 2026,
          state,
          catalogueVersion: '2026.1',
          allowedFen: 30_000_000,
          ...(approved ? { approvedFen: 30_000_000, paidOn: state === 'paid' ? '2027-01-20' : undefined } : {}),
        },
        { seq, hash: HASH, at: '2026-12-10T02:15:00.000Z' },
      ),
    ];
  }),
) as Record<SubsidyStep, ReturnType<typeof subsidyEvent>>;

export function subsidyEventJsonSchema(step: SubsidyStep): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(subsidyEventSchema(step), { target: 'draft-2020-12', io: 'output' }) as Record<string, unknown>;
  const type = subsidyEventType(step);
  return {
    $schema,
    $id: eventSchemaUri(type),
    title: type,
    description: `The CloudEvents 1.0 envelope (structured mode, JSON) Anxin publishes when a subsidy application's \`${step}\` step is committed (docs/subsidies.md "The state machine"). Consumers deduplicate on \`id\`. \`data\` carries ids, scheme, year, state and amounts only.`,
    ...rest,
  };
}

function subsidyReadme(): string {
  const rows = SUBSIDY_STEPS.map((step) => `| \`${subsidyEventType(step)}\` | \`${SUBSIDY_EXAMPLE_STATES[step].state}\` | [schema](${subsidyEventType(step)}.schema.json) · [example](${subsidyEventType(step)}.example.json) |`);
  return `# Subsidy events (CloudEvents 1.0)

Each step of a subsidy application (docs/subsidies.md "The state machine") publishes one event once its
transaction committed: \`submitted\`, \`info-requested\`, \`supplemented\`, \`approved\`, \`rejected\`, \`paid\`,
\`withdrawn\`. A refused step (an ineligible application, a budget exceeded) publishes nothing.

**Envelope**: \`source\` \`/anxin/<stage>/subsidies\`, \`subject\` = the application id, \`time\` = the step's trace
entry time, extensions \`anxintenant\` (the applicant) and \`anxintraceseq\` (the seq of the step's trace entry);
\`id\` is derived from the application and that seq, so a retried publication carries the same id.
Delivered at least once: a step whose publication failed after its commit is answered and published again
when the same request is repeated (same \`Idempotency-Key\`), with the same id; consumers deduplicate on \`id\`.

**data**: \`applicationId\`, \`applicantId\`, \`schemeId\`, \`year\`, \`state\`, \`catalogueVersion\`, \`allowedFen\`,
\`approvedFen\` and \`paidFen\` (null until approved and paid), \`traceHash\` (verifiable on the application's trace).
Never a person, a worker id, a document reference or free text: a reason or a note stays with the application.

| type | state after | files |
| --- | --- | --- |
${rows.join('\n')}
`;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

function readme(): string {
  const rows = ORDER_EVENT_COMMANDS.map((command) => {
    const type = orderEventType(command);
    const example = ORDER_EVENT_EXAMPLES[command];
    const { orderId: _o, tenantId: _t, status: _s, previousStatus: _p, version: _v, traceHash: _h, actorRole: _a, ...facts } = example.data;
    return `| \`${type}\` | \`${command}\` | ${Object.keys(facts).map((f) => `\`${f}\``).join(', ') || '–'} | [schema](${type}.schema.json) · [example](${type}.example.json) |`;
  });
  return `<!-- Generated by scripts/generate-event-docs.ts from shared/events; do not edit. -->
# Order events (CloudEvents 1.0)

Every applied order command publishes one event to the EventBridge bus \`anxin-<stage>-events\`.
Rejected commands publish nothing (their outcome is on \`GET /v1/events/{eventId}\`).

**Envelope** (structured mode, JSON): \`specversion\` \`1.0\` · \`id\` = the Anxin event id of the command
(\`evt_…\`, the same on every redelivery: deduplicate on it) · \`source\` \`/anxin/<stage>/orders\` ·
\`type\` \`cn.anxin.order.<what happened>.v1\` · \`subject\` = order id · \`time\` = when the command was
accepted · \`datacontenttype\` \`application/json\` · \`dataschema\` \`urn:anxin:event-schema:<type>\` (the
\`$id\` of the schema file below) · extensions \`anxintenant\` (tenant id) and \`anxintraceseq\` (the
order's trace sequence number = its version after the command).

**data**: \`orderId\`, \`tenantId\`, \`status\`, \`previousStatus\` (null for created), \`version\`,
\`traceHash\` (hash of the trace entry, verifiable with \`GET /v1/orders/{orderId}/trace\`), \`actorRole\`,
plus the facts of the type below. Ids and facts only: never names, phone numbers, ID numbers,
addresses or free text (notes and comments stay on the order). Schemas are closed
(\`additionalProperties: false\`); a breaking change is a new type (\`.v2\`).

**On EventBridge**: \`Source\` = \`source\`, \`DetailType\` = \`type\`, \`Detail\` = the whole CloudEvent, so a rule
matches e.g. \`{"detail-type": [{"prefix": "cn.anxin.order."}], "detail": {"anxintenant": ["ten_…"]}}\` and a
target receives the envelope under \`detail\`. Delivery is at least once.

| type | command | facts | files |
| --- | --- | --- | --- |
${rows.join('\n')}

${claimReadme()}
${creditReadme()}
${subsidyReadme()}`;
}

function claimReadme(): string {
  const COMMON = new Set(['claimId', 'enterpriseId', 'insurerId', 'policyId', 'orderId', 'version', 'traceHash']);
  const rows = CLAIM_EVENT_COMMANDS.map((command) => {
    const type = claimEventTypeOf(command);
    const facts = Object.keys(CLAIM_EVENT_EXAMPLES[command].data).filter((f) => !COMMON.has(f));
    const to = INSURER_EVENT_TYPES.includes(type) ? "the claim's insurer (queue, webhook) and the bus" : 'the bus (the enterprise)';
    return `| \`${type}\` | \`${command}\` | ${to} | ${facts.map((f) => `\`${f}\``).join(', ')} | [schema](${type}.schema.json) · [example](${type}.example.json) |`;
  });
  return `# Claim events (CloudEvents 1.0)

A claim filed with \`POST /v1/claims\` is checked by the claims consumer (order, 48 h reporting window,
service time, coverage). A **covered** claim publishes \`cn.anxin.claim.filed.v1\`, which is delivered to its
insurer; the insurer's decision and payment publish \`decided\` and \`paid\` back to the enterprise. A claim
that is **not covered** is stored with its reason (\`GET /v1/claims/{claimId}\`, and \`rejected\` on
\`GET /v1/events/{eventId}\`) and publishes nothing: it never reaches an insurer.

**Envelope**: as for orders, with \`source\` \`/anxin/<stage>/claims\`, \`subject\` = claim id, and the extensions
\`anxininsurer\` (the insurer's tenant id: what insurer queues and webhooks route on), \`anxintenant\` (the
enterprise's tenant id) and \`anxintraceseq\` (the claim's trace sequence number = its version).

**data**: \`claimId\`, \`enterpriseId\`, \`insurerId\`, \`policyId\`, \`orderId\`, \`version\`, \`traceHash\` (verifiable with
\`GET /v1/claims/{claimId}/trace\`), plus the facts below. No personal data and no free text: the incident's
place and description, the document references, the decision's reason and the payment reference stay with
the claim, readable by the enterprise and the claim's insurer through the API. Documents travel as
\`kind\` + \`sha256\` (check the files you receive against them). Amounts are integer fen.

| type | command | delivered to | facts | files |
| --- | --- | --- | --- | --- |
${rows.join('\n')}
`;
}

/** Every file of docs/events: name → content. */
export function renderEventDocs(): Map<string, string> {
  const files = new Map<string, string>([['README.md', readme()]]);
  for (const command of ORDER_EVENT_COMMANDS) {
    const type = orderEventType(command);
    files.set(`${type}.schema.json`, json(orderEventJsonSchema(command)));
    files.set(`${type}.example.json`, json(ORDER_EVENT_EXAMPLES[command]));
  }
  for (const command of CLAIM_EVENT_COMMANDS) {
    const type = claimEventTypeOf(command);
    files.set(`${type}.schema.json`, json(claimEventJsonSchema(command)));
    files.set(`${type}.example.json`, json(CLAIM_EVENT_EXAMPLES[command]));
  }
  files.set(`${CREDIT_GRADED_TYPE}.schema.json`, json(creditGradedJsonSchema()));
  files.set(`${CREDIT_GRADED_TYPE}.example.json`, json(CREDIT_GRADED_EXAMPLE));
  for (const step of SUBSIDY_STEPS) {
    files.set(`${subsidyEventType(step)}.schema.json`, json(subsidyEventJsonSchema(step)));
    files.set(`${subsidyEventType(step)}.example.json`, json(SUBSIDY_EVENT_EXAMPLES[step]));
  }
  return files;
}
