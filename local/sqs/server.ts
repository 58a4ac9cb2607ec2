/**
 * The HTTP endpoint: one port, both protocols. A request with `X-Amz-Target` is AWS JSON
 * 1.0; anything else is the query protocol (parameters in the query string and/or a
 * form-encoded body; an old client may also POST to the queue URL itself instead of
 * passing QueueUrl). Signatures are not checked: any credentials are accepted.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { dispatch } from './actions';
import type { RequestInfo, ServiceContext } from './context';
import { SqsError, toSqsError } from './errors';
import { startHousekeeping } from './housekeeping';
import type { Output } from './input';
import { Journal } from './journal';
import { jsonError, jsonResponse, parseJsonRequest, type WireResponse } from './json-protocol';
import { Waiters } from './long-poll';
import { MoveTaskRunner } from './move-tasks';
import { parseQueryRequest, xmlError, xmlResponse } from './query-protocol';
import { createQueue, ensureQueue } from './queue-actions';
import { SqsState } from './state';
import { isInFlight } from './message-state';
import type { Op } from './types';

export interface SqsServerOptions {
  host?: string;
  port: number;
  dataDir?: string;
  region: string;
  accountId: string;
  log?: (line: string) => void;
  /** Time source (epoch ms). Tests pass a controllable clock to cover retention and dedup windows. */
  clock?: () => number;
}

export interface SqsServer {
  endpoint: string;
  port: number;
  /** Create (or return existing) queue programmatically, same semantics as CreateQueue. Returns its URL. */
  createQueue(name: string, attributes: Record<string, string>): Promise<string>;
  /**
   * Deploy semantics, as CloudFormation applies a template: create the queue, or bring an
   * existing one's attributes to exactly `attributes` (omitted ones back to their defaults,
   * RedrivePolicy & co removed). Keeps the messages. Changing the queue type is an error.
   */
  ensureQueue(name: string, attributes: Record<string, string>): Promise<string>;
  /**
   * Makes every in-flight message visible again and returns how many there were. Not an
   * SQS action: the local platform calls it at start, because the pollers that held those
   * messages died with the previous platform process (AWS would wait out each visibility
   * timeout; locally that is minutes of a stalled queue after every restart).
   */
  releaseInFlight(): number;
  close(): Promise<void>;
}

const MAX_REQUEST_BYTES = 16 * 1024 * 1024;

