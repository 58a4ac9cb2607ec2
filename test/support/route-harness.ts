/**
 * Handler tests by route: `call(caller, 'POST /v1/orders/{orderId}/complaints', …)` finds the
 * route in the CDK app's ROUTES, imports its entry and invokes it with a payload 2.0 event
 * (as the authorizer would leave it), against DynamoDB Local and a local SQS queue; `settle()`
 * runs the orders consumer over everything queued, like the event-source mapping would.
 * The handler bound to a route is the one CDK deploys for it, so a test cannot call the
 * wrong function for a path.
 */
import { inject } from 'vitest';
import type { SQSEvent } from 'aws-lambda';
import type { Caller } from '../../shared/auth/roles';
import type { HttpEvent, HttpResult } from '../../shared/lib/http';
import type { StoreContext } from '../../shared/store/client';
import { apiEvent, lambdaContext } from './api-event';
import { startTestEventBridge } from './eventbridge';
import { startTestQueue, toRecord, type TestQueue } from './sqs';
import { createTestStore, TEST_REGION } from './test-store';

type Handler = (event: HttpEvent, context: typeof lambdaContext) => Promise<HttpResult>;
type Consumer = (event: SQSEvent, context: typeof lambdaContext) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;

export interface CallOptions {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
  /** POST routes get a fresh Idempotency-Key unless one is given here (or `null` for none). */
  idempotencyKey?: string | null;
}

export interface Reply {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response shapes are asserted, not typed
  body: any;
  headers: Record<string, string>;
}

export interface RouteHarness {
  store: StoreContext;
  queue: TestQueue;
  call(caller: Caller | undefined, routeKey: string, options?: CallOptions): Promise<Reply>;
  /** Applies every queued command (failing the test on a batch item failure). */
  settle(): Promise<void>;
  close(): Promise<void>;
}

let keyCounter = 0;

/**
 * The environment Lambda would give the order handlers, pointed at DynamoDB Local and a
 * local queue. The handlers read it at import time: assign it to process.env first.
 */
export function handlerEnv(store: StoreContext, queue: TestQueue): Record<string, string> {
  return {
    TABLE_NAME: store.tableName,
    ORDERS_QUEUE_URL: queue.queueUrl,
    AWS_ENDPOINT_URL_DYNAMODB: inject('dynamodbEndpoint'),
    AWS_ENDPOINT_URL_SQS: queue.server.endpoint,
    AWS_REGION: TEST_REGION,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  };
}

export async function startRouteHarness(): Promise<RouteHarness> {
  const store = await createTestStore();
  const queue = await startTestQueue();
  // The orders consumer publishes each applied command's CloudEvent: a local bus with no
  // rules accepts and drops them (as in order-handlers.test.ts).
  const bus = await startTestEventBridge({ buses: [{ logicalId: 'Bus', name: 'anxin-test-events', arn: 'arn:aws:events:us-east-1:000000000000:event-bus/anxin-test-events' }], rules: [], queues: [] });
  Object.assign(process.env, handlerEnv(store, queue), { EVENT_BUS_NAME: 'anxin-test-events', AWS_ENDPOINT_URL_EVENTBRIDGE: bus.events.endpoint });
  const { ROUTES } = await import('../../infra/stacks/api-stack');
  const handlers = new Map<string, Promise<Handler>>();
  const handlerFor = (routeKey: string) => {
    const route = ROUTES.find((r) => `${r.method} ${r.path}` === routeKey);
    if (!route) throw new Error(`no route ${routeKey} in ROUTES`);
    let handler = handlers.get(route.entry);
    if (!handler) {
      handler = import(/* @vite-ignore */ `../../${route.entry}`).then((m: { handler: Handler }) => m.handler);
      handlers.set(route.entry, handler);
    }
    return handler;
  };
  const consume = (await import('../../functions/consumers/orders')).handler as unknown as Consumer;

  return {
    store,
    queue,
    async call(caller, routeKey, options = {}) {
      const [method, template] = routeKey.split(' ') as [string, string];
      const path = template.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(options.params?.[name] ?? ''));
      const headers: Record<string, string> = { ...options.headers };
      if (options.body !== undefined) headers['content-type'] ??= 'application/json';
      if (method === 'POST' && options.idempotencyKey !== null) {
        headers['idempotency-key'] ??= options.idempotencyKey ?? `test-key-${process.pid}-${++keyCounter}`;
      }
      const result = await (await handlerFor(routeKey))(
        apiEvent({
          method,
          routeKey,
          path,
          caller,
          headers,
          pathParameters: options.params,
          query: options.query,
          body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
        }),
        lambdaContext,
      );
      return {
        status: result.statusCode ?? 200,
        // JSON bodies parsed; anything else (the certificate's HTML page) as text.
        body: result.body ? (/json/.test(String(result.headers?.['content-type'] ?? 'json')) ? JSON.parse(result.body) : result.body) : undefined,
        headers: Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k, String(v)])),
      };
    },
    async settle() {
      for (;;) {
        const messages = await queue.drain();
        if (messages.length === 0) return;
        const result = await consume({ Records: messages.map((m) => toRecord(m)) }, lambdaContext);
        if (result.batchItemFailures.length > 0) throw new Error(`consumer failed ${JSON.stringify(result.batchItemFailures)}`);
      }
    },
    async close() {
      await queue.close();
      await bus.close();
    },
  };
}
