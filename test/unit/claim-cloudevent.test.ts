/**
 * Claim CloudEvents: the envelope and its routing extensions (the contract in
 * shared/events/claim-event-types.ts), closed per-type schemas, conformance with the
 * CloudEvents SDK — and no personal data or free text, neither in the schemas nor in an
 * event built from a claim full of it.
 */
import { CloudEvent as SdkCloudEvent, HTTP } from 'cloudevents';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import type { Claim } from '../../shared/domain/insurance/claim';
import { claimCloudEvent, claimCloudEventSchema, UncoveredClaimEventError } from '../../shared/events/claim-cloudevent';
import { CLAIM_EVENT_COMMANDS, claimEventDataSchema, claimEventTypeOf } from '../../shared/events/claim-event-data';
import { CLAIM_EVENT_SOURCE, CLAIM_EVENT_TYPES, INSURANCE_EVENT_EXTENSIONS, INSURER_EVENT_TYPES } from '../../shared/events/claim-event-types';
import { EXTENSION_NAME } from '../../shared/events/cloudevent';
import { CloudEventEnvelope } from '../../shared/events/cloudevent-schema';
import { CLAIM_EVENT_EXAMPLES } from '../../shared/events/event-docs';
import { walkSchema } from '../support/schema-walk';

const ENTERPRISE = 'ten_01KB2M0A1C3E5G7J9K1M3P5R7T';
const INSURER = 'ten_01KB2M0B2D4F6H8K0M2P4R6T8V';
const EVENT_ID = 'evt_8ZK3M2N9P6R3T5V8W1X4Y7A0BC';
const HASH = 'c'.repeat(64);

/** Personal data and free text of every kind a claim holds. */
const SECRETS = {
  place: '广州市天河区体育西路 88 号 1203 房',
  description: '王秀英阿姨在厨房滑倒, 电话 13800138000, 身份证 440308199001011234',
  ref: 'https://files.example.com/王秀英/440308199001011234.pdf',
  reason: '张先生提供的发票不全',
  reference: 'TX-13800138000',
};
const SECRET_PATTERN = /王|张|广州|13800138000|440308|files\.example|体育西路|发票|TX-/;

const claim = (overrides: Partial<Claim> = {}): Claim => ({
  claimId: 'clm_01KB3A2C4E6G8J0K2M4P6R8T0V',
  tenantId: ENTERPRISE,
  orderId: 'ord_01KB2M4Q7R9T1V3X5Z7B9D1F3H',
  type: 'worker-accident',
  occurredAt: '2026-12-02T10:15:00+08:00',
  place: SECRETS.place,
  description: SECRETS.description,
  amountClaimedFen: 100_000,
  documents: [{ kind: 'medical-record', ref: SECRETS.ref, sha256: 'd'.repeat(64) }],
  status: 'filed',
  version: 1,
  filedAt: '2026-12-02T06:40:00.000Z',
  updatedAt: '2026-12-02T06:40:00.000Z',
  workerId: 'wk-123',
  insurerId: INSURER,
  policyId: 'pol_01KB2M1C3E5G7J9K1M3P5R7T9W',
  policyNumber: 'GZ-2026-0001',
  evidence: { basis: 'check-in-out', checkInAt: '2026-12-02T08:58:00+08:00', checkOutAt: '2026-12-02T12:03:00+08:00' },
  ...overrides,
});
const DECIDED = claim({
  status: 'decided',
  version: 2,
  decision: { outcome: 'partly-approved', amountApprovedFen: 60_000, reason: SECRETS.reason, decidedAt: '2026-12-03T02:00:00.000Z' },
});
const PAID = { ...DECIDED, status: 'paid' as const, version: 3, payment: { amountPaidFen: 60_000, paidOn: '2026-12-05', reference: SECRETS.reference, recordedAt: '2026-12-05T03:00:00.000Z' } };

