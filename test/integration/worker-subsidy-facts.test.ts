/**
 * The worker facts the per-person subsidy schemes read (docs/subsidies.md "Facts"), through
 * the routes as CDK deploys them (support/worker-harness.ts): employment terms on the link,
 * closed when the employment ends; the graduation, only with the subsidy-graduate consent,
 * encrypted, never shown or logged, deleted with the consent; and personSubsidyFacts, what
 * the subsidy service will read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../shared/auth/roles';
import { createTenant } from '../../shared/admin/onboarding';
import { decryptPersonalData } from '../../shared/crypto/personal-data';
import { addDays } from '../../shared/domain/certificate/dates';
import { chinaDate } from '../../shared/domain/worker/dates';
import { canonicalHash } from '../../shared/lib/hash';
import { logger } from '../../shared/lib/logger';
import { personSubsidyFacts } from '../../shared/services/worker-subsidy-facts';
import { employmentRepository } from '../../shared/store/employment-repository';
import { keys } from '../../shared/store/keys';
import { captureEverythingLogged } from '../support/log-capture';
import { startWorkerHarness, type WorkerHarness } from '../support/worker-harness';
import { person } from '../support/workers';

let h: WorkerHarness;
let A: Caller;
let B: Caller;
let keyCounter = 0;

beforeAll(async () => {
  h = await startWorkerHarness();
  const tenant = async (name: string, keyId: string): Promise<Caller> => ({
    tenantId: (await createTenant(h.store, { name, role: 'enterprise' })).tenantId,
    role: 'enterprise',
    keyId,
  });
  A = await tenant('甲家政服务有限公司', 'key_a');
  B = await tenant('乙家政服务有限公司', 'key_b');
});
afterAll(async () => {
  await h?.close();
});

const register = async (caller: Caller, consents: unknown[] = [], p = person()) => {
  const res = await h.call(caller, 'POST /v1/workers', { body: { idNumber: p.idNumber, name: p.name, serviceCategories: ['nanny'], consents } });
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  return res.body.workerId as string;
};
const getWorker = (caller: Caller, workerId: string) => h.call(caller, 'GET /v1/workers/{workerId}', { params: { workerId } });
const trace = async (caller: Caller, workerId: string) => (await h.call(caller, 'GET /v1/workers/{workerId}/trace', { params: { workerId } })).body.entries as { type: string; payloadHash?: string }[];
const term = (caller: Caller, workerId: string, body: unknown, idempotencyKey?: string) =>
  h.call(caller, 'POST /v1/workers/{workerId}/employment/terms', { params: { workerId }, body, idempotencyKey });
const endEmployment = (caller: Caller, workerId: string, body?: unknown) => h.call(caller, 'POST /v1/workers/{workerId}/employment/end', { params: { workerId }, body });
const consent = (caller: Caller, workerId: string, granted: boolean) =>
  h.call(caller, 'POST /v1/workers/{workerId}/consents', { params: { workerId }, body: { scope: 'subsidy-graduate', version: '2026-01', granted } });
const graduation = (caller: Caller, workerId: string, body: unknown, key = `grad-key-${++keyCounter}`) =>
  h.call(caller, 'PUT /v1/workers/{workerId}/graduation', { params: { workerId }, body, headers: { 'idempotency-key': key } });
const itemOf = async (key: { pk: string; sk: string }) => (await h.scanTable([key.pk])).find((i) => i.pk === key.pk && i.sk === key.sk);

const today = () => chinaDate(new Date());
const UNKNOWN_WORKER = 'wkr_01JZZZZZZZZZZZZZZZZZZZZZZZ';

describe('employment terms', () => {
  let workerId: string;
  const worker = person();
  const START = '2026-03-01';

  beforeAll(async () => {
    workerId = await register(A, [], worker);
    // A link that predates the terms: it started on 1 March (a seed; registration stamps now).
    const employment = employmentRepository(h.store);
    const link = (await employment.get(A.tenantId, workerId, true))!;
    await employment.link({ ...link, since: `${START}T02:00:00.000Z` });
  });

  it('refuses another enterprise (404), an unknown worker (404), and days it does not allow (422)', async () => {
    expect((await term(B, workerId, { type: 'labour-contract', from: today() })).status).toBe(404);
    expect((await term(A, UNKNOWN_WORKER, { type: 'labour-contract', from: today() })).status).toBe(404);
    for (const from of ['2026-03-02', '2026-02-28', addDays(today(), 1)]) {
      const res = await term(A, workerId, { type: 'labour-contract', from });
      expect(res.status, from).toBe(422);
      expect(res.body.errors[0].pointer).toBe('/from');
    }
    expect((await term(A, workerId, { type: 'part-time', from: today() })).status).toBe(422);
    expect((await term(A, workerId, { type: 'labour-contract', from: today(), note: 'x' })).status).toBe(422);
    expect(await trace(A, workerId)).not.toContainEqual(expect.objectContaining({ type: 'worker.employment-term-recorded' }));
  });

  it('gives a link its first term from its first day, then changes it from today; the same type again is 409', async () => {
    const first = await term(A, workerId, { type: 'service-agreement', from: START }, 'term-first-0001');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'applied', change: 'opened', employment: { status: 'current', terms: [{ type: 'service-agreement', from: START, recordedOn: today() }] } });
    // A retry replays the answer; the key with another body is refused.
    expect((await term(A, workerId, { type: 'service-agreement', from: START }, 'term-first-0001')).body).toEqual(first.body);
    expect((await term(A, workerId, { type: 'labour-contract', from: today() }, 'term-first-0001')).status).toBe(422);

    const same = await term(A, workerId, { type: 'service-agreement', from: today() });
    expect(same.status).toBe(409);
    expect(same.body.type).toBe('/problems/employment-term-unchanged');
    // The first day is for the first term only.
    expect((await term(A, workerId, { type: 'labour-contract', from: START })).status).toBe(422);

    const changed = await term(A, workerId, { type: 'labour-contract', from: today() });
    expect(changed.body.change).toBe('changed');
    const terms = [
      { type: 'service-agreement', from: START, until: addDays(today(), -1), recordedOn: today() },
      { type: 'labour-contract', from: today(), recordedOn: today() },
    ];
    expect((await getWorker(A, workerId)).body.employment.terms).toEqual(terms);

    // On the worker's trace with the type and the days only.
    const entries = (await trace(A, workerId)).filter((e) => e.type === 'worker.employment-term-recorded');
    expect(entries.map((e) => e.payloadHash)).toEqual([
      canonicalHash({ type: 'service-agreement', from: START, recordedOn: today() }),
      canonicalHash({ type: 'labour-contract', from: today(), recordedOn: today() }),
    ]);
    expect(await personSubsidyFacts(h.store, A.tenantId, workerId, { withGraduation: false })).toEqual({ workerId, terms, traceHead: expect.any(Object) });
  });

  it('closes the running term when the employment ends, keeps the terms in the finished period, and refuses terms after (409)', async () => {
    const yesterday = addDays(today(), -1);
    const ended = await endEmployment(A, workerId, { endedOn: yesterday });
    expect(ended.status).toBe(200);
    // Ended yesterday: the labour contract recorded today never ran; the service agreement ends on the last day.
    const closed = [{ type: 'service-agreement', from: START, until: yesterday, recordedOn: today() }];
    expect(ended.body.employment).toEqual({ status: 'ended', since: `${START}T02:00:00.000Z`, until: yesterday, terms: closed });
    expect(await itemOf(keys.employmentPeriod(A.tenantId, workerId, `${START}T02:00:00.000Z`))).toMatchObject({ until: yesterday, terms: closed });
    const refused = await term(A, workerId, { type: 'labour-contract', from: today() });
    expect(refused.status).toBe(409);
    expect(refused.body.type).toBe('/problems/not-employed');

    // Re-hired today: a new link with no terms of its own; the facts hold both employments' terms in order.
    expect(await register(A, [], worker)).toBe(workerId);
    expect((await getWorker(A, workerId)).body.employment).not.toHaveProperty('terms');
    expect((await term(A, workerId, { type: 'labour-contract', from: today() })).body.change).toBe('opened');
    expect((await personSubsidyFacts(h.store, A.tenantId, workerId, { withGraduation: false }))!.terms).toEqual([
      ...closed,
      { type: 'labour-contract', from: today(), recordedOn: today() },
    ]);
    expect(await personSubsidyFacts(h.store, B.tenantId, workerId, { withGraduation: true })).toBeUndefined();
  });
});

describe('graduation', () => {
  const GRADUATION = { graduationYear: 2019, schoolType: 'technician-college-advanced' };
  // Everything the handlers log, at every level, for the check that no value is in it.
  const logged = captureEverythingLogged();

  it('is refused without the subsidy-graduate consent (409 consent-required), for another enterprise (404), and stores nothing', async () => {
    const workerId = await register(A);
    const refused = await graduation(A, workerId, GRADUATION);
    expect(refused.status).toBe(409);
    expect(refused.body.type).toBe('/problems/consent-required');
    expect(refused.body.detail).toContain('subsidy-graduate');
    expect((await graduation(B, workerId, GRADUATION)).status).toBe(404);
    expect((await graduation(A, UNKNOWN_WORKER, GRADUATION)).status).toBe(404);
    expect(await itemOf(keys.workerGraduation(workerId))).toBeUndefined();
    expect((await getWorker(A, workerId)).body.graduation).toEqual({ recorded: false });
    expect(await personSubsidyFacts(h.store, A.tenantId, workerId, { withGraduation: true })).toMatchObject({ graduation: { consented: false } });
  });

  it('is recorded encrypted with the consent: shown only as recorded, read back by personSubsidyFacts, the trace hashing the ciphertext', async () => {
    const workerId = await register(A, [{ scope: 'subsidy-graduate', version: '2026-01', granted: true }]);
    for (const body of [{ ...GRADUATION, schoolType: 'university' }, { ...GRADUATION, graduationYear: 2030 }, { ...GRADUATION, major: 'nursing' }, { graduationYear: 2019 }]) {
      const res = await graduation(A, workerId, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
    }
    expect((await graduation(A, workerId, GRADUATION, 'no')).status).toBe(400);

    const res = await graduation(A, workerId, GRADUATION, 'graduation-key-1');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ workerId, eventId: expect.any(String), status: 'applied', seq: expect.any(Number), graduation: { recorded: true } });
    expect((await graduation(A, workerId, GRADUATION, 'graduation-key-1')).body).toEqual(res.body);
    expect((await graduation(A, workerId, { ...GRADUATION, graduationYear: 2020 }, 'graduation-key-1')).status).toBe(422);

    const view = await getWorker(A, workerId);
    expect(view.body.graduation).toEqual({ recorded: true });
    const list = await h.call(A, 'GET /v1/workers', {});
    for (const shown of [view.body, list.body, res.body]) {
      expect(JSON.stringify(shown)).not.toContain(GRADUATION.schoolType);
      expect(JSON.stringify(shown)).not.toContain(String(GRADUATION.graduationYear));
    }

    // Stored as one ciphertext under the personal-data key, bound to this worker.
    const item = (await itemOf(keys.workerGraduation(workerId)))!;
    expect(Object.keys(item).sort()).toEqual(['ciphertext', 'pk', 'recordedAt', 'recordedBy', 'seq', 'sk']);
    expect(JSON.parse(await decryptPersonalData(String(item.ciphertext), { purpose: 'graduation', workerId }))).toEqual(GRADUATION);
    await expect(decryptPersonalData(String(item.ciphertext), { purpose: 'graduation', workerId: UNKNOWN_WORKER })).rejects.toThrow();
    const entry = (await trace(A, workerId)).find((e) => e.type === 'worker.graduation-recorded')!;
    expect(entry.payloadHash).toBe(canonicalHash({ ciphertext: item.ciphertext }));

    expect(await personSubsidyFacts(h.store, A.tenantId, workerId, { withGraduation: true })).toMatchObject({
      workerId,
      terms: [],
      graduation: { consented: true, recorded: { graduationYear: 2019, schoolType: 'technician-college-advanced' } },
    });
    expect(await personSubsidyFacts(h.store, A.tenantId, workerId, { withGraduation: false })).not.toHaveProperty('graduation');
  });

  it('is deleted when the consent is revoked, in the same change; recording again needs the consent again', async () => {
    const workerId = await register(A, [{ scope: 'subsidy-graduate', version: '2026-01', granted: true }]);
    expect((await graduation(A, workerId, GRADUATION)).status).toBe(200);
    const revoked = await consent(A, workerId, false);
    expect(revoked.body.change).toBe('revoked');
    expect(await itemOf(keys.workerGraduation(workerId))).toBeUndefined();
    expect((await getWorker(A, workerId)).body.graduation).toEqual({ recorded: false });
    expect(await personSubsidyFacts(h.store, A.tenantId, workerId, { withGraduation: true })).toMatchObject({ graduation: { consented: false } });
    expect((await graduation(A, workerId, GRADUATION)).status).toBe(409);
    // A former employer may no longer record it.
    expect((await consent(A, workerId, true)).body.change).toBe('granted');
    await endEmployment(A, workerId);
    const former = await graduation(A, workerId, GRADUATION);
    expect(former.status).toBe(409);
    expect(former.body.type).toBe('/problems/not-employed');
  });

  it('leaves no value in the table, the events, the logs or the queue', async () => {
    const items = await h.scanTable();
    const table = JSON.stringify(items);
    expect(table).toContain('"sk":"GRADUATION"');
    for (const word of [GRADUATION.schoolType, 'graduationYear', 'schoolType']) expect(table).not.toContain(word);
    // Not a digest of the values either (few enough to guess from one).
    for (const form of [GRADUATION, { ...GRADUATION, workerId: undefined }]) expect(table).not.toContain(canonicalHash(form));
    const numbers: unknown[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'number') numbers.push(v);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(items);
    expect(numbers).not.toContain(GRADUATION.graduationYear);

    logger.info('log capture check');
    expect(logged.join('\n')).toContain('log capture check');
    for (const word of [GRADUATION.schoolType, 'graduationYear']) expect(logged.join('\n')).not.toContain(word);
    expect(h.sentMessages.join('\n')).not.toContain(GRADUATION.schoolType);
  });
});
