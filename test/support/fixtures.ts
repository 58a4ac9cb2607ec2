import type { CreateOrderRequest } from '../../shared/schemas/order';

/** A valid order request; override any field. */
export function validOrder(overrides: Partial<CreateOrderRequest> = {}): CreateOrderRequest {
  return {
    serviceType: 'cleaning',
    mode: 'hourly',
    district: '天河区',
    stationId: 'st-tianhe-01',
    householdRef: 'hh-10086',
    schedule: { start: '2026-12-01T09:00:00+08:00', end: '2026-12-01T12:00:00+08:00' },
    price: { amountFen: 15000, currency: 'CNY' },
    ...overrides,
  };
}
