/**
 * The HTTP side: Invoke requests in, the platform's own `invoke` (the same function hosts,
 * logs, metering and watch-mode reloads as every other caller) out. Functions are looked
 * up at request time, so a reload's new functions answer at once.
 */
import { startHttpEndpoint, type EndpointRequest, type WireResponse } from '../aws-endpoint/http-server';
import { failureLine } from '../aws-endpoint/errors';
import { PAYLOAD_LIMIT_BYTES, type InvokeOptions, type InvokeResult } from '../lambda';
import { partitionOf } from '../template/local-env';
import type { LocalFunction } from '../topology';
import type { Enforcer } from '../iam';
import { LambdaApiError, toLambdaApiError } from './errors';
import { resolveFunction } from './function-name';
import { parseInvoke, parsePayload, payloadTooLarge } from './invoke-request';
import { acceptedResponse, errorResponse, syncResponse } from './invoke-response';

export interface LambdaApiOptions {
  /** Default loopback: Invoke runs any function with any payload and checks no credentials. */
  host?: string;
  /** 0 = any free port. */
  port: number;
  region: string;
  accountId: string;
  /** The functions of the current topology. */
  functions: () => readonly LocalFunction[];
  invoke: (logicalId: string, event: unknown, opts: InvokeOptions) => Promise<InvokeResult>;
  log?: (line: string) => void;
  /** Lambda's asynchronous invocation with its retries and destinations (local/lambda/async-invoke.ts). */
  invokeAsync: (logicalId: string, event: unknown) => void;
  /** The template's IAM (local/iam): a function may invoke another only if its role allows lambda:InvokeFunction on it. */
  iam?: Pick<Enforcer, 'check'>;
}

export interface LambdaApi {
  endpoint: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Bodies up to twice the synchronous limit are read whole and answered with Lambda's 413;
 * past that the connection is cut rather than buffering whatever a client sends.
 */
const MAX_BODY_BYTES = 2 * PAYLOAD_LIMIT_BYTES;

export async function startLambdaApi(opts: LambdaApiOptions): Promise<LambdaApi> {
  const log = opts.log ?? (() => undefined);
  const scope = { partition: partitionOf(opts.region), region: opts.region, accountId: opts.accountId };

  async function invoke(request: EndpointRequest): Promise<WireResponse> {
    const { req } = request;
    const { ref, type } = parseInvoke(req.method, req.url, req.headers['x-amz-invocation-type']);
    const fn = resolveFunction(opts.functions(), ref, scope);
    const refusal = opts.iam?.check(req.headers.authorization, 'lambda:InvokeFunction', fn.arn);
    if (refusal) throw new LambdaApiError('AccessDeniedException', refusal.message);
    const event = parsePayload(await request.body(), type);
    if (type === 'DryRun') return acceptedResponse(204, request.requestId);
    if (type === 'RequestResponse') {
      // A synchronous caller is throttled at the reserved concurrency, as Lambda does.
      return syncResponse(await opts.invoke(fn.logicalId, event, { throttle: true }));
    }
    // Event: Lambda queues it and answers at once; it never throttles the caller.
    opts.invokeAsync(fn.logicalId, event);
    return acceptedResponse(202, request.requestId);
  }

  async function handle(request: EndpointRequest): Promise<WireResponse> {
    try {
      return await invoke(request);
    } catch (err) {
      const error = toLambdaApiError(err);
      if (error.status >= 500) log(failureLine('[lambda] ', 'Invoke', err));
      return errorResponse(error, request.requestId);
    }
  }

  const server = await startHttpEndpoint({
    host: opts.host ?? '127.0.0.1',
    port: opts.port,
    maxBodyBytes: MAX_BODY_BYTES,
    bodyTooLarge: () => payloadTooLarge(PAYLOAD_LIMIT_BYTES),
    keepAliveTimeoutMs: 65_000,
    handle,
  });
  return { endpoint: server.endpoint, port: server.port, close: () => server.close() };
}