const build = (command: 'claim.file' | 'claim.decide' | 'claim.pay', c: Claim) =>
  claimCloudEvent({ stage: 'dev', command, eventId: EVENT_ID, claim: c, entry: { seq: c.version, hash: HASH, at: c.updatedAt } });

describe('claim CloudEvent envelope', () => {
  const filed = build('claim.file', claim());

  it('follows the contract: id = command event id, source, type, subject, extensions', () => {
    expect(filed).toMatchObject({
      specversion: '1.0',
      id: EVENT_ID,
      source: CLAIM_EVENT_SOURCE('dev'),
      type: CLAIM_EVENT_TYPES.filed,
      subject: 'clm_01KB3A2C4E6G8J0K2M4P6R8T0V',
      time: '2026-12-02T06:40:00.000Z',
      datacontenttype: 'application/json',
      dataschema: `urn:anxin:event-schema:${CLAIM_EVENT_TYPES.filed}`,
      [INSURANCE_EVENT_EXTENSIONS.insurer]: INSURER,
      [INSURANCE_EVENT_EXTENSIONS.tenant]: ENTERPRISE,
      [INSURANCE_EVENT_EXTENSIONS.traceSeq]: 1,
    });
    expect(source()).toBe('/anxin/dev/claims');
    for (const name of Object.keys(filed)) expect(name).toMatch(EXTENSION_NAME);
    expect(CloudEventEnvelope.safeParse(filed).success).toBe(true);
    expect(INSURER_EVENT_TYPES).toEqual([CLAIM_EVENT_TYPES.filed]);
    expect(CLAIM_EVENT_COMMANDS.map(claimEventTypeOf)).toEqual(Object.values(CLAIM_EVENT_TYPES));
  });
  const source = () => filed.source;

  it('carries ids, amounts, kinds, hashes and evidence — and none of the claim’s text', () => {
    expect(filed.data).toEqual({
      claimId: 'clm_01KB3A2C4E6G8J0K2M4P6R8T0V',
      enterpriseId: ENTERPRISE,
      insurerId: INSURER,
      policyId: 'pol_01KB2M1C3E5G7J9K1M3P5R7T9W',
      orderId: 'ord_01KB2M4Q7R9T1V3X5Z7B9D1F3H',
      version: 1,
      traceHash: HASH,
      policyNumber: 'GZ-2026-0001',
      workerId: 'wk-123',
      type: 'worker-accident',
      occurredAt: '2026-12-02T10:15:00+08:00',
      filedAt: '2026-12-02T06:40:00.000Z',
      amountClaimedFen: 100_000,
      documents: [{ kind: 'medical-record', sha256: 'd'.repeat(64) }],
      evidence: { basis: 'check-in-out', checkInAt: '2026-12-02T08:58:00+08:00', checkOutAt: '2026-12-02T12:03:00+08:00' },
    });
    for (const event of [filed, build('claim.decide', DECIDED), build('claim.pay', PAID)]) {
      expect(JSON.stringify(event)).not.toMatch(SECRET_PATTERN);
    }
    expect(build('claim.decide', DECIDED).data).toMatchObject({ outcome: 'partly-approved', amountClaimedFen: 100_000, amountApprovedFen: 60_000, decidedAt: '2026-12-03T02:00:00.000Z' });
    expect(build('claim.pay', PAID).data).toMatchObject({ amountApprovedFen: 60_000, amountPaidFen: 60_000, paidOn: '2026-12-05' });
  });

  it('is the same, byte for byte, when rebuilt (also from a claim whose maps came back in another key order)', () => {
    const shuffled = claim({ evidence: { checkOutAt: '2026-12-02T12:03:00+08:00', checkInAt: '2026-12-02T08:58:00+08:00', basis: 'check-in-out' } as never });
    expect(JSON.stringify(build('claim.file', shuffled))).toBe(JSON.stringify(filed));
  });

  it('attendance-day evidence and open check-ins', () => {
    expect(build('claim.file', claim({ evidence: { basis: 'attendance-day', date: '2026-12-02' } })).data.evidence).toEqual({ basis: 'attendance-day', date: '2026-12-02' });
    expect(build('claim.file', claim({ evidence: { basis: 'check-in-out', checkInAt: '2026-12-02T08:58:00+08:00' } })).data.evidence).toEqual({
      basis: 'check-in-out',
      checkInAt: '2026-12-02T08:58:00+08:00',
    });
  });

  it('refuses to build for a not-covered claim or from malformed facts', () => {
    expect(() => build('claim.file', claim({ status: 'not-covered', insurerId: undefined }))).toThrow(UncoveredClaimEventError);
    expect(() => build('claim.file', claim({ evidence: undefined }))).toThrow();
    expect(() => build('claim.file', claim({ policyNumber: '保单 1' }))).toThrow();
    expect(() => build('claim.file', claim({ workerId: '王秀英' }))).toThrow();
    expect(() => build('claim.decide', claim())).toThrow();
  });

  it('matches its own closed schema', () => {
    const schema = claimCloudEventSchema('claim.file');
    expect(schema.safeParse(filed).success).toBe(true);
    expect(schema.safeParse({ ...filed, extra: 1 }).success).toBe(false);
    expect(schema.safeParse({ ...filed, data: { ...filed.data, description: 'x' } }).success).toBe(false);
    expect(schema.safeParse({ ...filed, data: { ...filed.data, documents: [{ kind: 'photo', sha256: 'd'.repeat(64), ref: 'x' }] } }).success).toBe(false);
  });
});

