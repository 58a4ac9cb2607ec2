/**
 * The items of the person-reference backfill (access pattern 100; docs/subsidies.md
 * "Person references of workers registered before they were kept"): the PERSON items, read in
 * one pass, and the `WORKER#<id>` `PERSONREF` item each names.
 *
 * The pass is a Scan, the one in Anxin: the PERSON items are keyed by the hash alone, with
 * no index listing them, and a one-off maintenance pass by an admin is the only reader that
 * needs them all. It runs from the admin CLI with the admin's credentials; no function is
 * granted `dynamodb:Scan`, and nothing on a request path scans.
 */
import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { StoreContext } from './client';
import { keys } from './keys';

/** One PERSON item: the registry's hash of the ID number, and the worker it names. */
export interface PersonItem {
  idNumberHash: string;
  workerId: string;
}

/** `written`: the reference was missing; `kept`: it was there with the same hash; `differs`: it names another hash (left as it is). */
export type PersonRefOutcome = 'written' | 'kept' | 'differs';

const PERSON_PREFIX = keys.person('').pk;

export function personRefsBackfillRepository(store: StoreContext) {
  const { doc, tableName } = store;
  return {
    /** Every PERSON item, one page of the Scan at a time (consistent: a registration just committed is seen). */
    async *personItemPages(): AsyncGenerator<PersonItem[]> {
      let start: Record<string, unknown> | undefined;
      do {
        const out = await doc.send(
          new ScanCommand({
            TableName: tableName,
            FilterExpression: 'sk = :sk AND begins_with(pk, :prefix)',
            ProjectionExpression: 'pk, workerId',
            ExpressionAttributeValues: { ':sk': keys.person('').sk, ':prefix': PERSON_PREFIX },
            ConsistentRead: true,
            ExclusiveStartKey: start,
          }),
        );
        yield (out.Items ?? []).map((item) => ({ idNumberHash: String(item.pk).slice(PERSON_PREFIX.length), workerId: String(item.workerId) }));
        start = out.LastEvaluatedKey;
      } while (start);
    },

    /**
     * Writes the worker's reference unless it is there: the condition lets the same hash be
     * written again (idempotent, a rerun changes nothing) and refuses another one, which is
     * reported rather than overwritten — the registration's own write is the authority.
     */
    async putPersonRef(item: PersonItem): Promise<PersonRefOutcome> {
      try {
        const out = await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...keys.workerPersonRef(item.workerId), idNumberHash: item.idNumberHash },
            ConditionExpression: 'attribute_not_exists(pk) OR idNumberHash = :h',
            ExpressionAttributeValues: { ':h': item.idNumberHash },
            ReturnValues: 'ALL_OLD',
          }),
        );
        return out.Attributes ? 'kept' : 'written';
      } catch (error) {
        if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return 'differs';
        throw error;
      }
    },
  };
}
