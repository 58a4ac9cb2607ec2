/**
 * local/dynamodb/authorize.ts: which (action, resource) pairs IAM is asked for a DynamoDB
 * call — every table of a batch, every entry of a transaction as its own action, an index
 * as `table/<t>/index/<i>`, a TableName given as an ARN kept as it is.
 */
import { describe, expect, it } from 'vitest';
import { accessesOf, operationOf } from '../../local/dynamodb/authorize';

const PREFIX = 'arn:aws:dynamodb:us-east-1:000000000000:table/';
const arn = (name: string) => (name.startsWith('arn:') ? name : PREFIX + name);

describe('accessesOf', () => {
  it('reads the operation from X-Amz-Target', () => {
    expect(operationOf('DynamoDB_20120810.TransactWriteItems')).toBe('TransactWriteItems');
    expect(operationOf('AmazonSQS.SendMessage')).toBeUndefined();
  });

  it('asks for each entry of a TransactWriteItems as its own action on its table', () => {
    const body = {
      TransactItems: [
        { Put: { TableName: 'a', Item: {} } },
        { Update: { TableName: 'a', Key: {} } },
        { ConditionCheck: { TableName: 'b', Key: {} } },
        { Delete: { TableName: `${PREFIX}c`, Key: {} } },
      ],
    };
    expect(accessesOf('TransactWriteItems', body, arn)).toEqual([
      { action: 'dynamodb:PutItem', resource: `${PREFIX}a` },
      { action: 'dynamodb:UpdateItem', resource: `${PREFIX}a` },
      { action: 'dynamodb:ConditionCheckItem', resource: `${PREFIX}b` },
      { action: 'dynamodb:DeleteItem', resource: `${PREFIX}c` },
    ]);
    expect(accessesOf('TransactGetItems', { TransactItems: [{ Get: { TableName: 'a' } }] }, arn)).toEqual([{ action: 'dynamodb:GetItem', resource: `${PREFIX}a` }]);
  });

  it('asks for a batch on every table it names, and for a Query on the index it reads', () => {
    expect(accessesOf('BatchWriteItem', { RequestItems: { a: [], b: [] } }, arn)).toEqual([
      { action: 'dynamodb:BatchWriteItem', resource: `${PREFIX}a` },
      { action: 'dynamodb:BatchWriteItem', resource: `${PREFIX}b` },
    ]);
    expect(accessesOf('Query', { TableName: 'a', IndexName: 'gsi1' }, arn)).toEqual([{ action: 'dynamodb:Query', resource: `${PREFIX}a/index/gsi1` }]);
    expect(accessesOf('Query', { TableName: 'a' }, arn)).toEqual([{ action: 'dynamodb:Query', resource: `${PREFIX}a` }]);
    expect(accessesOf('ListTables', {}, arn)).toEqual([{ action: 'dynamodb:ListTables', resource: '*' }]);
  });
});
