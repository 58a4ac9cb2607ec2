/**
 * One full order lifecycle over HTTP, as an enterprise and a household drive it:
 *
 *   POST /v1/orders → assign → confirm → check-in → check-out      (enterprise, API key)
 *   POST /v1/orders/{id}/rating-token → POST /v1/public/ratings     (household, one-time token)
 *   POST /v1/orders/{id}/close                                      (enterprise)
 *
 * It waits only where the API needs the previous step applied (commands on an order answer
 * 404 until the create is applied; a rating token needs a COMPLETED order); the commands in
 * between go to the order's FIFO group and are applied in order. The worker it assigns is
 * prepared beforehand through the store layer and services, never through the metered
 * path: linked to the enterprise and given a certificate (assignment requires one), as
 * worker registration and certification would have done long before any order.
 */
import { randomUUID } from 'node:crypto';
import type { CertificationFacts } from '../../shared/domain/certificate/facts';
import { evaluateCertificate } from '../../shared/services/certificates';
import type { StoreContext } from '../../shared/store/client';
import { employmentRepository } from '../../shared/store/employment-repository';
import { timedRequest, type HttpObserver } from '../lib/http';
import { orderRequest, prng } from '../lib/order-requests';
import { runPool } from '../lib/pool';
import { progress } from '../lib/progress';
import { awaitSettled } from '../throughput/await-applied';
import { CREATE_ROUTE } from '../throughput/post-orders';

const STEP_DEADLINE_MS = 120_000;

export const LIFECYCLE_ROUTES = [
  CREATE_ROUTE,
  'POST /v1/orders/{orderId}/assign',
  'POST /v1/orders/{orderId}/confirm',
  'POST /v1/orders/{orderId}/check-in',
  'POST /v1/orders/{orderId}/check-out',
  'POST /v1/orders/{orderId}/rating-token',
  'POST /v1/public/ratings',
  'POST /v1/orders/{orderId}/close',
];

export interface LifecycleContext {
  apiUrl: string;
  apiKey: string;
  tenantId: string;
  store: StoreContext;
  observe: HttpObserver;
}

export async function driveLifecycles(ctx: LifecycleContext, count: number, concurrency: number, seed: number): Promise<{ eventIds: string[]; failures: Record<number, number> }> {
  const random = prng(seed);
  const eventIds: string[] = [];
  const failures: Record<number, number> = {};
  const call = async (routeKey: string, path: string, body: unknown, auth = true): Promise<Record<string, any> | undefined> => {
    const answer = await timedRequest(`${ctx.apiUrl}${path}`, {
      method: 'POST',
      headers: {
        ...(auth ? { authorization: `Bearer ${ctx.apiKey}`, 'idempotency-key': `bench-${randomUUID()}` } : {}),
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    });
    ctx.observe({ method: 'POST', routeKey, status: answer.status, responseBytes: Buffer.byteLength(answer.body), latencyMs: answer.ms });
    if (answer.status >= 300) {
      failures[answer.status] = (failures[answer.status] ?? 0) + 1;
      return undefined;
    }
    const out = JSON.parse(answer.body) as Record<string, any>;
    if (out.eventId) eventIds.push(out.eventId);
    return out;
  };
  const applied = (eventId: string) => awaitSettled(ctx.store, ctx.tenantId, [eventId], STEP_DEADLINE_MS);

  const bar = progress(`lifecycles c=${concurrency}`, count);
  const requests = Array.from({ length: count }, (_, i) => orderRequest(random, i));
  await runPool(count, concurrency, async (i) => {
    const request = requests[i]!;
    const { workerId } = await certifiedWorker(ctx.store, ctx.tenantId);
    const created = await call(CREATE_ROUTE, '/v1/orders', request);
    if (!created) return bar.tick();
    await applied(created.eventId);
    const order = `/v1/orders/${created.orderId}`;
    const evidence = (at: string) => ({ at, method: 'app' });
    await call(LIFECYCLE_ROUTES[1]!, `${order}/assign`, { workerId });
    await call(LIFECYCLE_ROUTES[2]!, `${order}/confirm`, {});
    await call(LIFECYCLE_ROUTES[3]!, `${order}/check-in`, evidence(request.schedule.start));
    const checkedOut = await call(LIFECYCLE_ROUTES[4]!, `${order}/check-out`, evidence(request.schedule.end));
    if (!checkedOut) return bar.tick();
    await applied(checkedOut.eventId);
    const link = await call(LIFECYCLE_ROUTES[5]!, `${order}/rating-token`, {});
    const rated = link && (await call(LIFECYCLE_ROUTES[6]!, '/v1/public/ratings', { token: link.token, stars: 5 }, false));
    if (rated) await applied(rated.eventId);
    await call(LIFECYCLE_ROUTES[7]!, `${order}/close`, {});
    bar.tick();
  });
  bar.done();
  return { eventIds, failures };
}

const day = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** A worker employed by the enterprise and holding a green certificate (set-up, not measured). */
export async function certifiedWorker(store: StoreContext, tenantId: string, workerId = `wk-bench-${randomUUID().slice(0, 8)}`): Promise<{ workerId: string; certNo: string }> {
  await employmentRepository(store).link({ tenantId, workerId, status: 'current', since: day(-365) });
  const facts: CertificationFacts = {
    workerId,
    identityVerified: true,
    backgroundCheck: { result: 'clear', date: day(-60) },
    healthCheck: { examDate: day(-30), passed: true, validUntil: day(300) },
    trainingPassed: true,
    creditConsentSigned: true,
    insurance: { activeUntil: day(300) },
    currentEnterprise: { tenantId, name: 'Bench enterprise' },
    serviceCategories: ['cleaning', 'cooking', 'elderly_care', 'childcare', 'nanny', 'maternity_matron'],
    maskedName: '王**',
  };
  const result = await evaluateCertificate(store, workerId, async () => facts);
  if (result.outcome !== 'issued') throw new Error(`bench worker not certified: ${JSON.stringify(result)}`);
  return { workerId, certNo: result.certNo };
}
