/**
 * The HTTP endpoint (startKmsServer): one port, AWS JSON 1.1. Signatures are not checked
 * (any credentials are accepted) and neither IAM nor key policies are enforced — like the
 * rest of the local platform; the grants in infra/ are what protects the keys in AWS.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { LocalKmsKey } from '../topology';
import { dispatch } from './actions';
import type { KmsContext } from './context';
import { KmsError, toKmsError } from './errors';
import { KeyMaterialStore } from './key-material';
import { Keyring } from './keyring';
import { jsonError, jsonResponse, parseRequest, type WireResponse } from './protocol';

export interface KmsServerOptions {
  host?: string;
  /** 0 = any free port. */
  port: number;
  /** Where key material is kept (`<platform data dir>/kms`); absent = in memory. */
  dataDir?: string;
  region: string;
  accountId: string;
  /** The template's keys (Topology.keys). */
  keys: readonly LocalKmsKey[];
  log?: (line: string) => void;
  /** Epoch ms; key creation dates. */
  clock?: () => number;
}

export interface KmsServer {
  endpoint: string;
  port: number;
  /** Serves exactly these keys from now on (watch mode re-reads the template); material is kept. */
  applyKeys(keys: readonly LocalKmsKey[]): void;
  close(): Promise<void>;
}

// Largest valid request: a 6144-byte blob in base64 plus context and ids, with room to spare.
const MAX_REQUEST_BYTES = 1024 * 1024;

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) {
        reject(new KmsError('ValidationException', `Request body larger than ${MAX_REQUEST_BYTES} bytes.`));
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

export async function startKmsServer(opts: KmsServerOptions): Promise<KmsServer> {
  const host = opts.host ?? '127.0.0.1';
  const log = opts.log ?? (() => undefined);
  const now = opts.clock ?? (() => Date.now());
  const keyring = new Keyring(opts.region, opts.accountId, new KeyMaterialStore(opts.dataDir, log, now));
  keyring.apply(opts.keys);
  const ctx: KmsContext = { keyring, accountId: opts.accountId, now };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const requestId = randomUUID();
    let action = '';
    let wire: WireResponse;
    try {
      const body = await readBody(req);
      const target = req.headers['x-amz-target'];
      const parsed = parseRequest(typeof target === 'string' ? target : undefined, body);
      action = parsed.action;
      wire = jsonResponse(dispatch(ctx, action, parsed.input), requestId);
    } catch (err) {
      const e = toKmsError(err);
      if (e.type === 'KMSInternalException') log(`kms: ${action || 'request'} failed: ${(err as Error).stack ?? String(err)}`);
      wire = jsonError(e, requestId);
    }
    if (res.destroyed) return;
    res.writeHead(wire.status, { ...wire.headers, 'content-length': Buffer.byteLength(wire.body) });
    res.end(wire.body);
  }

  const server = http.createServer((req, res) => {
    void handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const endpoint = `http://${urlHost(host)}:${port}`;
  log(`kms: listening on ${endpoint} with ${keyring.size} key(s)${opts.dataDir ? ` (material in ${opts.dataDir})` : ' (in memory)'}`);

  let closed: Promise<void> | undefined;
  return {
    endpoint,
    port,
    applyKeys: (keys) => keyring.apply(keys),
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 1000).unref();
      }).then(() => log('kms: closed'));
      return closed;
    },
  };
}
