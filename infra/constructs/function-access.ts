/**
 * What a function may touch, declared once per route, consumer or job (the ROUTES,
 * CONSUMERS and SCHEDULES tables of each stack), and how that becomes its environment and
 * its grants. One place, so a function gets the same variables and the same least-privilege
 * grants whichever stack it lives in.
 */
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as events from 'aws-cdk-lib/aws-events';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Domain, StageConfig } from '../config';
import type { FifoQueuePair } from './fifo-queue-pair';
import { grantEventPublishing } from './domain-event-bus';
import { grantPersonalDataAccess } from './personal-data-access';
import { grantTableAccess, type TableAccess } from './table-access';
import { grantCursorKey } from './cursor-key-access';
import { grantWebhookSecrets, type WebhookSecretsUse } from './webhook-secrets-access';

/** Environment variable names the handlers read (shared/lib/env). */
export const ENV = {
  tableName: 'TABLE_NAME',
  queueUrl: (domain: Domain) => `${domain.toUpperCase()}_QUEUE_URL`,
} as const;

export interface FunctionAccess {
  /** Table access: readers read, writers read and write. */
  readonly table?: TableAccess;
  /** Queues the function sends to (gets `<DOMAIN>_QUEUE_URL` and sqs:SendMessage). */
  readonly sendsTo?: readonly Domain[];
  /**
   * Handles personal data (encrypts ID numbers and names, computes keyed lookup hashes):
   * the function gets the personal-data key grants and their environment
   * (constructs/personal-data-access.ts). No other function does.
   */
  readonly personalData?: boolean;
  /** Encrypts (registration) or decrypts (dispatcher) webhook signing secrets (constructs/webhook-secrets-access.ts). */
  readonly webhookSecrets?: WebhookSecretsUse;
  /** Reads or issues list cursors: kms:GenerateMac on the cursor key and its variable (constructs/cursor-key-access.ts). */
  readonly cursors?: boolean;
  /** Settings from the stage configuration, as environment variables. */
  readonly settings?: (config: StageConfig) => Record<string, string>;
  /** Publishes domain events: events:PutEvents on the event bus and EVENT_BUS_NAME (constructs/domain-event-bus.ts). */
  readonly publishesEvents?: boolean;
}

/** The stateful resources a function may be granted (stateful stack). */
export interface AccessResources {
  readonly config: StageConfig;
  readonly table: dynamodb.ITableV2;
  readonly queues: Readonly<Record<Domain, FifoQueuePair>>;
  readonly personalDataKey: kms.IKey;
  readonly personalDataHmacKey: kms.IKey;
  readonly webhookSecretsKey: kms.IKey;
  readonly cursorMacKey: kms.IKey;
}

/** TABLE_NAME, the stage settings, then one URL per queue sent to (the keys' variables come with their grants). */
export function accessEnvironment(resources: AccessResources, access: FunctionAccess): Record<string, string> {
  const environment: Record<string, string> = { [ENV.tableName]: resources.table.tableName, ...access.settings?.(resources.config) };
  for (const domain of access.sendsTo ?? []) environment[ENV.queueUrl(domain)] = resources.queues[domain].queue.queueUrl;
  return environment;
}

/** The grants `access` declares, and nothing else; `eventBus` is the domain event bus, for a function that publishes. */
export function grantAccess(fn: lambda.Function, resources: AccessResources, access: FunctionAccess & { readonly table: TableAccess }, eventBus?: events.IEventBus): void {
  grantTableAccess(resources.table, fn, access.table);
  for (const domain of access.sendsTo ?? []) resources.queues[domain].queue.grantSendMessages(fn);
  if (access.personalData) grantPersonalDataAccess(fn, { dataKey: resources.personalDataKey, hmacKey: resources.personalDataHmacKey });
  if (access.webhookSecrets) grantWebhookSecrets(fn, resources.webhookSecretsKey, access.webhookSecrets);
  if (access.cursors) grantCursorKey(fn, resources.cursorMacKey);
  if (access.publishesEvents) {
    if (!eventBus) throw new Error(`${fn.node.path} publishes events: its stack must hand in the event bus`);
    grantEventPublishing(eventBus, fn);
  }
}
