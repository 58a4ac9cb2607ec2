/**
 * The one module-level DocumentClient per bundle. The SDK reads AWS_ENDPOINT_URL_DYNAMODB
 * by itself, so the same code talks to DynamoDB in AWS and to DynamoDB Local.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { requiredEnv } from '../lib/env';

export interface StoreContext {
  doc: DynamoDBDocumentClient;
  tableName: string;
  /**
   * The write path's store port (store/traced-write.ts); absent means DynamoDB through
   * `doc`. A test of a service's decisions may put a fake here.
   */
  traced?: import('./traced-write').TracedStore;
}

export function createDocumentClient(client = new DynamoDBClient({})): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

let defaultContext: StoreContext | undefined;

/** The store of the running function: TABLE_NAME from its environment, one client reused while warm. */
export function defaultStore(): StoreContext {
  defaultContext ??= { doc: createDocumentClient(), tableName: requiredEnv('TABLE_NAME') };
  return defaultContext;
}
