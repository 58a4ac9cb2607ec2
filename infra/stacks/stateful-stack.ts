/**
 * `Anxin-<stage>-Stateful`: everything that holds data — the single table, the personal
 * data keys (encryption, keyed-hash lookups), the domain queues and their DLQs, the event
 * bus, and what delivers events to insurers: one queue per configured insurer and the
 * webhook delivery queue (with the rules that feed them, next to the bus) and the key that
 * encrypts webhook signing secrets, and the queues (with their rules) that feed the
 * programme's read models. RETAIN + deletion protection in prod. The stateless stacks
 * receive these as typed props.
 */
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as events from 'aws-cdk-lib/aws-events';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { DOMAINS, physicalName, type Domain, type StageConfig } from '../config';
import { DomainEventBus } from '../constructs/domain-event-bus';
import { EventFedQueue } from '../constructs/event-fed-queue';
import { FifoQueuePair } from '../constructs/fifo-queue-pair';
import { InsurerQueue } from '../constructs/insurer-queue';
import { WebhookDeliveryQueue } from '../constructs/webhook-delivery';
import { GSIS, TABLE_KEYS } from '../../shared/store/table-shape';
import { CREDIT_FACT_EVENT_TYPES } from '../../shared/domain/credit/event-facts';
import { orderEventSource, orderEventType } from '../../shared/events/order-event-types';
import { PRICE_SAMPLE_COMMAND } from '../../shared/domain/wage-survey/price-sample';

export interface StatefulStackProps extends StackProps {
  readonly config: StageConfig;
}

/**
 * The queues that feed read models of the programme (constructs/event-fed-queue.ts): each
 * a standard queue pair and a rule on the domain bus; their consumers are in the programme
 * stack. Adding one is an entry here and one in PROGRAMME_CONSUMERS.
 */
export const READ_MODEL_QUEUES = {
  'credit-facts': {
    outputPrefix: 'CreditFacts',
    description: 'Order events that move the monthly credit facts, to the credit-facts consumer',
    eventPattern: (config: StageConfig): events.EventPattern => ({ source: [orderEventSource(config.stage)], detailType: [...CREDIT_FACT_EVENT_TYPES] }),
  },
  // The wage survey's order prices: only `created` carries a price (services/order-price-samples.ts).
  'order-prices': {
    outputPrefix: 'OrderPrices',
    description: 'Order created events, to the order-prices consumer of the wage survey',
    eventPattern: (config: StageConfig): events.EventPattern => ({ source: [orderEventSource(config.stage)], detailType: [orderEventType(PRICE_SAMPLE_COMMAND)] }),
  },
} as const;
export type ReadModelQueue = keyof typeof READ_MODEL_QUEUES;


/** Output-name prefix per domain: OrdersQueueUrl, TrainingDlqUrl, ... */
export function domainOutputPrefix(domain: Domain): string {
  return domain.charAt(0).toUpperCase() + domain.slice(1);
}

/** Output-name prefix per insurer: `ping-an` → InsurerPingAnQueueUrl, InsurerPingAnDlqUrl, ... */
export function insurerOutputPrefix(name: string): string {
  return `Insurer${name.split('-').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('')}`;
}

export class StatefulStack extends Stack {
  readonly config: StageConfig;
  readonly table: dynamodb.TableV2;
  readonly personalDataKey: kms.Key;
  readonly personalDataHmacKey: kms.Key;
  readonly queues: Readonly<Record<Domain, FifoQueuePair>>;
  /** Domain events (CloudEvents 1.0): `anxin-<stage>-events`, archived (constructs/domain-event-bus.ts). */
  readonly eventBus: events.EventBus;
  /** One delivery queue per insurer of the `insurers` context (constructs/insurer-queue.ts). */
  readonly insurerQueues: readonly InsurerQueue[];
  /** The webhook delivery queue and its rule (constructs/webhook-delivery.ts). */
  readonly webhookDelivery: WebhookDeliveryQueue;
  /** Encrypts insurers' webhook signing secrets (encryption context { tenantId }). */
  readonly webhookSecretsKey: kms.Key;
  /** Signs list cursors (docs/conventions.md "List cursors"; constructs/cursor-key-access.ts). */
  readonly cursorMacKey: kms.Key;
  /** The queues of the programme's read models, by name (READ_MODEL_QUEUES). */
  readonly readModelQueues: Readonly<Record<ReadModelQueue, EventFedQueue>>;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.config = config;
    const S = dynamodb.AttributeType.STRING;

