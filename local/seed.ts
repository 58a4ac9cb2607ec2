/**
 * First start: a demo admin tenant and a demo enterprise with one key each, written to
 * .anxin/local.json for people and scripts. Later starts reuse them while they still exist
 * in the (persistent) table; a wiped table gets fresh ones.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createKey, createTenant } from '../shared/admin/onboarding';
import { createDocumentClient } from '../shared/store/client';
import { tenantsRepository } from '../shared/store/tenants-repository';

export interface DemoKeys {
  admin: string;
  enterprise: string;
}

export interface LocalInfoFile {
  apiUrl: string;
  sqsEndpoint: string;
  dynamodbEndpoint: string;
  /** Local KMS endpoint (AWS_ENDPOINT_URL_KMS for scripts). */
  kmsEndpoint: string;
  /** Local EventBridge endpoint (AWS_ENDPOINT_URL_EVENTBRIDGE for scripts). */
  eventsEndpoint: string;
  tableName: string;
  region: string;
  tenants: { admin: string; enterprise: string };
  keys: DemoKeys;
}

export async function seedDemoTenants(args: {
  dataDir: string;
  dynamo: DynamoDBClient;
  tableName: string;
  info: Pick<LocalInfoFile, 'apiUrl' | 'sqsEndpoint' | 'dynamodbEndpoint' | 'kmsEndpoint' | 'eventsEndpoint' | 'region'>;
}): Promise<DemoKeys> {
  const file = join(args.dataDir, 'local.json');
  const store = { doc: createDocumentClient(args.dynamo), tableName: args.tableName };
  const repo = tenantsRepository(store);

  let previous: LocalInfoFile | undefined;
  if (existsSync(file)) {
    try {
      previous = JSON.parse(readFileSync(file, 'utf8')) as LocalInfoFile;
    } catch {
      previous = undefined;
    }
  }
  let tenants = previous?.tenants;
  let keys = previous?.keys;
  const stillThere =
    tenants && keys && (await repo.getTenant(tenants.admin)) && (await repo.getTenant(tenants.enterprise));
  if (!stillThere) {
    const admin = await createTenant(store, { name: 'Anxin platform admin (demo)', role: 'admin' });
    const enterprise = await createTenant(store, { name: '广州安心家政服务有限公司 (demo)', role: 'enterprise' });
    tenants = { admin: admin.tenantId, enterprise: enterprise.tenantId };
    keys = {
      admin: (await createKey(store, admin.tenantId, 'demo')).apiKey,
      enterprise: (await createKey(store, enterprise.tenantId, 'demo')).apiKey,
    };
  }
  const info: LocalInfoFile = { ...args.info, tableName: args.tableName, tenants: tenants!, keys: keys! };
  writeFileSync(file, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
  return keys!;
}
