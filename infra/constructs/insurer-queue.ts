/**
 * An insurer's own delivery queue (the other channel is webhook-delivery.ts), declared
 * from the `insurers` context (infra/config.ts): a standard queue
 * `anxin-<stage>-insurer-<name>` with its DLQ (StandardQueuePair: SQS-managed SSE, TLS
 * only, redrive after 5 receives, DLQ kept 14 days), an EventBridge rule on the domain
 * bus that puts every insurer-facing claim event (INSURER_EVENT_TYPES from this stage's
 * claims source, `anxininsurer` = the insurer's tenant id) on it as the bare CloudEvent,
 * and a queue policy that lets the insurer's AWS account read it.
 *
 * Cross-account read: the insurer's account (its root principal, so the insurer decides
 * which of its roles may read, through its own IAM) gets exactly the actions a reader
 * needs — receive, delete, change visibility, read attributes, find the URL. Not send, not
 * purge, not set attributes. SSE-SQS (not a customer key) means no KMS grant is needed.
 * The DLQ is ours: the DLQ alarm pages the platform team, who redrive (`anxin dlq redrive`).
 *
 * Alarms live in the stateless stack with the others (QueuePairAlarms): DLQ not empty, and
 * the oldest message older than an hour (the insurer has stopped reading).
 */
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { CLAIM_EVENT_SOURCE, INSURANCE_EVENT_EXTENSIONS, INSURER_EVENT_TYPES } from '../../shared/events/claim-event-types';
import { physicalName, type InsurerConfig, type StageConfig } from '../config';
import { cloudEventQueueTarget } from './event-queue-target';
import { StandardQueuePair } from './standard-queue-pair';

/** What the insurer's account may do on its queue. */
export const INSURER_READ_ACTIONS: readonly string[] = [
  'sqs:ReceiveMessage',
  'sqs:DeleteMessage',
  'sqs:ChangeMessageVisibility',
  'sqs:GetQueueAttributes',
  'sqs:GetQueueUrl',
];

export interface InsurerQueueProps {
  readonly config: StageConfig;
  readonly insurer: InsurerConfig;
  /** The domain event bus the claims consumer publishes to. */
  readonly bus: events.IEventBus;
}

/** The event pattern of an insurer's rule (exported for tests and the docs). */
export function insurerEventPattern(config: StageConfig, insurer: Pick<InsurerConfig, 'tenantId'>): events.EventPattern {
  return {
    source: [CLAIM_EVENT_SOURCE(config.stage)],
    detailType: [...INSURER_EVENT_TYPES],
    detail: { [INSURANCE_EVENT_EXTENSIONS.insurer]: [insurer.tenantId] },
  };
}

export class InsurerQueue extends Construct {
  readonly insurer: InsurerConfig;
  readonly pair: StandardQueuePair;
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: InsurerQueueProps) {
    super(scope, id);
    const { config, insurer, bus } = props;
    this.insurer = insurer;
    this.pair = new StandardQueuePair(this, 'Queues', { config, name: `insurer-${insurer.name}` });

    this.pair.queue.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'InsurerAccountReads',
        principals: [new iam.AccountPrincipal(insurer.accountId)],
        actions: [...INSURER_READ_ACTIONS],
        resources: [this.pair.queue.queueArn],
      }),
    );

    this.rule = new events.Rule(this, 'Rule', {
      ruleName: physicalName(config, `insurer-${insurer.name}`),
      description: `Claim events for insurer ${insurer.name} (${insurer.tenantId}) to its queue`,
      eventBus: bus,
      eventPattern: insurerEventPattern(config, insurer),
      targets: [cloudEventQueueTarget(this.pair)],
    });
  }
}