describe('conformance with the CloudEvents SDK', () => {
  it.each(CLAIM_EVENT_COMMANDS)('%s: the example is a valid CloudEvent 1.0 and survives structured-mode HTTP', (command) => {
    const example = CLAIM_EVENT_EXAMPLES[command];
    const sdkEvent = new SdkCloudEvent(example as never);
    expect(sdkEvent.validate()).toBe(true);
    expect(sdkEvent.anxininsurer).toBe(example.anxininsurer);
    const received = HTTP.toEvent({ headers: { 'content-type': 'application/cloudevents+json; charset=utf-8' }, body: JSON.stringify(example) }) as SdkCloudEvent;
    expect(received.id).toBe(example.id);
    expect(received.data).toEqual(example.data);
  });
});

/** Every string in every claim data schema is an id, a code, an enum, a hash or a timestamp — never free text. */
describe('no personal data in claim event schemas', () => {
  const FORBIDDEN_NAMES = /name|phone|mobile|idnumber|idcard|address|comment|note|description|text|place|reason|reference|ref$|email|geohash|district/i;

  it.each(CLAIM_EVENT_COMMANDS)('%s', (command) => {
    const json = z.toJSONSchema(claimEventDataSchema(command)) as Record<string, unknown>;
    let strings = 0;
    walkSchema(json, 'data', (s, path) => {
      const field = path.split('.').pop()!.replace(/\[\d+\]$/, '');
      expect(field, path).not.toMatch(FORBIDDEN_NAMES);
      if (s.type === 'object') expect(s.additionalProperties, `${path} is closed`).toBe(false);
      if (s.type === 'string') {
        strings += 1;
        const constrained = s.enum !== undefined || s.const !== undefined || s.pattern !== undefined || s.format !== undefined;
        expect(constrained, `${path} is an id, code, enum or timestamp`).toBe(true);
        if (s.pattern !== undefined && s.format === undefined && s.enum === undefined) {
          // Patterns allow no spaces and no CJK characters: no names, no sentences.
          expect(new RegExp(String(s.pattern)).test('王 女士'), path).toBe(false);
          expect(new RegExp(String(s.pattern)).test('Wang Xiuying'), path).toBe(false);
        }
      }
    });
    expect(strings).toBeGreaterThan(3);
  });
});
