/**
 * The SQS metering proxy: counts every call of the JSON protocol (X-Amz-Target
 * `AmazonSQS.<Action>`, what the AWS SDK v3 speaks) and the requests AWS bills for it
 * (sqs-requests.ts), split by FIFO and standard queues (priced differently). Calls are
 * passed through unchanged. The pollers of the event-source mappings talk through it too,
 * so their ReceiveMessage (including long polls that come back empty) and
 * DeleteMessageBatch calls are counted like a deployed mapping's would be billed.
 */
import type { ExchangeHandler, ProxiedResponse } from './http-proxy';
import { billedSqsRequests, messagePayloadBytes } from './sqs-requests';
import { add, type SqsUsage } from './usage';

const PREFIX = 'AmazonSQS.';

export function sqsMeter(usage: () => SqsUsage): ExchangeHandler {
  return async (req, forward) => {
    const target = String(req.headers['x-amz-target'] ?? '');
    const res = await forward();
    if (!target.startsWith(PREFIX)) {
      // Query protocol (Action=... form bodies): count the call, one request each.
      add(usage().calls, 'query-protocol', 1);
      add(usage().billedStandard, 'query-protocol', 1);
      return res;
    }
    const action = target.slice(PREFIX.length);
    const input = parseJson(req.body.toString('utf8'));
    const queueUrl = String(input.QueueUrl ?? '');
    const payload = payloadBytes(action, input, res);
    const u = usage();
    add(u.calls, action, 1);
    add(queueUrl.endsWith('.fifo') ? u.billedFifo : u.billedStandard, action, billedSqsRequests(payload));
    if (action === 'ReceiveMessage' && res.status === 200 && !(parseJson(res.body.toString('utf8')).Messages?.length > 0)) u.emptyReceives++;
    return res;
  };
}

/** The payload AWS meters: what is sent for sends, what comes back for receives, nothing else. */
function payloadBytes(action: string, input: Record<string, any>, res: ProxiedResponse): number {
  if (action === 'SendMessage') return messagePayloadBytes(input);
  if (action === 'SendMessageBatch') return (input.Entries ?? []).reduce((n: number, e: object) => n + messagePayloadBytes(e), 0);
  if (action === 'ReceiveMessage' && res.status === 200) {
    const out = parseJson(res.body.toString('utf8'));
    return (out.Messages ?? []).reduce((n: number, m: object) => n + messagePayloadBytes(m), 0);
  }
  return 0;
}

function parseJson(text: string): Record<string, any> {
  try {
    return text ? (JSON.parse(text) as Record<string, any>) : {};
  } catch {
    return {};
  }
}
