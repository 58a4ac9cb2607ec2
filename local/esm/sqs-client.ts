/**
 * The poller talks to the local endpoint with the real AWS SDK, like Lambda's pollers talk
 * to SQS: what it sees is what a deployed consumer would see. The endpoint does not check
 * signatures, so credentials are dummies (never the developer's real ones).
 */
import { SQSClient } from '@aws-sdk/client-sqs';

export function createSqsClient(endpoint: string, region: string): SQSClient {
  return new SQSClient({
    endpoint,
    region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    // The poller has its own backoff; SDK retries would only delay noticing stop().
    maxAttempts: 1,
  });
}
