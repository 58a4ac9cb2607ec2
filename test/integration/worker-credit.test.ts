/**
 * GET /v1/workers/{workerId}/credit through its handler: a registered worker's stars from the
 * worker's own record and monthly counters (docs/credit-grading.md "Worker stars"), for an
 * enterprise that employs the worker or an admin; any other enterprise gets 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../shared/auth/roles';
import { createTenant } from '../../shared/admin/onboarding';
import { shanghaiMonth } from '../../shared/lib/shanghai-day';
import { creditFactsRepository } from '../../shared/store/credit-facts-repository';
import { startWorkerHarness, type WorkerHarness } from '../support/worker-harness';
import { person } from '../support/workers';

let h: WorkerHarness;
let A: Caller;
let B: Caller;
const ADMIN: Caller = { tenantId: 'ten_01JADMINCREDITAAAAAAAAAAA', role: 'admin', keyId: 'key_admin' };

beforeAll(async () => {
  h = await startWorkerHarness();
  A = { tenantId: (await createTenant(h.store, { name: '甲家政', role: 'enterprise' })).tenantId, role: 'enterprise', keyId: 'key_a' };
  B = { tenantId: (await createTenant(h.store, { name: '乙家政', role: 'enterprise' })).tenantId, role: 'enterprise', keyId: 'key_b' };
});
afterAll(async () => {
  await h?.close();
});

describe("a worker's credit stars", () => {
  it('come from the worker’s counters, for the employer and an admin only', async () => {
    const p = person();
    const registered = await h.call(A, 'POST /v1/workers', { body: { idNumber: p.idNumber, name: p.name, serviceCategories: ['nanny'] } });
    expect(registered.status).toBe(201);
    const workerId = registered.body.workerId as string;
    // Ten completed orders this month, six rated 5 stars, no complaint, no no-show.
    await creditFactsRepository(h.store).applyEventFacts({
      eventId: 'evt_worker_credit_1',
      worker: { workerId, period: shanghaiMonth(new Date()), counters: { ordersCompleted: 10, ratings: 6, ratingStarsSum: 30 } },
    });

    const own = await h.call(A, 'GET /v1/workers/{workerId}/credit', { params: { workerId } });
    expect(own.status).toBe(200);
    // By hand from the document: ratings 25 (5.0 over at least 5), complaints 15, no-shows 15;
    // no trained category, no certificate, under a year of service: 0 → 55 points, 3 stars.
    expect(own.body).toMatchObject({ workerId, modelVersion: '2026.1', score: 55, stars: 3 });
    expect(own.body.indicators.map((i: { id: string }) => i.id)).toEqual(['training-categories', 'certificate-tenure', 'rating-average', 'complaints-per-100', 'no-show-rate', 'years-of-service']);

    expect((await h.call(ADMIN, 'GET /v1/workers/{workerId}/credit', { params: { workerId } })).body.stars).toBe(3);
    expect((await h.call(B, 'GET /v1/workers/{workerId}/credit', { params: { workerId } })).status).toBe(404);
    expect((await h.call(A, 'GET /v1/workers/{workerId}/credit', { params: { workerId: 'wkr_01JNOSUCHWORKERAAAAAAAAAAA' } })).status).toBe(404);
  });
});
