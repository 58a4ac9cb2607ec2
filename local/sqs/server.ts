/**
 * The HTTP endpoint: one port, both protocols. A request with `X-Amz-Target` is AWS JSON
 * 1.0; anything else is the query protocol (parameters in the query string and/or a
 * form-encoded body; an old client may also POST to the queue URL itself instead of
 * passing QueueUrl). Signatures are not checked: any credentials are accepted; with `iam`,
 * a function's call is checked against its role's policies and the queue policy
 * (authorize.ts).
 */
import type http from 'node:http';
import { startHttpEndpoint, type EndpointRequest, type HttpEndpoint, type WireResponse } from '../aws-endpoint/http-server';
import { failureLine } from '../aws-endpoint/errors';
import type { Enforcer } from '../iam';
import { sqsAuthorizer } from './authorize';
import { dispatch } from './actions';
import type { RequestInfo, ServiceContext } from './context';
import { SqsError, toSqsError } from './errors';
import { startHousekeeping } from './housekeeping';
import type { Output } from './input';
import { Journal } from './journal';
import { protocol as json } from './json-protocol';
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
  /** The template's IAM; absent = calls are not checked. */
  iam?: Enforcer;
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

/** The access key id of a SigV4 Authorization header, used as SenderId. */
function callerOf(req: http.IncomingMessage, accountId: string): string {
  const auth = req.headers.authorization ?? '';
  return /Credential=([^/,\s]+)\//.exec(auth)?.[1] ?? accountId;
}

export async function startSqsServer(opts: SqsServerOptions): Promise<SqsServer> {
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
  const authorize = opts.iam ? sqsAuthorizer(opts.iam, opts.region, opts.accountId) : undefined;

  async function handle({ req, requestId, signal, body: readBody }: EndpointRequest): Promise<WireResponse> {
    const info: RequestInfo = { senderId: callerOf(req, opts.accountId), signal };
    const target = req.headers['x-amz-target'];
    const isJson = typeof target === 'string';
    let action = '';
    let wire: WireResponse;
    try {
      const body = await readBody();
      let output: Output;
      if (isJson) {
        const parsed = json.parseRequest(target, body);
        action = parsed.action;
        authorize?.(req, action, parsed.input);
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
        authorize?.(req, action, parsed.input);
        output = await dispatch(ctx, runner, action, parsed.input, info);
      }
      wire = isJson ? json.response(output, requestId) : xmlResponse(action, output, requestId);
    } catch (err) {
      const e = toSqsError(err);
      if (e.kind === 'InternalFailure') log(failureLine('sqs: ', action, err));
      wire = isJson ? json.error(e, requestId) : xmlError(e, requestId);
    }
    // Once close() has begun, keep-alive clients must not reuse this socket: it is about to be cut.
    return closing ? { ...wire, headers: { ...wire.headers, connection: 'close' } } : wire;
  }

  let server: HttpEndpoint;
  try {
    server = await startHttpEndpoint({
      host: opts.host,
      port: opts.port,
      maxBodyBytes: MAX_REQUEST_BYTES,
      bodyTooLarge: () => new SqsError('InvalidParameterValue', `Request body larger than ${MAX_REQUEST_BYTES} bytes.`),
      keepAliveTimeoutMs: 65_000, // longer than a 20 s long poll plus client-side slack
      handle,
    });
  } catch (err) {
    journal?.close();
    throw err;
  }
  endpoint = server.endpoint;
  const port = server.port;
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
        await server.close(); // answers still being written get a moment, then stragglers are cut
        // Nothing to flush: every acknowledged change is already in the journal. The next
        // start replays and compacts it, so close() is as safe as a crash and no slower.
        journal?.close();
        log('sqs: closed');
      })();
      return closed;
    },
  };
}
