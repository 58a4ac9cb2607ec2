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
  /** The seq of the trace entry an applied command appended. */
  seq?: number;
  /** What an applied command's CloudEvent is rebuilt from on a redelivery (see `PublishedFacts`). */
  facts?: PublishedFacts;
  /**
   * @deprecated Records settled before `facts` existed kept the whole CloudEvent here. Never
   * written any more; read only so a redelivery of such a command still re-publishes it.
   * Goes away with those records' 90-day TTL.
   */
  cloudEvent?: CloudEvent;
}

/**
 * The facts of an applied command's transition that its CloudEvent is rebuilt from when a
 * redelivery has to publish it again (services/published-order-event.ts,
 * published-claim-event.ts).
 *
 * Why facts and not the event: the whole CloudEvent (0.6–1 KB) took the record past 1 KB,
 * which doubled the cost of settling it inside the consumer's transaction (4 WRU instead of
 * 2, on every applied command). The rest of the event is already at hand on a redelivery:
 * ids, type, actor and `acceptedAt` in this record, `seq` beside these facts, the stage in
 * the environment, the payload in the queue message (checked against `requestHash` first)
 * and, for claims, the claim's write-once fields in the claim itself. The builders are
 * deterministic, so the rebuilt event is the first one, byte for byte.
 */
export interface PublishedFacts {
  /** Hash of the trace entry the command appended. */
  hash: string;
  /** Orders: the status the command moved the order to, and from (absent for a create). */
  to?: string;
  from?: string;
  /** The trace entry's `at` and the actor's role, only where they differ from `acceptedAt` and `actor.role`. */
  at?: string;
  role?: string;
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
 * command wrote; `facts` let a redelivery rebuild the CloudEvent it published.
 */
export function eventSettlementUpdate(
  tableName: string,
  settlement: { tenantId: string; eventId: string; at: string; outcome?: 'applied' | 'rejected'; reason?: string; seq?: number; facts?: PublishedFacts },
): TransactItem {
  const { outcome = 'applied', seq } = settlement;
  // Only an applied command publishes a CloudEvent; a rejected one has nothing to rebuild.
  const facts = outcome === 'applied' ? settlement.facts : undefined;
  const sets = outcome === 'applied' ? ['#s = :to', 'appliedAt = :at'] : ['#s = :to', 'rejectedAt = :at', 'reason = :reason'];
  if (seq !== undefined) sets.push('seq = :seq');
  if (facts) sets.push('facts = :facts');
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
        ...(facts ? { ':facts': facts } : {}),
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

    /** `consistent`: a consumer reading what a concurrent delivery has just settled. */
    async get(tenantId: string, eventId: string, consistent = false): Promise<EventRecord | undefined> {
      const out = await doc.send(new GetCommand({ TableName: tableName, Key: keys.event(tenantId, eventId), ConsistentRead: consistent }));
      return out.Item ? strip(out.Item) : undefined;
    },

    /**
     * Marks an accepted event rejected; a no-op when it was settled already (a redelivery),
     * which the answer tells: false when another delivery settled it first.
     */
    async reject(tenantId: string, eventId: string, reason: string, at: string): Promise<boolean> {
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
        return true;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        return false;
      }
    },
  };
}