/** Queues whose receivable messages an op may have added to (long polls there should look again). */
function queuesToWake(op: Op): string | undefined {
  switch (op.op) {
    case 'send':
    case 'visibility':
    case 'setAttributes':
    // FIFO: deleting (or expiring) a group's in-flight head unblocks the group's next message.
    case 'delete':
    case 'expire':
      return op.q;
    case 'deadLetter':
    case 'redrive':
      return op.to;
    default:
      return undefined;
  }
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) {
        reject(new SqsError('InvalidParameterValue', `Request body larger than ${MAX_REQUEST_BYTES} bytes.`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The access key id of a SigV4 Authorization header, used as SenderId. */
function callerOf(req: http.IncomingMessage, accountId: string): string {
  const auth = req.headers.authorization ?? '';
  return /Credential=([^/,\s]+)\//.exec(auth)?.[1] ?? accountId;
}

function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

export async function startSqsServer(opts: SqsServerOptions): Promise<SqsServer> {
  const host = opts.host ?? '127.0.0.1';
  const log = opts.log ?? (() => undefined);
  const durable = opts.dataDir === undefined ? undefined : Journal.open(opts.dataDir, log);
  const journal = durable?.journal;
  const state = durable?.state ?? new SqsState();
  const now = opts.clock ?? (() => Date.now());
  const waiters = new Waiters(now);
  let endpoint = '';
  let closing = false;

  const ctx: ServiceContext = {
    state,
    region: opts.region,
    accountId: opts.accountId,
    waiters,
    now,
    commit(ops) {
      if (ops.length === 0) return;
      journal?.append(ops); // durable first: only then may the request be answered
      const wake = new Set<string>();
      for (const op of ops) {
        state.apply(op);
        const q = queuesToWake(op);
        if (q !== undefined) wake.add(q);
      }
      for (const q of wake) waiters.notify(q);
    },
    queueUrl: (name) => `${endpoint}/${opts.accountId}/${name}`,
    log,
    get closing() {
      return closing;
    },
  };
  const runner = new MoveTaskRunner(ctx);

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const abort = new AbortController();
    res.on('close', () => {
      if (!res.writableEnded) abort.abort();
    });
    const info: RequestInfo = { senderId: callerOf(req, opts.accountId), signal: abort.signal };
    const target = req.headers['x-amz-target'];
    const isJson = typeof target === 'string';
    let action = '';
    let wire: WireResponse;
    try {
      const body = await readBody(req);
      let output: Output;
      if (isJson) {
        const parsed = parseJsonRequest(target, body);
        action = parsed.action;
        output = await dispatch(ctx, runner, action, parsed.input, info);
      } else {
        const url = new URL(req.url ?? '/', 'http://localhost');
        const params = new URLSearchParams(url.search);
        for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params.append(k, v);
        const parsed = parseQueryRequest(params);
        if (!parsed.action) throw new SqsError('MissingAction', 'No action specified.');
        action = parsed.action;
        // Old clients address a queue by POSTing to its URL.
        if (parsed.input.QueueUrl === undefined && url.pathname.split('/').filter(Boolean).length === 2) {
          parsed.input.QueueUrl = `${endpoint}${url.pathname}`;
        }
        output = await dispatch(ctx, runner, action, parsed.input, info);
      }
      wire = isJson ? jsonResponse(output, requestId) : xmlResponse(action, output, requestId);
    } catch (err) {
      const e = toSqsError(err);
      if (e.kind === 'InternalFailure') log(`sqs: ${action || 'request'} failed: ${(err as Error).stack ?? String(err)}`);
      wire = isJson ? jsonError(e, requestId) : xmlError(e, requestId);
    }
    if (res.destroyed) return;
    const headers: Record<string, string | number> = { ...wire.headers, 'content-length': Buffer.byteLength(wire.body) };
    if (closing) headers.connection = 'close';
    res.writeHead(wire.status, headers);
    res.end(wire.body);
  }

  const server = http.createServer((req, res) => {
    void handle(req, res);
  });
  server.keepAliveTimeout = 65_000; // longer than a 20 s long poll plus client-side slack
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((err: unknown) => {
    journal?.close();
    throw err;
  });
  const port = (server.address() as AddressInfo).port;
  endpoint = `http://${urlHost(host)}:${port}`;
  const stopHousekeeping = startHousekeeping(ctx, journal);
  runner.kick(); // resume move tasks that were running before a restart
  log(`sqs: listening on ${endpoint}${opts.dataDir ? ` (data in ${opts.dataDir})` : ' (in memory)'}`);

  let closed: Promise<void> | undefined;
  return {
    endpoint,
    port,
    async createQueue(name, attributes) {
      const out = createQueue(ctx, { QueueName: name, Attributes: attributes });
      return String(out.QueueUrl);
    },
    async ensureQueue(name, attributes) {
      return ensureQueue(ctx, name, attributes);
    },
    releaseInFlight() {
      const at = now();
      const ops: Op[] = [];
      for (const queue of state.queues.values()) {
        for (const m of queue.messages.values()) {
          if (isInFlight(m, at)) ops.push({ op: 'visibility', q: queue.name, id: m.id, until: at });
        }
      }
      ctx.commit(ops);
      return ops.length;
    },
    close() {
      closed ??= (async () => {
        closing = true;
        stopHousekeeping();
        runner.stop();
        waiters.closeAll(); // parked long polls answer (empty) right away
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
          // Responses still being written get a moment; then any straggling socket is cut.
          setTimeout(() => server.closeAllConnections(), 1000).unref();
        });
        // Nothing to flush: every acknowledged change is already in the journal. The next
        // start replays and compacts it, so close() is as safe as a crash and no slower.
        journal?.close();
        log('sqs: closed');
      })();
      return closed;
    },
  };
}
