/**
 * Orders and their traces (access patterns 7–14). The only place that knows how an order
 * is laid out in the table.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Order } from '../domain/order/order';
import type { OrderStatus } from '../domain/order/state-machine';
import type { TraceEntry } from '../trace/chain';
import type { StoreContext } from './client';
import { queryIndexPage } from './index-page';
import { INDEX, keys } from './keys';
import { queryPartition } from './partition-query';
import { fieldStripper } from './strip-fields';
import { readTrace } from './trace-items';
import type { TransactItem } from './transact-items';

export interface StoredOrder extends Order {
  /** The last trace entry, so verification also catches a removed tail. */
  traceHead: { seq: number; hash: string };
}

export interface OrderPage {
  items: StoredOrder[];
  nextCursor?: { sk: string; orderId: string };
}

/** Which list: all orders, or those of one status, worker, station or district. */
export type OrderFilter =
  | { by: 'time' }
  | { by: 'status'; status: OrderStatus }
  | { by: 'worker'; workerId: string }
  | { by: 'station'; stationId: string }
  | { by: 'district'; district: string };

export interface ListOrdersOptions {
  filter: OrderFilter;
  from?: string;
  to?: string;
  limit: number;
  after?: { sk: string; orderId: string };
}

/** A side item of a traced write (attendance day, rating, rating summaries, complaint). */
export type ExtraWrite = TransactItem;

const strip = fieldStripper(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'gsi4pk', 'gsi4sk', 'gsi5pk', 'gsi5sk']);
const toOrder = (item: Record<string, unknown>) => strip<StoredOrder>(item);

function orderItem(order: StoredOrder) {
  const timeSk = keys.orderTimeSk(order.createdAt, order.orderId);
  const t = order.tenantId;
  return {
    ...keys.order(t, order.orderId),
    ...order,
    gsi1pk: keys.ordersByTime(t),
    gsi1sk: timeSk,
    gsi2pk: keys.ordersByStatus(t, order.status),
    gsi2sk: timeSk,
    // Sparse indexes: only orders that have a worker / station get an entry.
    ...(order.workerId ? { gsi3pk: keys.ordersByWorker(t, order.workerId), gsi3sk: timeSk } : {}),
    ...(order.stationId ? { gsi4pk: keys.ordersByStation(t, order.stationId), gsi4sk: timeSk } : {}),
    gsi5pk: keys.ordersByDistrict(t, order.district),
    gsi5sk: timeSk,
  };
}

function indexFor(tenantId: string, filter: OrderFilter) {
  switch (filter.by) {
    case 'time':
      return { index: INDEX.byTime, pk: keys.ordersByTime(tenantId) };
    case 'status':
      return { index: INDEX.byStatus, pk: keys.ordersByStatus(tenantId, filter.status) };
    case 'worker':
      return { index: INDEX.byWorker, pk: keys.ordersByWorker(tenantId, filter.workerId) };
    case 'station':
      return { index: INDEX.byStation, pk: keys.ordersByStation(tenantId, filter.stationId) };
    case 'district':
      return { index: INDEX.byDistrict, pk: keys.ordersByDistrict(tenantId, filter.district) };
  }
}

export function ordersRepository(store: StoreContext) {
  const { doc, tableName } = store;

  return {
    async get(tenantId: string, orderId: string, consistent = false): Promise<StoredOrder | undefined> {
      const out = await doc.send(
        new GetCommand({ TableName: tableName, Key: keys.order(tenantId, orderId), ConsistentRead: consistent }),
      );
      return out.Item ? toOrder(out.Item) : undefined;
    },

    async hasItem(key: { pk: string; sk: string }): Promise<boolean> {
      const out = await doc.send(
        new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true, ProjectionExpression: 'pk' }),
      );
      return Boolean(out.Item);
    },

    /** The order as the traced write path stores it (store/traced-write.ts). */
    record(order: StoredOrder) {
      return { items: [orderItem(order)], tracePartition: keys.orderPartition(order.tenantId, order.orderId) };
    },

    /** An attendance day, recorded once per date. */
    attendancePut(tenantId: string, orderId: string, day: Record<string, unknown> & { date: string }): ExtraWrite {
      return {
        Put: {
          TableName: tableName,
          Item: { pk: keys.orderPartition(tenantId, orderId), sk: keys.attendanceSk(day.date), ...day },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      };
    },

    /** The whole trace in seq order (strongly consistent, so a verification sees every committed entry). */
    async trace(tenantId: string, orderId: string): Promise<TraceEntry[]> {
      return readTrace(store, keys.orderPartition(tenantId, orderId));
    },

    /** Items of an order's partition whose sort key starts with `prefix`, in sort-key order. */
    async partitionItems(tenantId: string, orderId: string, prefix: string): Promise<Record<string, unknown>[]> {
      return queryPartition(store, keys.orderPartition(tenantId, orderId), prefix);
    },

    /**
     * Newest first. Time bounds are inclusive and compare RFC 3339 UTC strings. The sort key
     * (creation time + id) never changes, so a cursor stays valid while orders change status
     * underneath: an order is seen at most once per list, and one that left the filter is
     * simply not seen again.
     */
    async list(tenantId: string, options: ListOrdersOptions): Promise<OrderPage> {
      const { index, pk } = indexFor(tenantId, options.filter);
      const page = await queryIndexPage(store, {
        index,
        pk,
        limit: options.limit,
        afterSk: options.after?.sk,
        // '~' sorts after every character used in ids, so `<to>~` includes orders created at `to`.
        between: { lower: options.from ?? '0', upper: `${options.to ?? '9999'}~` },
        tableKeysOf: (orderId) => keys.order(tenantId, orderId),
      });
      return {
        items: page.items.map(toOrder),
        nextCursor: page.nextSk ? { sk: page.nextSk, orderId: page.nextSk.split('#').at(-1)! } : undefined,
      };
    },
  };
}
