/**
 * Orders and their traces (access patterns 7–11). The only place that knows how an
 * order is laid out in the table.
 */
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Order } from '../domain/order/order';
import type { OrderStatus } from '../domain/order/state-machine';
import type { TraceEntry } from '../trace/chain';
import type { StoreContext } from './client';
import { INDEX, keys } from './keys';

export interface StoredOrder extends Order {
  /** The last trace entry, so verification also catches a removed tail. */
  traceHead: { seq: number; hash: string };
}

export interface OrderPage {
  items: StoredOrder[];
  nextCursor?: { sk: string; orderId: string };
}

export interface ListOrdersOptions {
  status?: OrderStatus;
  from?: string;
  to?: string;
  limit: number;
  after?: { sk: string; orderId: string };
}

const ORDER_FIELDS_TO_DROP = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'] as const;

function toOrder(item: Record<string, unknown>): StoredOrder {
  const copy = { ...item };
  for (const field of ORDER_FIELDS_TO_DROP) delete copy[field];
  return copy as unknown as StoredOrder;
}

function toTraceEntry(item: Record<string, unknown>): TraceEntry {
  const { seq, eventId, type, actor, at, payloadHash, prevHash, hash } = item as unknown as TraceEntry;
  return { seq, eventId, type, actor, at, payloadHash, prevHash, hash };
}

function orderItem(order: StoredOrder) {
  const timeSk = keys.orderTimeSk(order.createdAt, order.orderId);
  return {
    ...keys.order(order.tenantId, order.orderId),
    ...order,
    gsi1pk: keys.ordersByTime(order.tenantId),
    gsi1sk: timeSk,
    gsi2pk: keys.ordersByStatus(order.tenantId, order.status),
    gsi2sk: timeSk,
  };
}

export function ordersRepository({ doc, tableName }: StoreContext) {
  return {
    async get(tenantId: string, orderId: string, consistent = false): Promise<StoredOrder | undefined> {
      const out = await doc.send(
        new GetCommand({ TableName: tableName, Key: keys.order(tenantId, orderId), ConsistentRead: consistent }),
      );
      return out.Item ? toOrder(out.Item) : undefined;
    },

    /**
     * Writes the new state of an order, its next trace entry and the event's outcome in ONE
     * transaction. The order write is guarded by the version the decision was based on, the
     * trace entry may not exist yet and the event must still be `accepted`: a redelivered or
     * concurrent command can therefore never fork the history or apply twice.
     */
    async applyTransition(args: {
      order: StoredOrder;
      previousVersion: number | undefined;
      entry: TraceEntry;
      eventId: string;
      appliedAt: string;
    }): Promise<void> {
      const { order, previousVersion, entry, eventId, appliedAt } = args;
      await doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableName,
                Item: orderItem(order),
                ...(previousVersion === undefined
                  ? { ConditionExpression: 'attribute_not_exists(pk)' }
                  : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': previousVersion } }),
              },
            },
            {
              Put: {
                TableName: tableName,
                Item: { pk: keys.orderPartition(order.tenantId, order.orderId), sk: keys.traceSk(entry.seq), ...entry },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Update: {
                TableName: tableName,
                Key: keys.event(order.tenantId, eventId),
                UpdateExpression: 'SET #s = :applied, appliedAt = :at, seq = :seq',
                ConditionExpression: '#s = :accepted',
                ExpressionAttributeNames: { '#s': 'status' },
                ExpressionAttributeValues: { ':applied': 'applied', ':accepted': 'accepted', ':at': appliedAt, ':seq': entry.seq },
              },
            },
          ],
        }),
      );
    },

    /** The whole trace in seq order (strongly consistent, so a verification sees every committed entry). */
    async trace(tenantId: string, orderId: string): Promise<TraceEntry[]> {
      const entries: TraceEntry[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const out = await doc.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
            ExpressionAttributeValues: { ':pk': keys.orderPartition(tenantId, orderId), ':prefix': keys.TRACE_PREFIX },
            ConsistentRead: true,
            ExclusiveStartKey: start,
          }),
        );
        for (const item of out.Items ?? []) entries.push(toTraceEntry(item));
        start = out.LastEvaluatedKey;
      } while (start);
      return entries;
    },

    /** Newest first. Time bounds are inclusive and compare RFC 3339 UTC strings. */
    async list(tenantId: string, options: ListOrdersOptions): Promise<OrderPage> {
      const [index, pkName, skName, pkValue] = options.status
        ? [INDEX.gsi2, 'gsi2pk', 'gsi2sk', keys.ordersByStatus(tenantId, options.status)]
        : [INDEX.gsi1, 'gsi1pk', 'gsi1sk', keys.ordersByTime(tenantId)];
      const lower = options.from ?? '0';
      // '~' sorts after every character used in ids, so `<to>~` includes orders created at `to`.
      const upper = `${options.to ?? '9999'}~`;
      const exclusiveStart = options.after
        ? {
            ...keys.order(tenantId, options.after.orderId),
            [pkName]: pkValue,
            [skName]: options.after.sk,
          }
        : undefined;
      const out = await doc.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: index,
          KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :lower AND :upper',
          ExpressionAttributeNames: { '#pk': pkName, '#sk': skName },
          ExpressionAttributeValues: { ':pk': pkValue, ':lower': lower, ':upper': upper },
          ScanIndexForward: false,
          Limit: options.limit,
          ExclusiveStartKey: exclusiveStart,
        }),
      );
      const items = (out.Items ?? []).map(toOrder);
      const last = out.LastEvaluatedKey;
      return {
        items,
        nextCursor: last ? { sk: String(last[skName]), orderId: items.at(-1)!.orderId } : undefined,
      };
    },
  };
}
