/**
 * The HTTP endpoint (startKmsServer): one port, AWS JSON 1.1. Signatures are not checked
 * (any credentials are accepted); with `iam`, a function's call is checked against its
 * role's policies and the key policy (local/iam, kms/authorize.ts), as in AWS.
 */
import { startHttpEndpoint } from '../aws-endpoint/http-server';
import type { Enforcer } from '../iam';
import { kmsAuthorizer } from './authorize';
import { serveJson } from '../aws-endpoint/json-protocol';
import type { LocalKmsKey } from '../topology';
import { dispatch } from './actions';
import type { KmsContext } from './context';
import { KmsError, toKmsError } from './errors';
import { KeyMaterialStore } from './key-material';
import { Keyring } from './keyring';
import { protocol } from './protocol';

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
  /** The template's IAM; absent = calls are not checked. */
  iam?: Enforcer;
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

export async function startKmsServer(opts: KmsServerOptions): Promise<KmsServer> {
  const log = opts.log ?? (() => undefined);
  const now = opts.clock ?? (() => Date.now());
  const keyring = new Keyring(opts.region, opts.accountId, new KeyMaterialStore(opts.dataDir, log, now));
  keyring.apply(opts.keys);
  const ctx: KmsContext = { keyring, accountId: opts.accountId, now };
  const authorize = opts.iam ? kmsAuthorizer(opts.iam, () => keyring) : undefined;

  const server = await startHttpEndpoint({
    host: opts.host,
    port: opts.port,
    maxBodyBytes: MAX_REQUEST_BYTES,
    bodyTooLarge: () => new KmsError('ValidationException', `Request body larger than ${MAX_REQUEST_BYTES} bytes.`),
    handle: (request) =>
      serveJson(protocol, request, {
        dispatch: (action, input) => dispatch(ctx, action, input),
        toError: toKmsError,
        log,
        logPrefix: 'kms: ',
        ...(authorize ? { authorize } : {}),
      }),
  });
  const { endpoint, port } = server;
  log(`kms: listening on ${endpoint} with ${keyring.size} key(s)${opts.dataDir ? ` (material in ${opts.dataDir})` : ' (in memory)'}`);

  let closed: Promise<void> | undefined;
  return {
    endpoint,
    port,
    applyKeys: (keys) => keyring.apply(keys),
    close() {
      closed ??= server.close().then(() => log('kms: closed'));
      return closed;
    },
  };
}
