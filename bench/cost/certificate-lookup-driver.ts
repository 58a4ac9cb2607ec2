/**
 * The public certificate check, as households scan a worker's QR code:
 *
 *   GET /v1/public/certificates/{qrToken}      (no API key; throttled and audited)
 *
 * Set-up, not measured: workers certified through the services (straight to the table),
 * each holding a green certificate whose QR token the driver reads back.
 *
 * The route limits lookups per source address (60 a minute) and per certificate (20 a
 * minute), as it should; a bench that sent everything from 127.0.0.1 would measure the
 * 429 path. So each lookup goes out from a loopback source address of its own range
 * (Linux routes all of 127.0.0.0/8 to lo) and each certificate is looked up at most
 * LOOKUPS_PER_CERT times: what is priced is the lookup a household really makes — the
 * throttle counters, the certificate read and its audit item included.
 */
import { request } from 'node:http';
import { certificatesRepository } from '../../shared/store/certificates-repository';
import type { HttpObserver } from '../lib/http';
import { runPool } from '../lib/pool';
import { progress } from '../lib/progress';
import { certifiedWorker, type LifecycleContext } from './lifecycle-driver';

export const LOOKUP_ROUTE = 'GET /v1/public/certificates/{qrToken}';

/** Below both limits of shared/services/certificate-lookup.ts (LOOKUP_LIMITS). */
const LOOKUPS_PER_SOURCE = 50;
const LOOKUPS_PER_CERT = 15;

/** Source addresses already used in this process (counters last a minute: never reuse one). */
let nextSource = 0;
const sourceAddress = (n: number): string => `127.${1 + Math.floor(n / 254) % 254}.${(n % 254) + 1}.${2 + Math.floor(n / (254 * 254))}`;

function get(url: string, localAddress: string): Promise<{ status: number; bytes: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', localAddress, headers: { accept: 'application/json' } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, ms: performance.now() - started }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

export async function driveCertificateLookups(
  ctx: LifecycleContext & { observe: HttpObserver },
  count: number,
  concurrency: number,
): Promise<{ eventIds: string[]; failures: Record<number, number> }> {
  const certs = certificatesRepository(ctx.store);
  const tokens: string[] = [];
  for (let i = 0; i < Math.ceil(count / LOOKUPS_PER_CERT); i++) {
    const { certNo } = await certifiedWorker(ctx.store, ctx.tenantId);
    const cert = await certs.get(certNo, true);
    if (!cert) throw new Error(`certificate ${certNo} not found after issue`);
    tokens.push(cert.qrToken);
  }
  const firstSource = nextSource;
  nextSource += Math.ceil(count / LOOKUPS_PER_SOURCE);

  const failures: Record<number, number> = {};
  const bar = progress(`certificate lookups c=${concurrency}`, count);
  await runPool(count, concurrency, async (i) => {
    const token = tokens[i % tokens.length]!;
    const answer = await get(`${ctx.apiUrl}/v1/public/certificates/${encodeURIComponent(token)}`, sourceAddress(firstSource + Math.floor(i / LOOKUPS_PER_SOURCE)));
    ctx.observe({ method: 'GET', routeKey: LOOKUP_ROUTE, status: answer.status, responseBytes: answer.bytes, latencyMs: answer.ms });
    if (answer.status !== 200) failures[answer.status] = (failures[answer.status] ?? 0) + 1;
    bar.tick();
  });
  bar.done();
  // A lookup is synchronous: no queued event to wait for.
  return { eventIds: [], failures };
}
