/**
 * Order requests the way partners send them (POST /v1/orders bodies), varied but
 * reproducible: a seeded PRNG picks service types, modes, districts, stations and prices
 * from Guangzhou-shaped values.
 */
import type { CreateOrderRequest } from '../../shared/schemas/order';
import { mulberry32 } from '../../local/chaos/random';
import { BENCH_DISTRICTS, benchStationId, STATIONS_PER_DISTRICT } from './stations';

/** The seeded generator chaos mode uses (mulberry32). */
export const prng = mulberry32;

const SERVICES = [
  { serviceType: 'cleaning', mode: 'hourly', hours: 3, fen: 15_000 },
  { serviceType: 'cooking', mode: 'hourly', hours: 2, fen: 12_000 },
  { serviceType: 'elderly_care', mode: 'daytime', hours: 9, fen: 30_000 },
  { serviceType: 'childcare', mode: 'daytime', hours: 9, fen: 35_000 },
  { serviceType: 'nanny', mode: 'live_in', hours: 24 * 30, fen: 700_000 },
  { serviceType: 'maternity_matron', mode: 'live_in', hours: 24 * 26, fen: 1_600_000 },
] as const;

export function orderRequest(random: () => number, i: number, startMs = Date.parse('2026-12-01T01:00:00Z')): CreateOrderRequest {
  const s = SERVICES[Math.floor(random() * SERVICES.length)]!;
  const districtIndex = Math.floor(random() * BENCH_DISTRICTS.length);
  const start = startMs + Math.floor(random() * 60) * 86_400_000;
  return {
    serviceType: s.serviceType,
    mode: s.mode,
    district: BENCH_DISTRICTS[districtIndex]!,
    // 176 neighbourhood service stations across the districts, registered by the bench (stations.ts).
    stationId: benchStationId(districtIndex, Math.floor(random() * STATIONS_PER_DISTRICT)),
    householdRef: `hh-${Math.floor(random() * 1e7)}`,
    externalRef: `ext-${i}`,
    schedule: { start: new Date(start).toISOString(), end: new Date(start + s.hours * 3_600_000).toISOString() },
    price: { amountFen: Math.round(s.fen * (0.8 + random() * 0.4)), currency: 'CNY' },
  };
}
