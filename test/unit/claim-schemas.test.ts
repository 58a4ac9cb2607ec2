/** Claim request schemas: strict objects, limits, money as integer fen, the decision's amount rule. */
import { describe, expect, it } from 'vitest';
import { DecisionRequest, FileClaimRequest, ListClaimsQuery, MAX_CLAIM_DOCUMENTS, MAX_CLAIM_FEN, PaymentRequest } from '../../shared/schemas/claims';
import { parseClaimCommandMessage } from '../../shared/events/claim-command';

const valid = {
  orderId: 'ord_01KB2M4Q7R9T1V3X5Z7B9D1F3H',
  type: 'property-damage',
  occurredAt: '2026-12-02T10:15:00+08:00',
  place: '客厅',
  description: '打碎花瓶',
  amountClaimedFen: 25_000,
  documents: [{ kind: 'photo', ref: 's3://enterprise-bucket/claims/photo-1.jpg', sha256: 'ab'.repeat(32) }],
};
const ok = (schema: { safeParse: (v: unknown) => { success: boolean } }, v: unknown) => schema.safeParse(v).success;

describe('FileClaimRequest', () => {
  it('accepts a valid filing', () => expect(ok(FileClaimRequest, valid)).toBe(true));

  it.each([
    ['unknown field', { ...valid, insurerId: 'ten_x' }],
    ['not an order id', { ...valid, orderId: 'ord_1' }],
    ['unknown type', { ...valid, type: 'theft' }],
    ['no time zone', { ...valid, occurredAt: '2026-12-02T10:15:00' }],
    ['blank place', { ...valid, place: '   ' }],
    ['long place', { ...valid, place: 'x'.repeat(201) }],
    ['long description', { ...valid, description: 'x'.repeat(4001) }],
    ['amount 0', { ...valid, amountClaimedFen: 0 }],
    ['fractional fen', { ...valid, amountClaimedFen: 100.5 }],
    ['amount as string', { ...valid, amountClaimedFen: '100' }],
    ['above the maximum', { ...valid, amountClaimedFen: MAX_CLAIM_FEN + 1 }],
    ['no documents', { ...valid, documents: [] }],
    ['too many documents', { ...valid, documents: Array.from({ length: MAX_CLAIM_DOCUMENTS + 1 }, () => valid.documents[0]) }],
    ['unknown document kind', { ...valid, documents: [{ ...valid.documents[0], kind: 'x-ray' }] }],
    ['upper-case hash', { ...valid, documents: [{ ...valid.documents[0], sha256: 'AB'.repeat(32) }] }],
    ['short hash', { ...valid, documents: [{ ...valid.documents[0], sha256: 'ab' }] }],
    ['ref with spaces', { ...valid, documents: [{ ...valid.documents[0], ref: 'my file.jpg' }] }],
    ['ref too long', { ...valid, documents: [{ ...valid.documents[0], ref: 'x'.repeat(513) }] }],
    ['unknown document field', { ...valid, documents: [{ ...valid.documents[0], name: 'x' }] }],
  ])('refuses %s', (_what, body) => expect(ok(FileClaimRequest, body)).toBe(false));

  it('accepts the limits themselves', () => {
    expect(ok(FileClaimRequest, { ...valid, place: 'x'.repeat(200), description: 'x'.repeat(4000), amountClaimedFen: MAX_CLAIM_FEN })).toBe(true);
    expect(ok(FileClaimRequest, { ...valid, documents: Array.from({ length: MAX_CLAIM_DOCUMENTS }, () => valid.documents[0]) })).toBe(true);
  });
});

describe('DecisionRequest', () => {
  it('approved and partly approved need an amount > 0; rejected needs 0', () => {
    expect(ok(DecisionRequest, { outcome: 'approved', amountApprovedFen: 25_000, reason: '符合条款' })).toBe(true);
    expect(ok(DecisionRequest, { outcome: 'partly-approved', amountApprovedFen: 1, reason: 'r' })).toBe(true);
    expect(ok(DecisionRequest, { outcome: 'rejected', amountApprovedFen: 0, reason: 'r' })).toBe(true);
    expect(ok(DecisionRequest, { outcome: 'rejected', amountApprovedFen: 1, reason: 'r' })).toBe(false);
    expect(ok(DecisionRequest, { outcome: 'approved', amountApprovedFen: 0, reason: 'r' })).toBe(false);
    expect(ok(DecisionRequest, { outcome: 'approved', amountApprovedFen: -1, reason: 'r' })).toBe(false);
    expect(ok(DecisionRequest, { outcome: 'approved', amountApprovedFen: 1, reason: '' })).toBe(false);
    expect(ok(DecisionRequest, { outcome: 'approved', amountApprovedFen: 1, reason: 'x'.repeat(1001) })).toBe(false);
    expect(ok(DecisionRequest, { outcome: 'maybe', amountApprovedFen: 1, reason: 'r' })).toBe(false);
  });
});

describe('PaymentRequest', () => {
  it('a positive integer amount, a date, a printable reference', () => {
    expect(ok(PaymentRequest, { amountPaidFen: 1, paidOn: '2026-12-05', reference: 'CMB 2026120500001' })).toBe(true);
    expect(ok(PaymentRequest, { amountPaidFen: 0, paidOn: '2026-12-05', reference: 'r' })).toBe(false);
    expect(ok(PaymentRequest, { amountPaidFen: 1, paidOn: '2026-12-05T00:00:00Z', reference: 'r' })).toBe(false);
    expect(ok(PaymentRequest, { amountPaidFen: 1, paidOn: '2026-12-05', reference: 'x'.repeat(101) })).toBe(false);
    expect(ok(PaymentRequest, { amountPaidFen: 1, paidOn: '2026-12-05', reference: '转账' })).toBe(false);
  });
});

describe('ListClaimsQuery and the queue message', () => {
  it('filters by the claim statuses only', () => {
    expect(ok(ListClaimsQuery, { status: 'not-covered', limit: '10' })).toBe(true);
    expect(ok(ListClaimsQuery, { status: 'open' })).toBe(false);
    expect(ok(ListClaimsQuery, { orderId: 'x' })).toBe(false);
  });

  it('parses a claim command message and refuses one whose payload does not fit its type', () => {
    const message = {
      v: 1,
      eventId: 'evt_1',
      type: 'claim.file',
      tenantId: 'ten_1',
      claimId: 'clm_1',
      actor: { tenantId: 'ten_1', role: 'enterprise', keyId: 'k' },
      acceptedAt: '2026-12-02T06:40:00.000Z',
      payload: valid,
    };
    expect(parseClaimCommandMessage(JSON.stringify(message))).toMatchObject({ type: 'claim.file', payload: valid });
    // The envelope only: the payload is checked against the accepted record's hash when the
    // command is applied (claims.test.ts), not by a second schema parse.
    expect(parseClaimCommandMessage(JSON.stringify({ ...message, type: 'claim.pay' }))).toMatchObject({ type: 'claim.pay' });
    expect(parseClaimCommandMessage(JSON.stringify({ ...message, type: 'claim.settle' }))).toBeUndefined();
    expect(parseClaimCommandMessage(JSON.stringify({ ...message, claimId: undefined }))).toBeUndefined();
    expect(parseClaimCommandMessage(JSON.stringify({ ...message, v: 2 }))).toBeUndefined();
    expect(parseClaimCommandMessage('not json')).toBeUndefined();
  });
});
