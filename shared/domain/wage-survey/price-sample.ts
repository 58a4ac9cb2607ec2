/**
 * Order prices (the price a household pays, not a worker's pay): one sample per created
 * order, in a cell per service type and mode (docs/wage-survey.md "Order prices"). An
 * order's price is for its whole schedule, so it is brought to a comparable unit first:
 * per hour for the hourly mode, per day for daytime and live-in placements.
 */
import type { OrderEventCommand } from '../../events/order-event-types';
import { SERVICE_MODES, SERVICE_TYPES } from '../../schemas/order';

export type ServiceType = (typeof SERVICE_TYPES)[number];
export type ServiceMode = (typeof SERVICE_MODES)[number];
export type PriceUnit = 'hour' | 'day';

/** The one order event whose facts are a price sample (order-event-data.ts: serviceType, mode, schedule, price). */
export const PRICE_SAMPLE_COMMAND = 'order.create' satisfies OrderEventCommand;

export const PRICE_UNITS: Readonly<Record<ServiceMode, PriceUnit>> = { hourly: 'hour', daytime: 'day', live_in: 'day' };

export interface PriceCell {
  serviceType: ServiceType;
  mode: ServiceMode;
}

/** Every price cell, always published in this order. */
export const PRICE_CELLS: readonly PriceCell[] = SERVICE_TYPES.flatMap((serviceType) => SERVICE_MODES.map((mode) => ({ serviceType, mode })));

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** `numerator / denominator` rounded to an integer, halves up (both positive integers below 2^52). */
const roundedQuotient = (numerator: number, denominator: number): number => Math.floor((2 * numerator + denominator) / (2 * denominator));

/**
 * The order's price per unit, in whole fen (halves up): per scheduled hour (hourly mode),
 * or per started day of the schedule (daytime, live-in: 08:00–18:00 is one day, a
 * 27.4-day placement 28). The schedule's end is after its start (the order schema checks).
 */
export function unitPriceFen(amountFen: number, mode: ServiceMode, schedule: { start: string; end: string }): number {
  const spanMs = Date.parse(schedule.end) - Date.parse(schedule.start);
  if (!(spanMs > 0)) throw new Error('the schedule ends before it starts');
  if (PRICE_UNITS[mode] === 'hour') return roundedQuotient(amountFen * HOUR_MS, spanMs);
  return roundedQuotient(amountFen, Math.ceil(spanMs / DAY_MS));
}
