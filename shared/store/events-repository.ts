/**
 * Command events: the record that makes a command idempotent (pattern 5) and tells the
 * caller what became of it (pattern 6): accepted → applied | rejected(reason).
 */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { StoreContext } from './client';
import { keys } from './keys';
import type { OrderCloudEvent } from '../events/order-cloudevent';

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
  /** The domain event published for an applied command (see services/apply-order-command.ts). */
  cloudEvent?: OrderCloudEvent;
}

export const EVENT_TTL_SECONDS = 90 * 86_400;

export type AcceptOutcome = { created: true; event: EventRecord } | { created: false; existing: EventRecord };

const strip = (item: Record<string, unknown>): EventRecord => {
  const { pk: _pk, sk: _sk, expiresAt: _exp, ...rest } = item;
  return rest as unknown as EventRecord;
};

export function eventsRepository({ doc, tableName }: StoreContext) {
  return {
    /** Records a new command once; when the event id exists already, returns what is stored instead. */
    async accept(event: EventRecord): Promise<AcceptOutcome> {
      try {
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...keys.event(event.tenantId, event.eventId),
              ...event,
              expiresAt: Math.floor(Date.parse(event.acceptedAt) / 1000) + EVENT_TTL_SECONDS,
            },
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
