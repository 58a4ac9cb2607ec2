import { EXAMPLE_ORDER } from '../shared/schemas/examples';

/** The copy-paste session printed at start: create an order, poll its event, read its trace. */
export function walkthrough(apiUrl: string, enterpriseKey: string): string {
  const order = JSON.stringify(EXAMPLE_ORDER);
  return [
    `export ANXIN_API=${apiUrl}`,
    `export ANXIN_KEY=${enterpriseKey}`,
    '',
    '# 1. post an order (202: accepted; the same Idempotency-Key always gets the same answer)',
    `curl -s -X POST "$ANXIN_API/v1/orders" -H "Authorization: Bearer $ANXIN_KEY" -H 'Content-Type: application/json' -H "Idempotency-Key: demo-$(date +%s)" -d '${order}' | tee /tmp/anxin-order.json; echo`,
    `ORDER_ID=$(grep -o '"orderId":"[^"]*"' /tmp/anxin-order.json | cut -d'"' -f4)`,
    `EVENT_ID=$(grep -o '"eventId":"[^"]*"' /tmp/anxin-order.json | cut -d'"' -f4)`,
    '',
    '# 2. poll the event until it is "applied" (or "rejected" with a reason)',
    `for i in 1 2 3 4 5 6 7 8 9 10; do curl -s "$ANXIN_API/v1/events/$EVENT_ID" -H "Authorization: Bearer $ANXIN_KEY" > /tmp/anxin-event.json; grep -q '"status":"accepted"' /tmp/anxin-event.json || break; sleep 1; done; cat /tmp/anxin-event.json; echo`,
    '',
    '# 3. read the order and its hash-chained trace ("valid": true)',
    `curl -s "$ANXIN_API/v1/orders/$ORDER_ID" -H "Authorization: Bearer $ANXIN_KEY"; echo`,
    `curl -s "$ANXIN_API/v1/orders/$ORDER_ID/trace" -H "Authorization: Bearer $ANXIN_KEY"; echo`,
  ].join('\n');
}

/** The insurers' part of the start message: their keys, their queues, a webhook, the DLQs (docs/insurer-integration.md). */
export function insurerWalkthrough(
  apiUrl: string,
  sqsEndpoint: string,
  insurers: readonly { name: string; tenantId: string; apiKey: string; queueUrl?: string }[],
): string {
  if (insurers.length === 0) return '';
  const lines = ['# Insurers (cdk.json "insurers"; docs/insurer-integration.md) receive claim events on their own queue, or by webhook:'];
  for (const insurer of insurers) {
    lines.push(`#   ${insurer.name}  tenant ${insurer.tenantId}  key ${insurer.apiKey}`);
    if (insurer.queueUrl) {
      lines.push(`aws --endpoint-url ${sqsEndpoint} sqs receive-message --queue-url ${insurer.queueUrl} --wait-time-seconds 5`);
    }
  }
  const first = insurers[0]!;
  lines.push(
    '# register a webhook (Standard Webhooks; the signing secret is shown once, a new PUT rotates it):',
    `curl -s -X PUT "${apiUrl}/v1/webhook" -H "Authorization: Bearer ${first.apiKey}" -H 'Content-Type: application/json' -d '{"url":"http://127.0.0.1:8787/anxin"}'; echo`,
    '# dead-letter queues and redrive: npx anxin dlq list · npx anxin dlq redrive <dlq-name>',
  );
  return lines.join('\n');
}
