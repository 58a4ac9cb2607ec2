/**
 * docs/events: one JSON Schema and one example per order CloudEvent type, and an index,
 * generated from the same zod/mini schemas the builder validates with (like
 * shared/schemas/openapi.ts for the API). Build time only: scripts/generate-event-docs.ts
 * writes the files, test/unit/event-docs.test.ts fails when they are stale. No function
 * imports this file.
 */
import * as z from 'zod/mini';
import { orderCloudEvent, orderCloudEventSchema, type OrderCloudEvent, type OrderTransition } from './order-cloudevent';
import { eventSchemaUri, ORDER_EVENT_COMMANDS, orderEventType, type OrderEventCommand } from './order-event-types';

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

export function orderEventJsonSchema(command: OrderEventCommand): Record<string, unknown> {
  const type = orderEventType(command);
  const { $schema, ...rest } = z.toJSONSchema(orderCloudEventSchema(command), { target: 'draft-2020-12', io: 'output' }) as Record<string, unknown>;
  return {
    $schema,
    $id: eventSchemaUri(type),
    title: type,
    description:
      `The CloudEvents 1.0 envelope (structured mode, JSON) Anxin publishes when an \`${command}\` command has been applied. ` +
      'Consumers deduplicate on `id` (the Anxin event id; a redelivery repeats it). `data` carries ids and facts only, never personal data.',
    ...rest,
  };
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
  return files;
}
