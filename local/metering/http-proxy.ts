/**
 * A small buffering HTTP proxy: the metering proxies sit between the functions (and the
 * SQS pollers) and the local DynamoDB / SQS endpoints, see every request and response
 * whole, and pass both through unchanged. Bodies are small (DynamoDB items ≤ 400 KB, SQS
 * messages ≤ 256 KB), so buffering costs little and makes the exchange easy to parse.
 */
import { Agent, createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface ProxiedResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Sends a request to the target (the real endpoint); used for the forwarded call and for side reads. */
export type Upstream = (req: ProxiedRequest, signal?: AbortSignal) => Promise<ProxiedResponse>;

/** Decides nothing: it may look at the request, forward it, look at the answer, and must return the answer. */
export type ExchangeHandler = (req: ProxiedRequest, forward: () => Promise<ProxiedResponse>, upstream: Upstream) => Promise<ProxiedResponse>;

export interface RunningProxy {
  endpoint: string;
  close(): Promise<void>;
}

// Hop-by-hop headers belong to one connection and are not forwarded (RFC 9110 §7.6.1).
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer', 'content-length']);

export async function startProxy(opts: { target: string; host?: string; handle: ExchangeHandler }): Promise<RunningProxy> {
  const target = new URL(opts.target);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });

  const upstream: Upstream = (req, signal) =>
    new Promise((resolve, reject) => {
      const headers = { ...stripHopByHop(req.headers), host: target.host, 'content-length': String(req.body.length) };
      const out = httpRequest(
        { protocol: target.protocol, hostname: target.hostname, port: target.port, method: req.method, path: req.path, headers, agent, signal },
        (res) => {
          readAll(res).then((body) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body }), reject);
        },
      );
      out.once('error', reject);
      out.end(req.body);
    });

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    // A client that goes away (a poller stopping mid long poll) cancels the upstream call too.
    const controller = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    readAll(req)
      .then((body) => {
        const proxied: ProxiedRequest = { method: req.method ?? 'POST', path: req.url ?? '/', headers: req.headers, body };
        return opts.handle(proxied, () => upstream(proxied, controller.signal), upstream);
      })
      .then((answer) => {
        res.writeHead(answer.status, { ...stripHopByHop(answer.headers), 'content-length': String(answer.body.length) });
        res.end(answer.body);
      })
      .catch((error: Error) => {
        if (res.headersSent || controller.signal.aborted) return void res.destroy();
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`metering proxy: ${error.message}`);
      });
  });
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}

function stripHopByHop(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name.toLowerCase())) out[name] = value;
  }
  return out;
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.once('end', () => resolve(Buffer.concat(chunks)));
    stream.once('error', reject);
    stream.once('aborted', () => reject(new Error('aborted')));
  });
}
