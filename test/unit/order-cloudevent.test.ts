/**
 * shared/events: the CloudEvents 1.0 envelope of order events — required attributes,
 * extension names, the command → type mapping, no personal data, and conformance with the
 * CloudEvents SDK's own validation (the `cloudevents` package, a dev dependency only).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CloudEvent as SdkCloudEvent, HTTP, ValidationError } from 'cloudevents';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { ORDER_COMMANDS } from '../../shared/domain/order/state-machine';
import { buildCloudEvent, EXTENSION_NAME, InvalidCloudEventError } from '../../shared/events/cloudevent';
import { CloudEventEnvelope } from '../../shared/events/cloudevent-schema';
import { orderEventDataSchema, orderEventFacts } from '../../shared/events/order-event-data';
import { ORDER_EVENT_EXAMPLES } from '../../shared/events/event-docs';
import { orderCloudEvent, orderCloudEventSchema, type OrderTransition } from '../../shared/events/order-cloudevent';
import {
  eventSchemaUri,
  ORDER_EVENT_COMMANDS,
  ORDER_EVENT_TYPES,
  orderEventType,
  UnknownOrderEventError,
} from '../../shared/events/order-event-types';
import { COMMAND_PAYLOADS } from '../../shared/schemas/order-commands';
import { walkSchema } from '../support/schema-walk';

const ORDER_ID = 'ord_01JDX3S5Z8Q4K7M2N9P6R3T5V8';
const TENANT_ID = 'ten_01JDX3S5Z8Q4K7M2N9P6R3T5V9';
const EVENT_ID = 'evt_8ZK3M2N9P6R3T5V8W1X4Y7A0BC';
const HASH = 'a'.repeat(64);

const transition = (overrides: Partial<OrderTransition> = {}): OrderTransition => ({
  stage: 'dev',
  commandType: 'order.check-in',
  eventId: EVENT_ID,
  orderId: ORDER_ID,
  tenantId: TENANT_ID,
  status: 'IN_SERVICE',
  previousStatus: 'CONFIRMED',
  entry: { seq: 4, hash: HASH, at: '2026-12-01T01:02:03.456Z' },
  actorRole: 'enterprise',
  payload: { at: '2026-12-01T09:01:00+08:00', stationId: 'st-tianhe-01', method: 'qr', geohash: 'ws0e9cb' },
  ...overrides,
});

describe('order event types', () => {
  it('maps each command type to a versioned, past-tense CloudEvent type', () => {
    expect(orderEventType('order.check-in')).toBe('cn.anxin.order.checked-in.v1');
    expect(orderEventType('order.create')).toBe('cn.anxin.order.created.v1');
    expect(orderEventType('order.attendance')).toBe('cn.anxin.order.attendance-recorded.v1');
    expect(orderEventType('order.no-show')).toBe('cn.anxin.order.no-show.v1');
    expect(orderEventType('order.open-complaint')).toBe('cn.anxin.order.complaint-opened.v1');
    expect([...ORDER_EVENT_TYPES].sort()).toEqual(
      [
        'created', 'assigned', 'confirmed', 'checked-in', 'checked-out', 'attendance-recorded', 'rescheduled', 'cancelled',
        'no-show', 'disputed', 'resolved', 'rated', 'closed', 'complaint-opened', 'complaint-resolved',
      ].map((name) => `cn.anxin.order.${name}.v1`).sort(),
    );
    expect(new Set(ORDER_EVENT_TYPES).size).toBe(ORDER_EVENT_TYPES.length);
  });

  it('has an event for every command of the order state machine and of the orders queue', () => {
    for (const command of ORDER_COMMANDS) expect(ORDER_EVENT_COMMANDS, command).toContain(`order.${command}`);
    for (const type of Object.keys(COMMAND_PAYLOADS)) expect(ORDER_EVENT_COMMANDS, type).toContain(type);
  });

  it('refuses a command without an event', () => {
    expect(() => orderEventType('order.teleport')).toThrow(UnknownOrderEventError);
    expect(() => orderEventType('toString')).toThrow(UnknownOrderEventError);
    expect(() => orderCloudEvent(transition({ commandType: 'order.teleport' }))).toThrow(UnknownOrderEventError);
  });
});

describe('order CloudEvent envelope', () => {
  const event = orderCloudEvent(transition());

  it('has the required and optional context attributes, with the Anxin event id as id', () => {
    expect(event).toMatchObject({
      specversion: '1.0',
      id: EVENT_ID,
      source: '/anxin/dev/orders',
      type: 'cn.anxin.order.checked-in.v1',
      subject: ORDER_ID,
      time: '2026-12-01T01:02:03.456Z',
      datacontenttype: 'application/json',
      dataschema: 'urn:anxin:event-schema:cn.anxin.order.checked-in.v1',
      anxintenant: TENANT_ID,
      anxintraceseq: 4,
    });
    expect(event.dataschema).toBe(eventSchemaUri(event.type));
  });

  it('has only valid attribute names (lower-case letters and digits, at most 20)', () => {
    for (const name of Object.keys(event)) expect(name, name).toMatch(EXTENSION_NAME);
    expect(CloudEventEnvelope.safeParse(event).success).toBe(true);
  });

  it('carries ids and facts: common fields plus the whitelisted facts of the command', () => {
    expect(event.data).toEqual({
      orderId: ORDER_ID,
      tenantId: TENANT_ID,
      status: 'IN_SERVICE',
      previousStatus: 'CONFIRMED',
      version: 4,
      traceHash: HASH,
      actorRole: 'enterprise',
      at: '2026-12-01T09:01:00+08:00',
      stationId: 'st-tianhe-01',
      method: 'qr',
    });
    // The geohash (a location near a home) is in the command, not in the event.
    expect(JSON.stringify(event)).not.toContain('ws0e9cb');
  });

  it('is the same, byte for byte, when rebuilt from the same transition (redelivery)', () => {
    expect(JSON.stringify(orderCloudEvent(transition()))).toBe(JSON.stringify(event));
  });

  it('drops free text from payloads: cancel note, rating comment, create householdRef/district/externalRef', () => {
    const cancelled = orderCloudEvent(
      transition({ commandType: 'order.cancel', status: 'CANCELLED', payload: { by: 'household', reasonCode: 'other', note: '王女士 13800138000 说不要了' } }),
    );
    expect(cancelled.data).toMatchObject({ by: 'household', reasonCode: 'other' });
    expect(JSON.stringify(cancelled)).not.toMatch(/13800138000|王/);
    const rated = orderCloudEvent(transition({ commandType: 'order.rate', status: 'RATED', payload: { stars: 5, comment: '张阿姨很好', dimensions: { quality: 5 } } }));
    expect(rated.data).toMatchObject({ stars: 5, dimensions: { quality: 5 } });
    expect(JSON.stringify(rated)).not.toContain('张');
    const created = orderCloudEvent(
      transition({
        commandType: 'order.create',
        status: 'CREATED',
        previousStatus: undefined,
        entry: { seq: 1, hash: HASH, at: '2026-12-01T01:00:00Z' },
        payload: {
          serviceType: 'cleaning',
          mode: 'hourly',
          district: '天河区',
          householdRef: 'hh-10086',
          externalRef: 'crm-77',
          schedule: { start: '2026-12-01T09:00:00+08:00', end: '2026-12-01T12:00:00+08:00' },
          price: { amountFen: 15000, currency: 'CNY' },
        },
      }),
    );
    expect(created.data).toMatchObject({ previousStatus: null, version: 1, serviceType: 'cleaning', price: { amountFen: 15000, currency: 'CNY' } });
    expect(JSON.stringify(created)).not.toMatch(/天河|hh-10086|crm-77/);
    const complaint = orderCloudEvent(
      transition({
        commandType: 'order.open-complaint',
        status: 'COMPLETED',
        previousStatus: 'COMPLETED',
        payload: { complaintId: 'cmp_01KB2M7Q7R9T1V3X5Z7B9D1F3H', source: 'household', category: 'conduct', description: '阿姨迟到, 电话 13800138000' },
      }),
    );
    expect(complaint.data).toMatchObject({ complaintId: 'cmp_01KB2M7Q7R9T1V3X5Z7B9D1F3H', source: 'household', category: 'conduct' });
    expect(JSON.stringify(complaint)).not.toMatch(/13800138000|阿姨/);
  });

  it('refuses to build an event from a malformed transition', () => {
    expect(() => orderCloudEvent(transition({ orderId: 'not-an-order' }))).toThrow();
    expect(() => orderCloudEvent(transition({ entry: { seq: 0, hash: HASH, at: '2026-12-01T01:02:03Z' } }))).toThrow();
    expect(() => orderCloudEvent(transition({ commandType: 'order.rate', payload: { stars: 9 } }))).toThrow();
    expect(() => orderCloudEvent(transition({ entry: { seq: 1, hash: HASH, at: 'yesterday' } }))).toThrow(InvalidCloudEventError);
  });

  it('matches its own closed schema (the one docs/events publishes)', () => {
    expect(orderCloudEventSchema('order.check-in').safeParse(event).success).toBe(true);
    expect(orderCloudEventSchema('order.check-in').safeParse({ ...event, extra: 1 }).success).toBe(false);
    expect(orderCloudEventSchema('order.check-in').safeParse({ ...event, data: { ...event.data, note: 'x' } }).success).toBe(false);
  });
});

describe('generic builder', () => {
  it('refuses invalid extension names and values, and non-absolute dataschema', () => {
    const base = { id: '1', source: '/s', type: 't' };
    expect(() => buildCloudEvent({ ...base, extensions: { anxinTenant: 'x' } })).toThrow(/extension name/);
    expect(() => buildCloudEvent({ ...base, extensions: { 'anxin-tenant': 'x' } })).toThrow(/extension name/);
    expect(() => buildCloudEvent({ ...base, extensions: { abcdefghijklmnopqrstu: 'x' } })).toThrow(/extension name/);
    expect(() => buildCloudEvent({ ...base, extensions: { subject: 'x' } })).toThrow(/shadow/);
    expect(() => buildCloudEvent({ ...base, extensions: { seq: 1.5 } })).toThrow(/integer/);
    expect(() => buildCloudEvent({ ...base, dataschema: 'docs/events/x.json' })).toThrow(/absolute URI/);
    expect(() => buildCloudEvent({ ...base, id: '' })).toThrow(/id/);
  });
});

describe('conformance with the CloudEvents SDK (cloudevents npm package)', () => {
  it.each(ORDER_EVENT_COMMANDS)('%s: the example event is a valid CloudEvent 1.0 and survives structured-mode HTTP', (command) => {
    const example = ORDER_EVENT_EXAMPLES[command];
    // Strict construction validates against the spec's JSON Schema and the naming rules.
    const sdkEvent = new SdkCloudEvent(example as never);
    expect(sdkEvent.validate()).toBe(true);
    expect(sdkEvent.anxintenant).toBe(example.anxintenant);
    expect(sdkEvent.anxintraceseq).toBe(example.anxintraceseq);

    const received = HTTP.toEvent({
      headers: { 'content-type': 'application/cloudevents+json; charset=utf-8' },
      body: JSON.stringify(example),
    }) as SdkCloudEvent;
    expect(received.id).toBe(example.id);
    expect(received.type).toBe(orderEventType(command));
    expect(received.data).toEqual(example.data);
    expect(received.dataschema).toBe(example.dataschema);
  });

  it('the SDK refuses what our builder refuses (an upper-case extension name)', () => {
    const example = ORDER_EVENT_EXAMPLES['order.create'];
    expect(() => new SdkCloudEvent({ ...example, anxinTenant: 'x' } as never)).toThrow(ValidationError);
  });
});

/** Every string in every data schema is an id, a code, an enum or a timestamp — never free text. */
describe('no personal data in event schemas', () => {
  const FORBIDDEN_NAMES = /name|phone|mobile|idnumber|idcard|address|comment|note|description|text|household(ref)?$|email|geohash|district/i;

  it.each(ORDER_EVENT_COMMANDS)('%s', (command) => {
    const json = z.toJSONSchema(orderEventDataSchema(command)) as Record<string, unknown>;
    walkSchema(json, 'data', (s, path) => {
      const field = path.split('.').pop()!;
      expect(field, path).not.toMatch(FORBIDDEN_NAMES);
      if (s.type === 'object') expect(s.additionalProperties, `${path} is closed`).toBe(false);
      if (s.type === 'string') {
        const constrained = s.enum !== undefined || s.const !== undefined || s.pattern !== undefined || s.format !== undefined;
        expect(constrained, `${path} is an id, code, enum or timestamp`).toBe(true);
        if (s.pattern !== undefined && s.format === undefined && s.enum === undefined) {
          // Patterns allow no spaces and no CJK characters: no names, no sentences.
          expect(new RegExp(String(s.pattern)).test('王 女士'), path).toBe(false);
        }
      }
    });
  });

  it('the projection keeps only whitelisted fields', () => {
    expect(orderEventFacts('order.assign', { workerId: 'wkr-1', workerName: '李四', phone: '13800138000' })).toEqual({ workerId: 'wkr-1' });
    expect(orderEventFacts('order.confirm', { anything: 'x' })).toEqual({});
  });
});

describe('runtime never bundles the cloudevents package', () => {
  const sources = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
    });

  it.each([...sources('shared'), ...sources('functions')])('%s', (file) => {
    expect(readFileSync(file, 'utf8')).not.toMatch(/from ['"]cloudevents['"]|require\(['"]cloudevents['"]\)/);
  });
});
