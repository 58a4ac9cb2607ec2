/**
 * First start: a demo admin tenant and a demo enterprise with one key each, the demo
 * station the example order names with sample areas (demo-stations.ts), and each insurer
 * of the stage's `insurers` context (cdk.json) as a tenant with its configured id and a
 * demo key — written to .anxin/local.json for people and scripts, with the insurer's
 * queue and DLQ URLs. Later starts reuse them while they still exist in the (persistent)
 * table; a wiped table gets fresh ones (insurers keep their configured ids).
 */
import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from './atomic-file';
import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { insurerQueueNames, isStage, parseInsurers, stagePrefix } from '../infra/stages';
import { createKey, createTenant } from '../shared/admin/onboarding';
import { parseApiKey } from '../shared/auth/api-key';
import { createDocumentClient, type StoreContext } from '../shared/store/client';
import { tenantsRepository } from '../shared/store/tenants-repository';
import { seedDemoStations } from './demo-stations';
import { readCdkContext } from './synth';
import type { LocalQueue } from './topology';

export interface DemoKeys {
  admin: string;
  enterprise: string;
}

/** A configured insurer as the local platform runs it. */
export interface LocalInsurer {
  name: string;
  tenantId: string;
  apiKey: string;
  /** Its delivery queue and DLQ on the local SQS endpoint (absent if the template has none). */
  queueUrl?: string;
  dlqUrl?: string;
}

export interface LocalInfoFile {
  apiUrl: string;
  sqsEndpoint: string;
  dynamodbEndpoint: string;
  /** Local KMS endpoint (AWS_ENDPOINT_URL_KMS for scripts). */
  kmsEndpoint: string;
  /** Local EventBridge endpoint (AWS_ENDPOINT_URL_EVENTBRIDGE for scripts). */
  eventsEndpoint: string;
  /** Local Lambda endpoint, Invoke only (AWS_ENDPOINT_URL_LAMBDA for scripts). */
  lambdaEndpoint: string;
  tableName: string;
  region: string;
  tenants: { admin: string; enterprise: string };
  keys: DemoKeys;
  /** The stage's insurers (cdk.json context `insurers`), each with a demo key. */
  insurers: LocalInsurer[];
}

/** The insurers of `stage` in cdk.json (none for a stage the app does not know). */
export function configuredInsurers(stage: string) {
  return isStage(stage) ? { prefix: stagePrefix(stage), insurers: parseInsurers(readCdkContext().insurers, stage) } : undefined;
}

async function seedInsurers(
  store: StoreContext,
  stage: string,
  queues: readonly LocalQueue[],
  previous: readonly LocalInsurer[],
): Promise<LocalInsurer[]> {
  const config = configuredInsurers(stage);
  if (!config) return [];
  const repo = tenantsRepository(store);
  const out: LocalInsurer[] = [];
  for (const insurer of config.insurers) {
    if (!(await repo.getTenant(insurer.tenantId))) {
      await createTenant(store, { name: `${insurer.name} (demo insurer)`, role: 'insurer', tenantId: insurer.tenantId });
    }
    const known = previous.find((p) => p.tenantId === insurer.tenantId && p.apiKey);
    const keyId = known ? parseApiKey(known.apiKey)?.keyId : undefined;
    const record = keyId === undefined ? undefined : await repo.getKey(keyId);
    const stillValid = record?.status === 'active' && record.tenantId === insurer.tenantId;
    const apiKey = stillValid ? known!.apiKey : (await createKey(store, insurer.tenantId, 'demo')).apiKey;
    const names = insurerQueueNames(config, insurer);
    const queueUrl = queues.find((q) => q.queueName === names.queue)?.url;
    const dlqUrl = queues.find((q) => q.queueName === names.dlq)?.url;
    out.push({ name: insurer.name, tenantId: insurer.tenantId, apiKey, ...(queueUrl ? { queueUrl } : {}), ...(dlqUrl ? { dlqUrl } : {}) });
  }
  return out;
}

export async function seedDemoTenants(args: {
  dataDir: string;
  dynamo: DynamoDBClient;
  tableName: string;
  info: Pick<LocalInfoFile, 'apiUrl' | 'sqsEndpoint' | 'dynamodbEndpoint' | 'kmsEndpoint' | 'eventsEndpoint' | 'lambdaEndpoint' | 'region'>;
  /** For the insurers: the stage whose `insurers` context applies, and the queues of the topology. */
  stage?: string;
  queues?: readonly LocalQueue[];
}): Promise<{ keys: DemoKeys; insurers: LocalInsurer[] }> {
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
  await seedDemoStations(store, { tenantId: tenants!.admin, role: 'admin', keyId: 'demo-seed' }, tenants!.enterprise);
  const insurers = args.stage ? await seedInsurers(store, args.stage, args.queues ?? [], previous?.insurers ?? []) : [];
  const info: LocalInfoFile = { ...args.info, tableName: args.tableName, tenants: tenants!, keys: keys!, insurers };
  // Read by the admin CLI and by scripts while the platform runs: never seen half-written.
  writeFileAtomic(file, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
  return { keys: keys!, insurers };
}
