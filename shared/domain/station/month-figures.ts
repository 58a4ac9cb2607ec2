/**
 * A station's monthly figures (docs/stations.md "Station figures"): orders created (in
 * total and per service type), services completed, ratings and their stars, per station
 * and Asia/Shanghai month of the event's time — the month rule of the credit facts, so the
 * two read models agree on every event.
 *
 * Pure: the credit-facts consumer counts each order event once into every read model it
 * feeds, in one transaction under one marker (services/credit-facts-events.ts). An order
 * names its station when it is created; a check-out or a rating is counted for the station
 * the order names, which the consumer reads from the order (the create event carries it).
 */
import type { OrderCloudEvent } from '../../events/order-cloudevent';
import type { OrderEventCommand } from '../../events/order-event-types';
import { orderEventData } from '../../events/read-order-cloudevent';
import { shanghaiMonth } from '../../lib/shanghai-day';

export const STATION_MONTH_COUNTERS = ['ordersCreated', 'ordersCompleted', 'ratings', 'ratingStarsSum'] as const;
export type StationMonthCounter = (typeof STATION_MONTH_COUNTERS)[number];

/** The counter of orders created for one service type (an order's `serviceType`). */
export const createdOfType = (serviceType: string): string => `created:${serviceType}`;

export interface StationMonthDelta {
  stationId: string;
  period: string;
  counters: Record<string, number>;
}

export interface StationMonth {
  period: string;
  ordersCreated: number;
  /** Orders created per service type; only the types that had orders. */
  byServiceType: Record<string, number>;
  ordersCompleted: number;
  ratings: number;
  ratingStarsSum: number;
}

/**
 * What `event` adds to its station's month, or undefined when the order names no station
 * or the event moves no station figure. `orderStationId` is the station of the order, read
 * by the consumer for events that do not carry it.
 */
export function stationMonthDelta(event: OrderCloudEvent, command: OrderEventCommand, orderStationId: string | undefined): StationMonthDelta | undefined {
  const period = shanghaiMonth(new Date(event.time));
  switch (command) {
    case 'order.create': {
      const { stationId, serviceType } = orderEventData(event, command);
      return stationId === undefined ? undefined : { stationId, period, counters: { ordersCreated: 1, [createdOfType(serviceType)]: 1 } };
    }
    case 'order.check-out':
      return orderStationId === undefined ? undefined : { stationId: orderStationId, period, counters: { ordersCompleted: 1 } };
    case 'order.rate': {
      const { stars } = orderEventData(event, command);
      return orderStationId === undefined ? undefined : { stationId: orderStationId, period, counters: { ratings: 1, ratingStarsSum: stars } };
    }
    default:
      return undefined;
  }
}

/** A stored month item as the API shows it: every counter present (0 when none moved it). */
export function stationMonthOf(item: Record<string, unknown>): StationMonth {
  const byServiceType: Record<string, number> = {};
  for (const [name, value] of Object.entries(item)) {
    if (name.startsWith('created:')) byServiceType[name.slice('created:'.length)] = Number(value);
  }
  const n = (name: StationMonthCounter) => Number(item[name] ?? 0);
  return { period: String(item.period), ordersCreated: n('ordersCreated'), byServiceType, ordersCompleted: n('ordersCompleted'), ratings: n('ratings'), ratingStarsSum: n('ratingStarsSum') };
}
