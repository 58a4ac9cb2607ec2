/**
 * One webhook attempt: POST the body to the URL with the signed headers, within a timeout.
 * 2xx = delivered. Anything else — another status (redirects are not followed), a timeout,
 * a refused or reset connection, an address we do not deliver to — is a failed attempt,
 * described in `error` for the log (never the response body: it is the receiver's).
 *
 * node:http(s) rather than fetch, for one reason: the `lookup` hook. Every address the
 * host resolves to is checked (webhooks/addresses.ts) at connect time, so a name that
 * re-resolves to 127.0.0.1 or 169.254.169.254 after registration is refused too.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { isDeliverableAddress } from './addresses';
import { hostOf } from './url-rules';

export type AttemptResult = { ok: true; status: number } | { ok: false; status?: number; error: string };

export interface PostOptions {
  timeoutMs: number;
  allowLoopback: boolean;
  headers: Record<string, string>;
}

/** Wraps dns.lookup: fails when any resolved address is not deliverable. */
function guardedLookup(allowLoopback: boolean) {
  return (hostname: string, options: LookupOptions, callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '');
      const refused = addresses.find((a) => !isDeliverableAddress(a.address, allowLoopback));
      if (refused || addresses.length === 0) {
        const e: NodeJS.ErrnoException = new Error(`${hostname} resolves to ${refused?.address ?? 'nothing'}, which webhooks are not delivered to`);
        e.code = 'EADDRNOTALLOWED';
        return callback(e, '');
      }
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

export function postWebhook(url: string, body: string, opts: PostOptions): Promise<AttemptResult> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve({ ok: false, error: 'the URL does not parse' });
  }
  const host = hostOf(target);
  if (isIP(host) !== 0 && !isDeliverableAddress(host, opts.allowLoopback)) {
    return Promise.resolve({ ok: false, error: `${host} is not an address webhooks are delivered to` });
  }
  const send = target.protocol === 'https:' ? httpsRequest : target.protocol === 'http:' ? httpRequest : undefined;
  if (!send) return Promise.resolve({ ok: false, error: `unsupported scheme ${target.protocol}` });

  return new Promise((resolve) => {
    let status: number | undefined;
    let settled = false;
    const done = (result: AttemptResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const outcome = (): AttemptResult =>
      status !== undefined && status >= 200 && status < 300 ? { ok: true, status } : { ok: false, status, error: `HTTP ${status}` };

    const req = send(target, {
      method: 'POST',
      headers: { ...opts.headers, 'content-length': String(Buffer.byteLength(body)) },
      lookup: guardedLookup(opts.allowLoopback),
      // A fresh connection per attempt: a receiver that broke its keep-alive must not cost a retry.
      agent: false,
    });
    const timer = setTimeout(() => {
      // A status that arrived counts; a receiver that never answered is a timeout.
      if (status !== undefined) done(outcome());
      else done({ ok: false, error: `no answer within ${opts.timeoutMs} ms` });
      req.destroy();
    }, opts.timeoutMs);
    req.on('response', (res: IncomingMessage) => {
      status = res.statusCode;
      // Drain (and discard) the body so the answer is complete; the timeout still bounds it.
      res.resume();
      res.on('end', () => done(outcome()));
      res.on('error', () => done(outcome()));
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (status !== undefined) return done(outcome());
      done({ ok: false, error: error.code ? `${error.code}: ${error.message}` : error.message });
    });
    req.end(body);
  });
}
