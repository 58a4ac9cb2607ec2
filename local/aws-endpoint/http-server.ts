/**
 * The HTTP side every local AWS endpoint shares: listen (port 0 = any free one), hand each
 * request to the service with an id and a size-capped body, write what it answers, and
 * close without hanging on keep-alive sockets. Signatures are not checked anywhere: any
 * credentials are accepted, like the rest of the local platform.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface EndpointRequest {
  req: http.IncomingMessage;
  /** `x-amzn-requestid` of the answer (and RequestId in query-protocol bodies). */
  requestId: string;
  /** Aborted when the client goes away before the answer is written (a long poll can stop). */
  signal: AbortSignal;
  /** The whole body; rejects with the endpoint's `bodyTooLarge()` past `maxBodyBytes`. */
  body(): Promise<Buffer>;
}

export interface HttpEndpointOptions {
  host?: string;
  /** 0 = any free port. */
  port: number;
  maxBodyBytes: number;
  /** The service's own error for an oversized body, answered like any other error. */
  bodyTooLarge(): Error;
  keepAliveTimeoutMs?: number;
  /** Answers one request; expected to turn its own failures into an error response. */
  handle(request: EndpointRequest): Promise<WireResponse>;
}

export interface HttpEndpoint {
  endpoint: string;
  port: number;
  /** Stops accepting, closes idle sockets, gives answers in progress 1 s, then cuts the rest. */
  close(): Promise<void>;
}

function readBody(req: http.IncomingMessage, maxBytes: number, tooLarge: () => Error): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(tooLarge());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The host as it goes into a URL a client can call: wildcards become loopback, IPv6 gets brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

export async function startHttpEndpoint(opts: HttpEndpointOptions): Promise<HttpEndpoint> {
  const host = opts.host ?? '127.0.0.1';

  async function serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const abort = new AbortController();
    res.on('close', () => {
      if (!res.writableEnded) abort.abort();
    });
    const wire = await opts.handle({
      req,
      requestId: randomUUID(),
      signal: abort.signal,
      body: () => readBody(req, opts.maxBodyBytes, opts.bodyTooLarge),
    });
    if (res.destroyed) return;
    res.writeHead(wire.status, { ...wire.headers, 'content-length': Buffer.byteLength(wire.body) });
    res.end(wire.body);
  }

  const server = http.createServer((req, res) => {
    void serve(req, res);
  });
  if (opts.keepAliveTimeoutMs !== undefined) server.keepAliveTimeout = opts.keepAliveTimeoutMs;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  let closed: Promise<void> | undefined;
  return {
    endpoint: `http://${urlHost(host)}:${port}`,
    port,
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 1000).unref();
      });
      return closed;
    },
  };
}
