/**
 * Subsidy budgets (docs/subsidies.md "Budgets"): one item per scheme and year, in one
 * partition per year. The item keeps `remainingFen` beside allocated, committed and paid,
 * because a condition expression compares attributes but cannot subtract them: an approval
 * reserves with `remainingFen >= :amount` inside its own transaction (reserveUpdate), so of
 * any number of concurrent approvals exactly those that fit succeed — never a read, then a
 * write.
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SubsidyBudget } from '../domain/subsidy/budget';
import type { StoreContext } from './client';
import { keys } from './keys';
import { queryWholePartition } from './partition-query';
import type { TransactItem } from './transact-items';

export type StoredBudget = SubsidyBudget & { remainingFen: number; updatedAt: string };

const budgetOf = (item: Record<string, unknown>): StoredBudget => ({
  schemeId: String(item.schemeId),
  year: Number(item.year),
  allocatedFen: Number(item.allocatedFen),
  committedFen: Number(item.committedFen),
  paidFen: Number(item.paidFen),
  remainingFen: Number(item.remainingFen),
  updatedAt: String(item.updatedAt),
});

export function subsidyBudgetsRepository(store: StoreContext) {
  const { doc, tableName } = store;
  return {
    async get(year: number, schemeId: string): Promise<StoredBudget | undefined> {
      const out = await doc.send(new GetCommand({ TableName: tableName, Key: keys.subsidyBudget(year, schemeId), ConsistentRead: true }));
      return out.Item ? budgetOf(out.Item) : undefined;
    },

    async ofYear(year: number): Promise<StoredBudget[]> {
      return (await queryWholePartition(store, keys.subsidyBudgetsPartition(year))).map(budgetOf);
    },

    /**
     * Sets the allocation in one conditional update: created at 0 committed, or changed with
     * the remainder recomputed from the committed amount as stored — refused (false) when the
     * allocation would fall below it. Never read-then-write: an approval committing meanwhile
     * either lands before (and is counted here) or after (and reserves from the new remainder).
     */
    async allocate(year: number, schemeId: string, allocatedFen: number, at: string): Promise<boolean> {
      try {
        await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.subsidyBudget(year, schemeId),
            UpdateExpression:
              'SET schemeId = :scheme, #year = :year, allocatedFen = :a, committedFen = if_not_exists(committedFen, :zero), paidFen = if_not_exists(paidFen, :zero), remainingFen = :a - if_not_exists(committedFen, :zero), updatedAt = :at',
            ConditionExpression: 'attribute_not_exists(pk) OR committedFen <= :a',
            ExpressionAttributeNames: { '#year': 'year' },
            ExpressionAttributeValues: { ':scheme': schemeId, ':year': year, ':a': allocatedFen, ':zero': 0, ':at': at },
          }),
        );
        return true;
      } catch (error) {
        if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
        throw error;
      }
    },

    /** An approval's reservation, a side item of its transaction: refused when the remainder does not cover it. */
    reserveUpdate(year: number, schemeId: string, amountFen: number, at: string): TransactItem {
      return {
        Update: {
          TableName: tableName,
          Key: keys.subsidyBudget(year, schemeId),
          UpdateExpression: 'SET remainingFen = remainingFen - :amount, committedFen = committedFen + :amount, updatedAt = :at',
          ConditionExpression: 'attribute_exists(pk) AND remainingFen >= :amount',
          ExpressionAttributeValues: { ':amount': amountFen, ':at': at },
        },
      };
    },

    /**
     * A payment of an approved amount, a side item of the payment's transaction. The
     * application's version guard makes it once per application, and each application pays
     * exactly what it committed, so paid never exceeds committed.
     */
    paidUpdate(year: number, schemeId: string, amountFen: number, at: string): TransactItem {
      return {
        Update: {
          TableName: tableName,
          Key: keys.subsidyBudget(year, schemeId),
          UpdateExpression: 'SET paidFen = paidFen + :amount, updatedAt = :at',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':amount': amountFen, ':at': at },
        },
      };
    },
  };
}