    // Single-table design (AWS::DynamoDB::GlobalTable with one replica: TableV2 can add
    // replicas later without replacing the table).
    this.table = new dynamodb.TableV2(this, 'Table', {
      tableName: physicalName(config, 'table'),
      partitionKey: { name: TABLE_KEYS.partitionKey, type: S },
      sortKey: { name: TABLE_KEYS.sortKey, type: S },
      globalSecondaryIndexes: GSIS.map((gsi) => ({
        indexName: gsi.indexName,
        partitionKey: { name: gsi.partitionKey, type: S },
        sortKey: { name: gsi.sortKey, type: S },
        projectionType: dynamodb.ProjectionType[gsi.projection],
      })),
      timeToLiveAttribute: TABLE_KEYS.ttlAttribute,
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // Encrypted with the AWS-managed key (aws/dynamodb): key use is visible in
      // CloudTrail. ID numbers are additionally encrypted by the application with the
      // personal data key below.
      encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
      deletionProtection: config.isProd,
      removalPolicy: config.removalPolicy,
    });

    // Application-level encryption of personal data (ID numbers; PIPL "sensitive personal
    // information"). Functions get kms:Encrypt/Decrypt on it explicitly when they need it.
    this.personalDataKey = new kms.Key(this, 'PersonalDataKey', {
      alias: `alias/${physicalName(config, 'personal-data')}`,
      description: `Anxin ${config.stage}: encryption of personal data (ID numbers)`,
      enableKeyRotation: true,
      removalPolicy: config.removalPolicy,
      pendingWindow: config.isProd ? Duration.days(30) : Duration.days(7),
    });

    // Keyed hashes of personal data (kms:GenerateMac), so an ID number can be looked up
    // without storing it in clear or as a plain hash (18-digit ID numbers are few enough
    // to brute-force an unkeyed SHA-256). The key never leaves KMS.
    // No automatic rotation, deliberately: KMS does not rotate HMAC keys (CDK refuses
    // enableKeyRotation here), and cdk-nag's AwsSolutions-KMS5 only applies to
    // SYMMETRIC_DEFAULT keys, so nothing needs acknowledging. Rotating this key would
    // change every stored lookup hash: it is a re-hashing migration, not a key setting.
    this.personalDataHmacKey = new kms.Key(this, 'PersonalDataHmacKey', {
      alias: `alias/${physicalName(config, 'personal-data-hmac')}`,
      description: `Anxin ${config.stage}: keyed hashes (HMAC) for personal data lookups`,
      keySpec: kms.KeySpec.HMAC_256,
      keyUsage: kms.KeyUsage.GENERATE_VERIFY_MAC,
      enableKeyRotation: false,
      removalPolicy: config.removalPolicy,
      pendingWindow: config.isProd ? Duration.days(30) : Duration.days(7),
    });

    const queues = {} as Record<Domain, FifoQueuePair>;
    for (const domain of DOMAINS) {
      queues[domain] = new FifoQueuePair(this, `${domainOutputPrefix(domain)}Queues`, { config, domain });
    }
    this.queues = queues;

    this.eventBus = new DomainEventBus(this, 'DomainEvents', { config }).bus;

    // Delivery to insurers: their own queues, and webhooks.
    this.insurerQueues = config.insurers.map(
      (insurer) => new InsurerQueue(this, insurerOutputPrefix(insurer.name), { config, insurer, bus: this.eventBus }),
    );
    this.webhookDelivery = new WebhookDeliveryQueue(this, 'WebhookDelivery', { config, bus: this.eventBus });
    // Signing secrets must be usable (the dispatcher signs with them), so they are stored
    // encrypted, not hashed. Only the registration route encrypts, only the dispatcher decrypts.
    this.webhookSecretsKey = new kms.Key(this, 'WebhookSecretsKey', {
      alias: `alias/${physicalName(config, 'webhook-secrets')}`,
      description: `Anxin ${config.stage}: encryption of insurers' webhook signing secrets`,
      enableKeyRotation: true,
      removalPolicy: config.removalPolicy,
      pendingWindow: config.isProd ? Duration.days(30) : Duration.days(7),
    });

