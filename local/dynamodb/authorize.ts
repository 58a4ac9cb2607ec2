/**
 * What IAM is asked for a DynamoDB call (local/iam), from the JSON protocol
 * (`X-Amz-Target: DynamoDB_20120810.<Operation>`): the operation on each table or index it
 * touches. A transaction or batch is authorized item by item, as DynamoDB does: every
 * table a BatchWriteItem/BatchGetItem names needs that action; each TransactWriteItems
 * entry needs its own action (Put → dynamodb:PutItem, Update → UpdateItem, Delete →
 * DeleteItem, ConditionCheck → ConditionCheckItem) and TransactGetItems dynamodb:GetItem,
 * on its table. A Query or Scan with IndexName is asked on `table/<name>/index/<index>`.
 * Operations that name no table (ListTables, PartiQL statements) are asked on `*`.
 */

export interface DynamoDbAccess {
  action: string;
  resource: string;
}

type Body = Record<string, unknown>;

const PREFIX = 'DynamoDB_20120810.';
const TRANSACT_WRITE: Readonly<Record<string, string>> = { Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem', ConditionCheck: 'ConditionCheckItem' };

export function operationOf(target: string | string[] | undefined): string | undefined {
  const t = Array.isArray(target) ? target[0] : target;
  return t?.startsWith(PREFIX) ? t.slice(PREFIX.length) : undefined;
}

/** Every (action, resource) a call needs; `tableArn` turns a TableName (or an ARN) into the table's ARN. */
export function accessesOf(op: string, body: Body, tableArn: (name: string) => string): DynamoDbAccess[] {
  const table = (name: unknown) => (typeof name === 'string' ? tableArn(name) : '*');
  const on = (action: string, resource: string): DynamoDbAccess => ({ action: `dynamodb:${action}`, resource });
  switch (op) {
    case 'Query':
    case 'Scan':
      return [on(op, typeof body.IndexName === 'string' ? `${table(body.TableName)}/index/${body.IndexName}` : table(body.TableName))];
    case 'BatchGetItem':
    case 'BatchWriteItem':
      return Object.keys(isBody(body.RequestItems) ? body.RequestItems : {}).map((name) => on(op, table(name)));
    case 'TransactWriteItems':
      return (Array.isArray(body.TransactItems) ? body.TransactItems : []).flatMap((item: unknown) =>
        Object.entries(isBody(item) ? item : {}).map(([kind, entry]) => on(TRANSACT_WRITE[kind] ?? kind, table(isBody(entry) ? entry.TableName : undefined))),
      );
    case 'TransactGetItems':
      return (Array.isArray(body.TransactItems) ? body.TransactItems : []).map((item: unknown) =>
        on('GetItem', table(isBody(item) && isBody(item.Get) ? item.Get.TableName : undefined)),
      );
    default:
      return [on(op, body.TableName === undefined ? '*' : table(body.TableName))];
  }
}

const isBody = (v: unknown): v is Body => typeof v === 'object' && v !== null && !Array.isArray(v);
