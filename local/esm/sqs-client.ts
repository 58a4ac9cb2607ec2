/**
 * The platform's own SQS client: the pollers' receives and deletes, EventBridge's deliveries
 * to queues, chaos mode's redeliveries — AWS's side of the wire. It is the real AWS SDK, so
 * requests and answers are (de)serialized as a deployed consumer would see them. The endpoint
 * does not check signatures, so credentials are dummies (never the developer's real ones).
 *
 * What the endpoint never reads is not made: no SigV4 signature (it only reads the access key
 * id, as the SenderId and the caller's identity, so the Authorization header still carries
 * it), no user-agent or recursion-detection headers. On this 2-core machine the signature
 * and those headers were ~40% of the CPU of one such call, client and endpoint together, and
 * the platform makes about six of them per order (bench/README.md, "Where the time goes").
 */
import { SQSClient } from '@aws-sdk/client-sqs';

const ACCESS_KEY_ID = 'local';

export function createSqsClient(endpoint: string, region: string): SQSClient {
  const client = new SQSClient({
    endpoint,
    region,
    credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: 'local' },
    // The poller has its own backoff; SDK retries would only delay noticing stop().
    maxAttempts: 1,
  });
  // remove() is a no-op for a name the SDK no longer uses: that call then costs more, nothing else.
  for (const name of ['httpSigningMiddleware', 'getUserAgentMiddleware', 'recursionDetectionMiddleware']) client.middlewareStack.remove(name);
  client.middlewareStack.add(
    (next) => (args) => {
      const request = args.request as { headers?: Record<string, string> };
      if (request.headers) request.headers.authorization = `AWS4-HMAC-SHA256 Credential=${ACCESS_KEY_ID}/${scope(region)}, SignedHeaders=host, Signature=unsigned`;
      return next(args);
    },
    { step: 'finalizeRequest', name: 'localCredentialHeader' },
  );
  return client;
}

/** SigV4's credential scope: <yyyymmdd>/<region>/sqs/aws4_request. */
function scope(region: string): string {
  return `${new Date().toISOString().slice(0, 10).replaceAll('-', '')}/${region}/sqs/aws4_request`;
}
