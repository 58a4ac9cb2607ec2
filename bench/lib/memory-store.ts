/**
 * An in-memory stand-in for the DocumentClient, so the bench can run the REAL store layer
 * and services (accept, apply, repositories) without I/O and take the exact items and
 * transactions they produce: the ceiling sends those transactions raw to DynamoDB, and the
 * scale phase bulk-writes those items. Nothing here builds a key or an item by hand.
 *
 * It understands what those code paths send: Get, Put, Update with SET and numeric ADD,
 * TransactWrite (Put/Update/Delete/ConditionCheck), and it records every TransactWrite
 * input. Conditions are not evaluated (the bench feeds it fresh ids). Anything else throws,
 * so a new store call shows up as a clear error instead of a silently wrong item.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StoreContext } from '../../shared/store/client';

type Item = Record<string, unknown>;
type Command = { constructor: { name: string }; input: Record<string, any> };

export interface MemoryStore {
  store: StoreContext;
  items: Map<string, Item>;
  transactions: Record<string, any>[];
  get(key: { pk: string; sk: string }): Item | undefined;
}

const keyOf = (k: { pk?: unknown; sk?: unknown }) => `${String(k.pk)}|${String(k.sk)}`;

export function memoryStore(tableName: string): MemoryStore {
  const items = new Map<string, Item>();
  const transactions: Record<string, any>[] = [];

  const put = (item: Item) => void items.set(keyOf(item), structuredClone(item));
  const update = (input: Record<string, any>) => {
    const item = { ...(items.get(keyOf(input.Key)) ?? input.Key) } as Item;
    applyUpdate(item, input.UpdateExpression, input.ExpressionAttributeNames ?? {}, input.ExpressionAttributeValues ?? {});
    items.set(keyOf(input.Key), item);
  };

  const doc = {
    async send(command: Command) {
      const { input } = command;
      switch (command.constructor.name) {
        case 'GetCommand': {
          const item = items.get(keyOf(input.Key));
          return { Item: item ? structuredClone(item) : undefined };
        }
        case 'PutCommand':
          put(input.Item);
          return {};
        case 'UpdateCommand':
          update(input);
          return {};
        case 'TransactWriteCommand':
          transactions.push(structuredClone(input));
          for (const t of input.TransactItems) {
            if (t.Put) put(t.Put.Item);
            else if (t.Update) update(t.Update);
            else if (t.Delete) items.delete(keyOf(t.Delete.Key));
          }
          return {};
        default:
          throw new Error(`memory store: ${command.constructor.name} is not supported (the bench needs a new case)`);
      }
    },
  } as unknown as DynamoDBDocumentClient;

  return { store: { doc, tableName }, items, transactions, get: (key) => items.get(keyOf(key)) };
}

/**
 * Applies `SET a = :x, #b = :y` and `ADD #c :n` to numbers (the forms the captured code
 * paths use: the repositories' updates and the credit counters' ADD).
 */
function applyUpdate(item: Item, expression: string, names: Record<string, string>, values: Record<string, unknown>): void {
  // Keywords in capitals, as the store layer writes them: `#add = :x` is an assignment, not an ADD.
  const clauses = /^\s*(?:SET\s+(.+?))?(?:(?:^|\s+)ADD\s+(.+?))?\s*$/.exec(expression ?? '');
  if (!clauses || (!clauses[1] && !clauses[2]) || /\b(REMOVE|DELETE)\b/i.test(expression)) throw new Error(`memory store: unsupported update expression "${expression}"`);
  const value = (placeholder: string | undefined, what: string) => {
    if (!placeholder || !(placeholder in values)) throw new Error(`memory store: unsupported ${what}`);
    return structuredClone(values[placeholder]);
  };
  for (const assignment of clauses[1]?.split(',') ?? []) {
    const [lhs, rhs] = assignment.split('=').map((s) => s.trim());
    if (!lhs) throw new Error(`memory store: unsupported assignment "${assignment}"`);
    item[names[lhs] ?? lhs] = value(rhs, `assignment "${assignment}"`);
  }
  for (const addition of clauses[2]?.split(',') ?? []) {
    const [path, placeholder] = addition.trim().split(/\s+/);
    const n = value(placeholder, `addition "${addition}"`);
    const name = names[path!] ?? path!;
    if (typeof n !== 'number' || (item[name] !== undefined && typeof item[name] !== 'number')) throw new Error(`memory store: ADD of a non-number "${addition}"`);
    item[name] = ((item[name] as number | undefined) ?? 0) + n;
  }
}
