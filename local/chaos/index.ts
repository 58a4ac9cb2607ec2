/**
 * Chaos mode of the local platform (`npm start -- --chaos <spec>`, `startPlatform({ chaos })`):
 * faults a deployed system meets now and then, injected on purpose, with seeded randomness
 * so a failing run can be repeated. The spec and its keys: spec.ts. Where each fault is
 * injected:
 *
 *   consumer-error, consumer-timeout, duplicate   where each SQS event-source mapping invokes its function (consumer-faults.ts)
 *   throttle                                      a guard of the DynamoDB front, on the functions' endpoint only (dynamodb-throttle.ts)
 *   events-delay                                  before each EventBridge target delivery (delayed-targets.ts)
 *   redeliver-after                               how soon a batch that failed as a whole is visible again (consumer-faults.ts)
 *
 * Without a chaos spec none of this is created: the platform runs exactly as before.
 * What chaos mode does not simulate: docs/architecture.md "Chaos mode".
 */
import { ChangeMessageVisibilityBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { createSqsClient } from '../esm/sqs-client';
import type { InvokeOptions, InvokeResult } from '../lambda';
import type { TargetSinks } from '../eventbridge/targets';
import type { LocalEventSourceMapping, LocalQueue } from '../topology';
import { emptyConsumerTally, faultyConsumer, type ConsumerTally } from './consumer-faults';
import { delayTargets } from './delayed-targets';
import { throttleGuard } from './dynamodb-throttle';
import type { DynamoDbGuard } from '../dynamodb/front';
import { randomStream } from './random';
import type { ChaosSpec } from './spec';

export { parseChaosSpec, describeChaos, ChaosSpecError, CHAOS_KEYS, type ChaosSpec } from './spec';
export type { ConsumerTally } from './consumer-faults';

/** What chaos injected so far. */
export interface ChaosReport {
  seed: number;
  consumers: ConsumerTally;
  dynamodb: { calls: number; throttled: number; byOperation: Record<string, { calls: number; throttled: number }> };
  eventTargetsDelayed: number;
}

export interface Chaos {
  spec: ChaosSpec;
  /** The guard the functions' DynamoDB front (local/dynamodb/front.ts) runs when the spec throttles. */
  readonly dynamoDbGuard?: DynamoDbGuard;
  /** The invoke an event-source mapping uses, with consumer faults. */
  consumerInvoke(args: {
    mapping: LocalEventSourceMapping;
    queue: LocalQueue;
    sqsEndpoint: string;
    region: string;
    invoke: (event: unknown, options?: InvokeOptions) => Promise<InvokeResult>;
  }): (event: unknown) => Promise<InvokeResult>;
  /** EventBridge target sinks whose deliveries wait first. */
  eventSinks<T extends TargetSinks>(sinks: T): T;
  report(): ChaosReport;
  close(): Promise<void>;
}

/** SQS takes at most 10 entries per batch call. */
const MAX_PER_CALL = 10;

async function changeVisibility(sqs: SQSClient, queueUrl: string, records: readonly SQSRecord[], seconds: number): Promise<void> {
  for (let i = 0; i < records.length; i += MAX_PER_CALL) {
    const chunk = records.slice(i, i + MAX_PER_CALL);
    const out = await sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: queueUrl,
        Entries: chunk.map((r, n) => ({ Id: `m${n}`, ReceiptHandle: r.receiptHandle, VisibilityTimeout: seconds })),
      }),
    );
    if ((out.Failed ?? []).length > 0) throw new Error(`${out.Failed!.length} message(s) kept their visibility timeout`);
  }
}

export function createChaos(spec: ChaosSpec): Chaos {
  const consumers = emptyConsumerTally();
  const sqsClients: SQSClient[] = [];
  const throttle = spec.throttle > 0 ? throttleGuard({ rate: spec.throttle, random: randomStream(spec.seed, 'dynamodb') }) : undefined;
  const delays: { delayed(): number; close(): void }[] = [];
  return {
    spec,
    ...(throttle ? { dynamoDbGuard: throttle.guard } : {}),
    consumerInvoke({ mapping, queue, sqsEndpoint, region, invoke }) {
      const seconds = spec.redeliverAfterSeconds;
      let redeliver: ((records: SQSRecord[]) => Promise<void>) | undefined;
      if (seconds !== undefined) {
        const sqs = createSqsClient(sqsEndpoint, region);
        sqsClients.push(sqs);
        redeliver = (records) => changeVisibility(sqs, queue.url, records, seconds);
      }
      return faultyConsumer({
        redeliver,
        invoke,
        errorRate: spec.consumerError,
        timeoutRate: spec.consumerTimeout,
        duplicateRate: spec.duplicate,
        maxReceiveCount: queue.redrive?.maxReceiveCount,
        random: randomStream(spec.seed, `consumer:${mapping.functionLogicalId}:${queue.logicalId}`),
        tally: consumers,
      });
    },
    eventSinks(sinks) {
      if (spec.eventsDelayMs <= 0) return sinks;
      const delayed = delayTargets(sinks, spec.eventsDelayMs, randomStream(spec.seed, 'events'));
      delays.push(delayed);
      return delayed.sinks;
    },
    report: () => ({
      seed: spec.seed,
      consumers: { ...consumers },
      dynamodb: throttle?.counts() ?? { calls: 0, throttled: 0, byOperation: {} },
      eventTargetsDelayed: delays.reduce((n, d) => n + d.delayed(), 0),
    }),
    async close() {
      for (const d of delays) d.close();
      for (const sqs of sqsClients.splice(0)) sqs.destroy();
    },
  };
}
