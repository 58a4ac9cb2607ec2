import type { CreateOrderRequest } from './order';

/** The example order of the docs, the printed walkthrough and the tests' fixtures. */
export const EXAMPLE_ORDER: CreateOrderRequest = {
  serviceType: 'cleaning',
  mode: 'hourly',
  district: '天河区',
  stationId: 'st-tianhe-01',
  householdRef: 'hh-10086',
  schedule: { start: '2026-12-01T09:00:00+08:00', end: '2026-12-01T12:00:00+08:00' },
  price: { amountFen: 15000, currency: 'CNY' },
};
