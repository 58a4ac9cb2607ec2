/**
 * The single table's key schema and least-privilege access to it.
 *
 * Grants are explicit rather than `grantReadData`/`grantReadWriteData`: those add
 * `<table>/index/*` and stream/Scan/DescribeTable actions no handler uses. Here a reader
 * gets item reads and Query (table + named GSIs), a writer additionally item writes.
 * Transactions need no extra action (TransactWriteItems is authorized per item as
 * PutItem/UpdateItem/DeleteItem/ConditionCheckItem). No Scan: every access pattern is a
 * GetItem or a Query (shared/store).
 */
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { GSIS, TABLE_KEYS } from '../../shared/store/table-shape';

export { TABLE_KEYS };

export const GSI_NAMES: readonly string[] = GSIS.map((gsi) => gsi.indexName);

export const TABLE_READ_ACTIONS: readonly string[] = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
];
export const TABLE_WRITE_ACTIONS: readonly string[] = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];
export const INDEX_READ_ACTIONS: readonly string[] = ['dynamodb:Query'];

export type TableAccess = 'read' | 'readWrite';

export function grantTableAccess(table: dynamodb.ITableV2, grantee: iam.IGrantable, access: TableAccess): void {
  iam.Grant.addToPrincipal({
    grantee,
    actions: access === 'readWrite' ? [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS] : [...TABLE_READ_ACTIONS],
    resourceArns: [table.tableArn],
  });
  iam.Grant.addToPrincipal({
    grantee,
    actions: [...INDEX_READ_ACTIONS],
    resourceArns: GSI_NAMES.map((name) => `${table.tableArn}/index/${name}`),
  });
}
