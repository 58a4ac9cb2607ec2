/**
 * Command events: the record that makes a command idempotent (pattern 5) and tells the
 * caller what became of it (pattern 6): accepted → applied | rejected(reason).
 */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { StoreContext } from './client';
import { keys } from './keys';
import type { CloudEvent } from '../events/cloudevent';
import type { TransactItem } from './transact-items';

export type EventStatus = 'accepted' | 'applied' | 'rejected';

export interface EventRecord {
  eventId: string;
  tenantId: string;
  type: string;
  /** The aggregate the command addresses. */
  subjectId: string;
  status: EventStatus;
  /** Who sent the command first; a replay by another key of the tenant does not change it. */
  actor: { tenantId: string; role: string; keyId: string };
  requestHash: string;
  acceptedAt: string;
  appliedAt?: string;
  rejectedAt?: string;
  reason?: string;
  /**
   * The domain event published for an applied command, kept so a redelivery publishes the
   * very same one (services/apply-order-command.ts, apply-claim-command.ts). Its type is
   * the aggregate's business: each service reads back the events it wrote.
   */
  cloudEvent?: CloudEvent;
}

export const EVENT_TTL_SECONDS = 90 * 86_400;

export type AcceptOutcome = { created: true; event: EventRecord } | { created: false; existing: EventRecord };

const strip = (item: Record<string, unknown>): EventRecord => {
  const { pk: _pk, sk: _sk, expiresAt: _exp, ...rest } = item;
  return rest as unknown as EventRecord;
};

/** The stored event item: its keys, the record, and when DynamoDB may expire it. */
export const eventItem = (event: EventRecord) => ({
  ...keys.event(event.tenantId, event.eventId),
  ...event,
  expiresAt: Math.floor(Date.parse(event.acceptedAt) / 1000) + EVENT_TTL_SECONDS,
});

/**
 * Settles an accepted event inside an aggregate's transaction (the aggregate's write and
 * the event's outcome commit together). The event must still be `accepted`, so a
 * redelivered or concurrent command cannot settle it twice. `seq` is the trace entry the
 * command wrote; `cloudEvent` is kept so a redelivery publishes the very same one.
 */
export function eventSettlementUpdate(
  tableName: string,
  settlement: { tenantId: string; eventId: string; at: string; outcome?: 'applied' | 'rejected'; reason?: string; seq?: number; cloudEvent?: unknown },
): TransactItem {
  const { outcome = 'applied', seq } = settlement;
  // Only an applied command publishes a CloudEvent; a rejected one has none to keep.
  const cloudEvent = outcome === 'applied' ? settlement.cloudEvent : undefined;
  const sets = outcome === 'applied' ? ['#s = :to', 'appliedAt = :at'] : ['#s = :to', 'rejectedAt = :at', 'reason = :reason'];
  if (seq !== undefined) sets.push('seq = :seq');
  if (cloudEvent) sets.push('cloudEvent = :ce');
  return {
    Update: {
      TableName: tableName,
      Key: keys.event(settlement.tenantId, settlement.eventId),
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: '#s = :accepted',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: {
        ':to': outcome,
        ':accepted': 'accepted',
        ':at': settlement.at,
        ...(outcome === 'rejected' ? { ':reason': settlement.reason ?? 'rejected' } : {}),
        ...(seq !== undefined ? { ':seq': seq } : {}),
        ...(cloudEvent ? { ':ce': cloudEvent } : {}),
      },
    },
  };
}

export function eventsRepository({ doc, tableName }: StoreContext) {
  return {
    /** Records a new command once; when the event id exists already, returns what is stored instead. */
    async accept(event: EventRecord): Promise<AcceptOutcome> {
      try {
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: eventItem(event),
            ConditionExpression: 'attribute_not_exists(pk)',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return { created: true, event };
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException && error.Item) {
          // The low-level exception carries the old item in attribute-value form.
          return { created: false, existing: strip(unmarshall(error.Item as never)) };
        }
        throw error;
      }
    },

    async get(tenantId: string, eventId: string): Promise<EventRecord | undefined> {
      const out = await doc.send(new GetCommand({ TableName: tableName, Key: keys.event(tenantId, eventId) }));
      return out.Item ? strip(out.Item) : undefined;
    },

    /** Marks an accepted event rejected; a no-op when it was settled already (a redelivery). */
    async reject(tenantId: string, eventId: string, reason: string, at: string): Promise<void> {
      try {
        await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.event(tenantId, eventId),
            UpdateExpression: 'SET #s = :rejected, reason = :reason, rejectedAt = :at',
            ConditionExpression: '#s = :accepted',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':rejected': 'rejected', ':accepted': 'accepted', ':reason': reason, ':at': at },
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    },
  };
}
