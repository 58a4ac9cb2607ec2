/**
 * The HTTP endpoint: AWS JSON 1.1 on `POST /` (any path), signatures not checked (with
 * `iam`, a function's call is checked against its role's policies: authorize.ts). Plus one
 * local-only route, `GET /_anxin/events[?bus=<name>]`: the recent events per bus and the
 * rules they matched (see recent.ts).
 */
import { randomUUID } from 'node:crypto';
import { startHttpEndpoint, type EndpointRequest, type WireResponse } from '../aws-endpoint/http-server';
import { serveJson } from '../aws-endpoint/json-protocol';
import type { Enforcer } from '../iam';
import { eventBridgeAuthorizer } from './authorize';
import { partitionOf } from '../template/local-env';
import type { LocalEventBus, LocalEventRule, LocalEventTarget } from '../topology';
import { EventBridgeError, toEventBridgeError } from './errors';
import { protocol, type JsonInput } from './json-protocol';
import { matchesPattern } from './pattern';
import { putEvents, type AcceptedEvent } from './put-events';
import { describeEventBus, listEventBuses, listRules, testEventPattern } from './read-actions';
import { RecentEvents, type RecentEvent } from './recent';
import { BusRegistry } from './registry';
import { TargetDelivery, type TargetSinks } from './targets';

export interface EventBridgeServerOptions {
  host?: string;
  /** 0 = any free port. */
  port: number;
  region: string;
  accountId: string;
  buses: readonly LocalEventBus[];
  rules: readonly LocalEventRule[];
  sinks: TargetSinks;
  /** Deliveries, retries, drops (one line each). */
  log?: (line: string) => void;
  /** Events that matched no rule. */
  debug?: (line: string) => void;
  /** Target delivery attempts (default 5) and first retry delay (default 200 ms). */
  delivery?: { attempts?: number; baseDelayMs?: number };
  /** Events kept per bus for GET /_anxin/events (default 100; 0 keeps none). */
  recentPerBus?: number;
  now?: () => number;
  /** The template's IAM; absent = calls are not checked. */
  iam?: Enforcer;
  /** Why EventBridge may not reach a target from its rule (its resource policy; local/iam), or undefined. */
  targetRefusal?: (rule: LocalEventRule, target: LocalEventTarget) => string | undefined;
}

export interface EventBridgeServer {
  endpoint: string;
  port: number;
  /** Applies a re-read template: buses and rules are replaced (deliveries in flight finish). */
  update(buses: readonly LocalEventBus[], rules: readonly LocalEventRule[]): void;
  recent(bus?: string): RecentEvent[];
  /** Resolves when every delivery started so far has succeeded or given up (tests). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 2 * 1024 * 1024;

export async function startEventBridgeServer(opts: EventBridgeServerOptions): Promise<EventBridgeServer> {
  const log = opts.log ?? (() => undefined);
  const debug = opts.debug ?? (() => undefined);
  const now = opts.now ?? Date.now;
  const arnPrefix = `arn:${partitionOf(opts.region)}:events:${opts.region}:${opts.accountId}:`;
  const registry = new BusRegistry(arnPrefix, now);
  const authorize = opts.iam ? eventBridgeAuthorizer(opts.iam, arnPrefix) : undefined;
  registry.update(opts.buses, opts.rules);
  const recent = new RecentEvents(opts.recentPerBus ?? 100);
  const delivery = new TargetDelivery(opts.sinks, {
    attempts: opts.delivery?.attempts ?? 5,
    baseDelayMs: opts.delivery?.baseDelayMs ?? 200,
    log,
    ...(opts.targetRefusal ? { refusal: opts.targetRefusal } : {}),
  });
  const warnedBuses = new Set<string>();

  /** Matches each accepted event against its bus's enabled rules and starts the deliveries. */
  function route(accepted: AcceptedEvent[]): void {
    for (const { busName, busExists, event } of accepted) {
      if (!busExists) {
        if (!warnedBuses.has(busName)) {
          warnedBuses.add(busName);
          log(`[events] PutEvents to bus "${busName}", which does not exist: accepted and dropped, as AWS does (check EVENT_BUS_NAME)`);
        }
        continue;
      }
      const matched = registry.rules(busName).filter((rule) => rule.enabled && matchesPattern(rule.pattern, event));
      recent.add({ bus: busName, receivedAt: new Date(now()).toISOString(), matchedRules: matched.map((r) => r.logicalId), event });
      if (matched.length === 0) debug(`[events] ${event['detail-type']} ${event.id} on ${busName} matched no rule: dropped`);
      for (const rule of matched) for (const target of rule.targets) delivery.deliver(rule, target, event);
    }
  }

  function dispatch(action: string, input: JsonInput): unknown {
    switch (action) {
      case 'PutEvents': {
        const { output, accepted } = putEvents(input, { registry, account: opts.accountId, region: opts.region, now, newEventId: randomUUID });
        route(accepted);
        return output;
      }
      case 'DescribeEventBus':
        return describeEventBus(registry, input);
      case 'ListEventBuses':
        return listEventBuses(registry, input);
      case 'ListRules':
        return listRules(registry, input);
      case 'TestEventPattern':
        return testEventPattern(input);
      default:
        throw new EventBridgeError('UnknownOperationException', `The local EventBridge endpoint does not implement ${action}.`);
    }
  }

  /** The local-only route first; everything else is the AWS JSON protocol. */
  function handle(request: EndpointRequest): Promise<WireResponse> {
    const url = new URL(request.req.url ?? '/', 'http://localhost');
    if (request.req.method === 'GET' && url.pathname === '/_anxin/events') {
      const bus = url.searchParams.get('bus') ?? undefined;
      const body = JSON.stringify({ events: recent.list(bus) }, null, 2);
      return Promise.resolve({ status: 200, headers: { 'content-type': 'application/json' }, body });
    }
    return serveJson(protocol, request, { dispatch, toError: toEventBridgeError, log, logPrefix: '[events] ', ...(authorize ? { authorize } : {}) });
  }

  const server = await startHttpEndpoint({
    host: opts.host,
    port: opts.port,
    maxBodyBytes: MAX_BODY_BYTES,
    bodyTooLarge: () => new EventBridgeError('ValidationException', 'Request body is too large.'),
    keepAliveTimeoutMs: 65_000,
    handle,
  });

  let closed: Promise<void> | undefined;
  return {
    endpoint: server.endpoint,
    port: server.port,
    update: (buses, rules) => registry.update(buses, rules),
    recent: (bus) => recent.list(bus),
    idle: () => delivery.idle(),
    close() {
      closed ??= server.close().then(() => delivery.stop());
      return closed;
    },
  };
}
