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
