/**
 * The pieces of a TransactWriteItems list that every aggregate's repository builds alike.
 * An aggregate's item is guarded by the version its change was decided on, so two writers
 * deciding on the same state cannot both commit.
 */
import type { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';

/** One item of a write transaction (a Put, Update, Delete or ConditionCheck). */
export type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

/**
 * The condition on an aggregate's Put: created when `previousVersion` is undefined (the
 * item may not exist yet), otherwise still at the version the change was decided on.
 */
export const versionGuard = (previousVersion: number | undefined) =>
  previousVersion === undefined
    ? { ConditionExpression: 'attribute_not_exists(pk)' }
    : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': previousVersion } };
