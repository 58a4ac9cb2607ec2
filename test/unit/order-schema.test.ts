import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CreateOrderRequest, ListOrdersQuery } from '../../shared/schemas/order';
import { fieldErrors, validate } from '../../shared/lib/validation';
import { validOrder } from '../support/fixtures';

describe('CreateOrderRequest', () => {
  it('accepts a valid order', () => {
    expect(CreateOrderRequest.safeParse(validOrder()).success).toBe(true);
  });

  it.each([
    ['unknown top-level field', { ...validOrder(), clientPhone: '13800000000' }, '/', 'unknown field(s): clientPhone'],
    ['unknown nested field', { ...validOrder(), price: { amountFen: 1, currency: 'CNY', tax: 1 } }, '/price', 'unknown field(s): tax'],
    ['float money', validOrder({ price: { amountFen: 10.5, currency: 'CNY' } }), '/price/amountFen', 'must be of type int'],
    ['negative money', validOrder({ price: { amountFen: -1, currency: 'CNY' } }), '/price/amountFen', 'must be > 0'],
    ['bad service type', { ...validOrder(), serviceType: 'gardening' }, '/serviceType', 'must be one of'],
    ['date without offset', validOrder({ schedule: { start: '2026-12-01T09:00:00', end: '2026-12-01T12:00:00+08:00' } }), '/schedule/start', 'RFC 3339'],
    ['end before start', validOrder({ schedule: { start: '2026-12-01T12:00:00+08:00', end: '2026-12-01T09:00:00+08:00' } }), '/schedule/end', 'after schedule.start'],
    ['too long placement', validOrder({ schedule: { start: '2026-01-01T00:00:00Z', end: '2027-06-01T00:00:00Z' } }), '/schedule/end', 'at most 400 days'],
    ['missing district', { ...validOrder(), district: undefined }, '/district', 'is required'],
    ['over-long district', validOrder({ district: 'x'.repeat(65) }), '/district', 'at most 64'],
    ['householdRef with spaces', validOrder({ householdRef: 'a b' }), '/householdRef', 'format'],
  ])('refuses %s with a pointer and a readable message', (_name, body, pointer, message) => {
    const result = validate(CreateOrderRequest, body);
    expect(result.success).toBe(false);
    const errors = result.success ? [] : result.errors;
    const match = errors.find((e) => e.pointer === pointer);
    expect(match, JSON.stringify(errors)).toBeDefined();
    expect(match!.detail).toContain(message);
  });

  it('never throws on arbitrary input (fuzzed)', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const result = CreateOrderRequest.safeParse(value);
        if (!result.success) expect(fieldErrors(result.error.issues).length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it('accepts only what the schema describes (fuzzed valid variants)', () => {
    const arb = fc.record({
      amountFen: fc.integer({ min: 1, max: 100_000_000 }),
      hours: fc.integer({ min: 1, max: 24 * 30 }),
      district: fc.string({ minLength: 1, maxLength: 64 }),
    });
    fc.assert(
      fc.property(arb, ({ amountFen, hours, district }) => {
        const start = new Date('2026-12-01T00:00:00Z');
        const end = new Date(start.getTime() + hours * 3_600_000);
        const body = validOrder({
          district,
          price: { amountFen, currency: 'CNY' },
          schedule: { start: start.toISOString(), end: end.toISOString() },
        });
        expect(CreateOrderRequest.safeParse(body).success).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('ListOrdersQuery', () => {
  it('accepts status, range and limit', () => {
    expect(ListOrdersQuery.safeParse({ status: 'CREATED', from: '2026-01-01T00:00:00Z', limit: '50' }).success).toBe(true);
  });
  it.each([{ limit: '0' }, { limit: '101' }, { limit: 'ten' }, { status: 'DONE' }, { page: '2' }])('refuses %o', (q) => {
    expect(ListOrdersQuery.safeParse(q).success).toBe(false);
  });
});
