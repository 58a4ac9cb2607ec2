/**
 * Posts `count` orders to POST /v1/orders with `concurrency` clients in a closed loop and
 * records each 202's latency and event id.
 */
import { randomUUID } from 'node:crypto';
import { runPool } from '../lib/pool';
import { progress } from '../lib/progress';
import { timedRequest, type HttpObserver } from '../lib/http';
import { orderRequest, prng } from '../lib/order-requests';

export const CREATE_ROUTE = 'POST /v1/orders';

export interface PostResult {
  latenciesMs: number[];
  eventIds: string[];
  /** Answers that were not 202, by status. */
  failures: Record<number, number>;
  startedAt: number;
  endedAt: number;
}

export async function postOrders(args: {
  apiUrl: string;
  apiKey: string;
  count: number;
  concurrency: number;
  seed: number;
  label?: string;
  observe?: HttpObserver;
}): Promise<PostResult> {
  const random = prng(args.seed);
  const bodies = Array.from({ length: args.count }, (_, i) => JSON.stringify(orderRequest(random, i)));
  const result: PostResult = { latenciesMs: [], eventIds: [], failures: {}, startedAt: Date.now(), endedAt: 0 };
  const bar = args.label ? progress(args.label, args.count) : undefined;
  await runPool(args.count, args.concurrency, async (i) => {
    const answer = await timedRequest(`${args.apiUrl}/v1/orders`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${args.apiKey}`,
        'content-type': 'application/json',
        'idempotency-key': `bench-${randomUUID()}`,
      },
      body: bodies[i],
    });
    args.observe?.({ method: 'POST', routeKey: CREATE_ROUTE, status: answer.status, responseBytes: Buffer.byteLength(answer.body), latencyMs: answer.ms });
    if (answer.status === 202) {
      result.latenciesMs.push(answer.ms);
      result.eventIds.push((JSON.parse(answer.body) as { eventId: string }).eventId);
    } else {
      result.failures[answer.status] = (result.failures[answer.status] ?? 0) + 1;
    }
    bar?.tick();
  });
  result.endedAt = Date.now();
  bar?.done();
  return result;
}
