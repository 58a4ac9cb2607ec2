/**
 * The HTTP endpoint: AWS JSON 1.1 on `POST /` (any path), signatures not checked. Plus one
 * local-only route, `GET /_anxin/events[?bus=<name>]`: the recent events per bus and the
 * rules they matched (see recent.ts).
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { partitionOf } from '../template/local-env';
import type { LocalEventBus, LocalEventRule } from '../topology';
import { EventBridgeError, toEventBridgeError } from './errors';
import { jsonError, jsonResponse, parseJsonRequest, type JsonInput, type WireResponse } from './json-protocol';
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

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new EventBridgeError('ValidationException', 'Request body is too large.'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

export async function startEventBridgeServer(opts: EventBridgeServerOptions): Promise<EventBridgeServer> {
  const host = opts.host ?? '127.0.0.1';
  const log = opts.log ?? (() => undefined);
  const debug = opts.debug ?? (() => undefined);
  const now = opts.now ?? Date.now;
  const registry = new BusRegistry(`arn:${partitionOf(opts.region)}:events:${opts.region}:${opts.accountId}:`, now);
  registry.update(opts.buses, opts.rules);
  const recent = new RecentEvents(opts.recentPerBus ?? 100);
  const delivery = new TargetDelivery(opts.sinks, {
    attempts: opts.delivery?.attempts ?? 5,
    baseDelayMs: opts.delivery?.baseDelayMs ?? 200,
    log,
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

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const requestId = randomUUID();
    let wire: WireResponse;
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && url.pathname === '/_anxin/events') {
      const bus = url.searchParams.get('bus') ?? undefined;
      wire = { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ events: recent.list(bus) }, null, 2) };
    } else {
      let action = '';
      try {
        const body = await readBody(req);
        const target = req.headers['x-amz-target'];
        if (typeof target !== 'string') throw new EventBridgeError('UnknownOperationException', 'Missing X-Amz-Target header.');
        const parsed = parseJsonRequest(target, body);
        action = parsed.action;
        wire = jsonResponse(dispatch(action, parsed.input), requestId);
      } catch (error) {
        const e = toEventBridgeError(error);
        if (e.kind === 'InternalException') log(`[events] ${action || 'request'} failed: ${(error as Error).stack ?? String(error)}`);
        wire = jsonError(e, requestId);
      }
    }
    if (res.destroyed) return;
    res.writeHead(wire.status, { ...wire.headers, 'content-length': Buffer.byteLength(wire.body) });
    res.end(wire.body);
  }

  const server = http.createServer((req, res) => void handle(req, res));
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const endpoint = `http://${urlHost(host)}:${port}`;

  let closed: Promise<void> | undefined;
  return {
    endpoint,
    port,
    update: (buses, rules) => registry.update(buses, rules),
    recent: (bus) => recent.list(bus),
    idle: () => delivery.idle(),
    close() {
      closed ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
          setTimeout(() => server.closeAllConnections(), 1000).unref();
        });
        await delivery.stop();
      })();
      return closed;
    },
  };
}