    // The list cursors' signing key: the functions that page derive their MAC key from it
    // once per instance (kms:GenerateMac of a fixed label), so a cursor from another query,
    // another tenant or another stage does not verify. A key of its own rather than the
    // personal-data HMAC key: list functions must not be able to compute the lookup hashes
    // of ID numbers. HMAC keys do not rotate in KMS (as above); replacing this one only ends
    // the cursors in flight (400 invalid-cursor, list again), nothing stored depends on it.
    this.cursorMacKey = new kms.Key(this, 'CursorMacKey', {
      alias: `alias/${physicalName(config, 'list-cursors')}`,
      description: `Anxin ${config.stage}: signs list cursors (HMAC)`,
      keySpec: kms.KeySpec.HMAC_256,
      keyUsage: kms.KeyUsage.GENERATE_VERIFY_MAC,
      enableKeyRotation: false,
      removalPolicy: config.removalPolicy,
      pendingWindow: config.isProd ? Duration.days(30) : Duration.days(7),
    });

    this.readModelQueues = Object.fromEntries(
      Object.entries(READ_MODEL_QUEUES).map(([name, def]) => [
        name,
        new EventFedQueue(this, `${def.outputPrefix}Delivery`, { config, bus: this.eventBus, name, description: def.description, eventPattern: def.eventPattern(config) }),
      ]),
    ) as Record<ReadModelQueue, EventFedQueue>;

    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'EventBusName', { value: this.eventBus.eventBusName });
    new CfnOutput(this, 'EventBusArn', { value: this.eventBus.eventBusArn });
    new CfnOutput(this, 'TableArn', { value: this.table.tableArn });
    new CfnOutput(this, 'PersonalDataKeyArn', { value: this.personalDataKey.keyArn });
    new CfnOutput(this, 'PersonalDataHmacKeyArn', { value: this.personalDataHmacKey.keyArn });
    for (const domain of DOMAINS) {
      const prefix = domainOutputPrefix(domain);
      new CfnOutput(this, `${prefix}QueueUrl`, { value: queues[domain].queue.queueUrl });
      new CfnOutput(this, `${prefix}QueueArn`, { value: queues[domain].queue.queueArn });
      new CfnOutput(this, `${prefix}DlqUrl`, { value: queues[domain].deadLetterQueue.queueUrl });
    }
    for (const { insurer, pair } of this.insurerQueues) {
      const prefix = insurerOutputPrefix(insurer.name);
      new CfnOutput(this, `${prefix}QueueUrl`, { value: pair.queue.queueUrl, description: `Queue of insurer ${insurer.name} (${insurer.tenantId}), readable by account ${insurer.accountId}` });
      new CfnOutput(this, `${prefix}QueueArn`, { value: pair.queue.queueArn });
      new CfnOutput(this, `${prefix}DlqUrl`, { value: pair.deadLetterQueue.queueUrl });
    }
    new CfnOutput(this, 'WebhooksQueueUrl', { value: this.webhookDelivery.pair.queue.queueUrl });
    new CfnOutput(this, 'WebhooksDlqUrl', { value: this.webhookDelivery.pair.deadLetterQueue.queueUrl });
    new CfnOutput(this, 'WebhookSecretsKeyArn', { value: this.webhookSecretsKey.keyArn });
    for (const [name, { pair }] of Object.entries(this.readModelQueues)) {
      const prefix = READ_MODEL_QUEUES[name as ReadModelQueue].outputPrefix;
      new CfnOutput(this, `${prefix}QueueUrl`, { value: pair.queue.queueUrl });
      new CfnOutput(this, `${prefix}QueueArn`, { value: pair.queue.queueArn });
      new CfnOutput(this, `${prefix}DlqUrl`, { value: pair.deadLetterQueue.queueUrl });
    }
  }
}
