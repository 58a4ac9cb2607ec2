/**
 * `Anxin-<stage>-Stateful`: everything that holds data — the single table, the personal
 * data key, the domain queues and their DLQs. RETAIN + deletion protection in prod.
 * The stateless stack receives these as typed props.
 */
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { DOMAINS, physicalName, type Domain, type StageConfig } from '../config';
import { FifoQueuePair } from '../constructs/fifo-queue-pair';
import { TABLE_KEYS } from '../constructs/table-access';

export interface StatefulStackProps extends StackProps {
  readonly config: StageConfig;
}


/** Output-name prefix per domain: OrdersQueueUrl, TrainingDlqUrl, ... */
export function domainOutputPrefix(domain: Domain): string {
  return domain.charAt(0).toUpperCase() + domain.slice(1);
}

export class StatefulStack extends Stack {
  readonly config: StageConfig;
  readonly table: dynamodb.TableV2;
  readonly personalDataKey: kms.Key;
  readonly queues: Readonly<Record<Domain, FifoQueuePair>>;

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
      globalSecondaryIndexes: [TABLE_KEYS.gsi1, TABLE_KEYS.gsi2].map((gsi) => ({
        indexName: gsi.indexName,
        partitionKey: { name: gsi.partitionKey, type: S },
        sortKey: { name: gsi.sortKey, type: S },
        projectionType: dynamodb.ProjectionType.ALL,
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

    const queues = {} as Record<Domain, FifoQueuePair>;
    for (const domain of DOMAINS) {
      queues[domain] = new FifoQueuePair(this, `${domainOutputPrefix(domain)}Queues`, { config, domain });
    }
    this.queues = queues;

    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'TableArn', { value: this.table.tableArn });
    new CfnOutput(this, 'PersonalDataKeyArn', { value: this.personalDataKey.keyArn });
    for (const domain of DOMAINS) {
      const prefix = domainOutputPrefix(domain);
      new CfnOutput(this, `${prefix}QueueUrl`, { value: queues[domain].queue.queueUrl });
      new CfnOutput(this, `${prefix}QueueArn`, { value: queues[domain].queue.queueArn });
      new CfnOutput(this, `${prefix}DlqUrl`, { value: queues[domain].deadLetterQueue.queueUrl });
    }
  }
}
