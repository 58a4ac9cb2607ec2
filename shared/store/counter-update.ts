/**
 * One transaction item that adds to an item's numeric counters with `ADD` (an absent
 * counter or item starts at 0) and sets the fields that name it. `ADD` commutes, so
 * concurrent writers never lose an increment and no version guard is needed; what makes
 * a count happen once is the caller's own guard in the same transaction.
 */
import type { TransactItem } from './transact-items';

export function addCountersUpdate(
  tableName: string,
  key: { pk: string; sk: string },
  fields: Readonly<Record<string, string>>,
  counters: Readonly<Record<string, number>>,
): TransactItem {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets = Object.entries(fields).map(([field, value], i) => {
    names[`#f${i}`] = field;
    values[`:f${i}`] = value;
    return `#f${i} = :f${i}`;
  });
  const adds = Object.entries(counters).map(([counter, n], i) => {
    names[`#c${i}`] = counter;
    values[`:c${i}`] = n;
    return `#c${i} :c${i}`;
  });
  const expression = [sets.length > 0 ? `SET ${sets.join(', ')}` : '', adds.length > 0 ? `ADD ${adds.join(', ')}` : ''].filter(Boolean).join(' ');
  return { Update: { TableName: tableName, Key: key, UpdateExpression: expression, ExpressionAttributeNames: names, ExpressionAttributeValues: values } };
}
