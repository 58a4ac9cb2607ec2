/**
 * For tests of local/esm against the real local SQS endpoint (local/sqs, port 0) with the
 * real AWS SDK: one server and client per test file, the event-source mappings a test
 * started stopped after it, and queues declared the way the local platform's topology
 * describes them (LocalQueue), created on that server.
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { EventSourceMappingHandle } from '../../local/esm';
import { startSqsServer, type SqsServer } from '../../local/sqs';
import type { LocalQueue } from '../../local/topology';

export const REGION = 'us-east-1';
export const ACCOUNT = '000000000000';

export interface LocalSqs {
  /** Set in beforeAll. */
  server: SqsServer;
  client: SQSClient;
  /** Mappings to stop after the current test. */
  running: EventSourceMappingHandle[];
}

/** Registers the file's hooks; the returned object is filled in before the first test. */
export function useLocalSqs(): LocalSqs {
  const local = { running: [] as EventSourceMappingHandle[] } as LocalSqs;
  beforeAll(async () => {
    local.server = await startSqsServer({ port: 0, region: REGION, accountId: ACCOUNT });
    local.client = new SQSClient({ endpoint: local.server.endpoint, region: REGION, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  });
  afterEach(async () => {
    await Promise.all(local.running.splice(0).map((h) => h.stop()));
  });
  afterAll(async () => {
    local.client.destroy();
    await local.server.close();
  });
  return local;
}

/** Creates `name` (FIFO when `fifo`; FIFO ones deduplicate by content) and describes it. */
export async function createLocalQueue(
  server: SqsServer,
  name: string,
  opts: { fifo?: boolean; visibility: number; dlq?: LocalQueue; maxReceiveCount?: number },
): Promise<LocalQueue> {
  const arn = `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;
  const attributes: Record<string, string> = { VisibilityTimeout: String(opts.visibility) };
  if (opts.fifo) Object.assign(attributes, { FifoQueue: 'true', ContentBasedDeduplication: 'true' });
  if (opts.dlq) attributes.RedrivePolicy = JSON.stringify({ deadLetterTargetArn: opts.dlq.arn, maxReceiveCount: opts.maxReceiveCount });
  const url = await server.createQueue(name, attributes);
  return {
    logicalId: name,
    queueName: name,
    url,
    arn,
    fifo: !!opts.fifo,
    contentBasedDeduplication: !!opts.fifo,
    visibilityTimeoutSeconds: opts.visibility,
    messageRetentionSeconds: 345_600,
    delaySeconds: 0,
    receiveWaitTimeSeconds: 0,
    ...(opts.dlq ? { redrive: { deadLetterTargetArn: opts.dlq.arn, maxReceiveCount: opts.maxReceiveCount! } } : {}),
  };
}
