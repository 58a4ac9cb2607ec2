/**
 * A local EventBridge endpoint wired to a local SQS endpoint (both in memory, port 0), with
 * the queues and rules a test declares, and a recorder standing in for Lambda targets.
 */
import { CreateQueueCommand, DeleteMessageCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import { createPlatformSinks, startEventBridgeServer, type EventBridgeServer, type EventBridgeServerOptions } from '../../local/eventbridge';
import { startSqsServer, type SqsServer } from '../../local/sqs';
import type { LocalEventBus, LocalEventRule, LocalQueue } from '../../local/topology';

export const REGION = 'us-east-1';
export const ACCOUNT = '000000000000';
export const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/** The bus the tests publish to, and its ARN. */
export const TEST_BUS = 'anxin-test-events';
export const TEST_BUS_ARN = `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/${TEST_BUS}`;

/** A rule on the test bus, enabled, named after `name` (overrides in `extra`, e.g. a disabled rule). */
export const testRule = (name: string, pattern: Record<string, unknown>, targets: LocalEventRule['targets'], extra: Partial<LocalEventRule> = {}): LocalEventRule => ({
  logicalId: `${name}Rule`,
  name,
  arn: `arn:aws:events:${REGION}:${ACCOUNT}:rule/${TEST_BUS}/${name}`,
  busName: TEST_BUS,
  pattern,
  targets,
  enabled: true,
  ...extra,
});

export interface QueueSpec {
  logicalId: string;
  name: string;
  attributes?: Record<string, string>;
}

export interface TestEventBridge {
  events: EventBridgeServer;
  sqsServer: SqsServer;
  sqs: SQSClient;
  logs: string[];
  /** Events the Lambda targets were invoked with, per function logical id. */
  invocations: Map<string, unknown[]>;
  queueUrl(logicalId: string): string;
  /** Receives what is visible now (no wait) and deletes it. */
  drain(logicalId: string): Promise<Message[]>;
  close(): Promise<void>;
}

export async function startTestEventBridge(args: {
  buses: LocalEventBus[];
  rules: LocalEventRule[];
  queues: QueueSpec[];
  delivery?: { attempts?: number; baseDelayMs?: number };
  targetRefusal?: EventBridgeServerOptions['targetRefusal'];
}): Promise<TestEventBridge> {
  const sqsServer = await startSqsServer({ port: 0, region: REGION, accountId: ACCOUNT });
  const sqs = new SQSClient({ endpoint: sqsServer.endpoint, region: REGION, credentials: CREDENTIALS });
  const queues: LocalQueue[] = [];
  for (const spec of args.queues) {
    const out = await sqs.send(new CreateQueueCommand({ QueueName: spec.name, Attributes: spec.attributes }));
    queues.push({
      logicalId: spec.logicalId,
      queueName: spec.name,
      url: out.QueueUrl!,
      arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:${spec.name}`,
      fifo: spec.name.endsWith('.fifo'),
      contentBasedDeduplication: spec.attributes?.ContentBasedDeduplication === 'true',
      visibilityTimeoutSeconds: 30,
      messageRetentionSeconds: 345_600,
      delaySeconds: 0,
      receiveWaitTimeSeconds: 0,
    });
  }
  const logs: string[] = [];
  const invocations = new Map<string, unknown[]>();
  const sinks = createPlatformSinks({
    queues: () => queues,
    sqsEndpoint: sqsServer.endpoint,
    region: REGION,
    invokeAsync: (logicalId, event) => {
      invocations.set(logicalId, [...(invocations.get(logicalId) ?? []), event]);
    },
  });
  const events = await startEventBridgeServer({
    port: 0,
    region: REGION,
    accountId: ACCOUNT,
    buses: args.buses,
    rules: args.rules,
    sinks,
    log: (line) => logs.push(line),
    debug: (line) => logs.push(line),
    delivery: args.delivery,
    ...(args.targetRefusal ? { targetRefusal: args.targetRefusal } : {}),
  });
  const queueUrl = (logicalId: string) => {
    const queue = queues.find((q) => q.logicalId === logicalId);
    if (!queue) throw new Error(`no queue ${logicalId}`);
    return queue.url;
  };
  return {
    events,
    sqsServer,
    sqs,
    logs,
    invocations,
    queueUrl,
    async drain(logicalId) {
      const all: Message[] = [];
      for (;;) {
        const out = await sqs.send(
          new ReceiveMessageCommand({ QueueUrl: queueUrl(logicalId), MaxNumberOfMessages: 10, WaitTimeSeconds: 0, MessageSystemAttributeNames: ['All'] }),
        );
        const batch = out.Messages ?? [];
        if (batch.length === 0) return all;
        for (const m of batch) await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl(logicalId), ReceiptHandle: m.ReceiptHandle }));
        all.push(...batch);
      }
    },
    async close() {
      await events.close();
      sinks.close();
      sqs.destroy();
      await sqsServer.close();
    },
  };
}

/** Polls `check` until it returns a value (not undefined) or the deadline passes. */
export async function pollUntil<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let delay = 20;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 250);
  }
}
