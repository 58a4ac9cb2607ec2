/**
 * Waits until the platform's queues hold no message (visible or in flight), asking the SQS
 * endpoint directly (not through the meter): an event is applied before the poller deletes
 * its message, so "all applied" alone would end the metering window before the last
 * DeleteMessageBatch.
 */
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Topology } from '../../local/topology';

export async function awaitQueuesDrained(sqsEndpoint: string, topology: Topology, timeoutMs = 60_000): Promise<boolean> {
  const client = new SQSClient({ endpoint: sqsEndpoint, region: topology.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const urls = topology.queues.map((q) => `${sqsEndpoint}/${topology.accountId}/${q.queueName}`);
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      let busy = 0;
      for (const QueueUrl of urls) {
        const out = await client.send(
          new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
        );
        busy += Number(out.Attributes?.ApproximateNumberOfMessages ?? 0) + Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
      }
      if (busy === 0) return true;
      if (Date.now() > deadline) return false;
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    client.destroy();
  }
}
