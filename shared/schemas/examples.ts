import type { CreateOrderRequest } from './order';
import type { RegisterStationRequest } from './stations';

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

/**
 * The station EXAMPLE_ORDER names, as the docs, the local demo and the tests register it.
 * A made-up station: its name says so, and its location is a sample point, not a survey.
 */
export const EXAMPLE_STATION: RegisterStationRequest = {
  stationId: 'st-tianhe-01',
  name: '天河示例服务站（演示）',
  district: '天河区',
  street: '示例街道（演示）',
  address: '演示地址，非真实站点',
  location: { lat: 23.135, lng: 113.33 },
  services: ['home', 'maternal-infant', 'elderly-care', 'referral'],
  enterprises: [],
  openingHours: [
    { days: ['mon', 'tue', 'wed', 'thu', 'fri'], opens: '08:30', closes: '18:00' },
    { days: ['sat', 'sun'], opens: '09:00', closes: '17:00' },
  ],
};
