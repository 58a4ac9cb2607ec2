/**
 * The worker registry and training routes against DynamoDB Local, a local KMS endpoint and
 * the local SQS endpoint, each handler invoked by its route as CDK deploys it
 * (support/worker-harness.ts): one identity per person across enterprises, what another
 * enterprise may (not) see, roles and isolation, checks, consents, training through the
 * consumer into the yearly figures — and, at the end, no plaintext ID number or full name
 * anywhere in the table or on the queue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../shared/auth/roles';
import { createTenant } from '../../shared/admin/onboarding';
import { decryptPersonalData } from '../../shared/crypto/personal-data';
import { certificationFacts } from '../../shared/services/worker-facts';
import { employmentRepository } from '../../shared/store/employment-repository';
import type { WorkerProfile } from '../../shared/domain/worker/worker';
import { startWorkerHarness, type WorkerHarness } from '../support/worker-harness';
import { fullWidth, person, plaintextOf, type Person } from '../support/workers';

let h: WorkerHarness;
let A: Caller;
let B: Caller;
let C: Caller;
let BASE: Caller;
const ADMIN: Caller = { tenantId: 'ten_01JADMINAAAAAAAAAAAAAAAAAA', role: 'admin', keyId: 'key_admin' };
const INSURER: Caller = { tenantId: 'ten_01JINSURERAAAAAAAAAAAAAAA', role: 'insurer', keyId: 'key_ins' };
const people: Person[] = [];

const newPerson = () => {
  const p = person();
  people.push(p);
  return p;
};

beforeAll(async () => {
  h = await startWorkerHarness();
  const tenant = async (name: string, role: Caller['role'], keyId: string): Promise<Caller> => ({
    tenantId: (await createTenant(h.store, { name, role })).tenantId,
    role,
    keyId,
  });
  A = await tenant('甲家政服务有限公司', 'enterprise', 'key_a');
  B = await tenant('乙家政服务有限公司', 'enterprise', 'key_b');
  C = await tenant('丙家政服务有限公司', 'enterprise', 'key_c');
  BASE = await tenant('广州市家政培训基地', 'training-base', 'key_base');
});
afterAll(async () => {
  await h?.close();
});

function register(caller: Caller, p: Person, extra: Record<string, unknown> = {}, idempotencyKey?: string) {
  return h.call(caller, 'POST /v1/workers', { body: { idNumber: p.idNumber, name: p.name, serviceCategories: ['nanny'], ...extra }, idempotencyKey });
}
const getWorker = (caller: Caller, workerId: string) => h.call(caller, 'GET /v1/workers/{workerId}', { params: { workerId } });
const trace = (caller: Caller, workerId: string) => h.call(caller, 'GET /v1/workers/{workerId}/trace', { params: { workerId } });
const endEmployment = (caller: Caller, workerId: string, body?: unknown) => h.call(caller, 'POST /v1/workers/{workerId}/employment/end', { params: { workerId }, body });
const consent = (caller: Caller, workerId: string, body: unknown) => h.call(caller, 'POST /v1/workers/{workerId}/consents', { params: { workerId }, body });
const check = (caller: Caller, workerId: string, kind: string, body: unknown) =>
  h.call(caller, `POST /v1/workers/{workerId}/checks/${kind}`, { params: { workerId }, body });
const training = (caller: Caller, segment: string, body: unknown) => h.call(caller, `POST /v1/training/${segment}`, { body });
const event = (caller: Caller, eventId: string) => h.call(caller, 'GET /v1/events/{eventId}', { params: { eventId } });

const itemsOf = async (prefix: string) => (await h.scanTable([prefix])).filter((i) => String(i.pk).startsWith(prefix));

describe('registration', () => {
  it('registers a worker: 201, Location, masked ID number and name, encrypted at rest', async () => {
    const p = newPerson();
    const res = await register(A, p, { consents: [{ scope: 'credit-information', version: '2026-01', granted: true }] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ workerId: expect.stringMatching(/^wkr_/), eventId: expect.stringMatching(/^evt_/), status: 'registered', employment: { status: 'current' } });
    expect(res.headers.location).toBe(`/v1/workers/${res.body.workerId}`);

    const view = await getWorker(A, res.body.workerId);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      workerId: res.body.workerId,
      idNumber: `${p.idNumber.slice(0, 6)}********${p.idNumber.slice(-4)}`,
      name: `${p.name[0]}**`,
      employment: { status: 'current', serviceCategories: ['nanny'] },
      consents: [{ scope: 'credit-information', version: '2026-01' }],
      certificate: { status: 'not-issued' },
    });

    // The stored ciphertexts decrypt, with the worker bound into the context, to what was sent.
    const [profile] = (await itemsOf(`WORKER#${res.body.workerId}`)).filter((i) => i.sk === 'WORKER') as unknown as WorkerProfile[];
    const context = (purpose: string) => ({ purpose, workerId: res.body.workerId });
    expect(await decryptPersonalData(profile!.idNumberCiphertext, context('id-number'))).toBe(p.idNumber);
    expect(await decryptPersonalData(profile!.nameCiphertext, context('name'))).toBe(p.name);
    await expect(decryptPersonalData(profile!.idNumberCiphertext, { purpose: 'id-number', workerId: 'wkr_other' })).rejects.toThrow();
  });

  it('replays the answer for the same Idempotency-Key and refuses the key with another body', async () => {
    const p = newPerson();
    const first = await register(A, p, {}, 'register-replay-1');
    const again = await register(A, p, {}, 'register-replay-1');
    expect(again).toMatchObject({ status: 201, body: first.body });
    const other = await register(A, p, { serviceCategories: ['cooking'] }, 'register-replay-1');
    expect(other.status).toBe(422);
    expect(other.body.type).toBe('/problems/idempotency-key-reused');
    // With a new key, the same enterprise registering the same person again: nothing changes.
    const repeat = await register(A, p);
    expect(repeat).toMatchObject({ status: 200, body: { workerId: first.body.workerId, status: 'already-registered' } });
    expect((await trace(A, first.body.workerId)).body.entries.map((e: { type: string }) => e.type)).toEqual(['worker.registered', 'worker.employment-started']);
  });

  it('refuses invalid ID numbers without echoing them, and fields it does not collect', async () => {
    const bad = '440308199001011230';
    const invalid = await h.call(A, 'POST /v1/workers', { body: { idNumber: bad, name: '王小明', serviceCategories: ['nanny'] } });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors).toEqual([{ pointer: '/idNumber', detail: 'is not a valid resident ID number' }]);
    expect(JSON.stringify(invalid.body)).not.toContain(bad);
    const phone = await h.call(A, 'POST /v1/workers', { body: { ...newPerson(), serviceCategories: ['nanny'], phone: '13800138000' } });
    expect(phone.status).toBe(422);
    expect(phone.body.errors[0].detail).toMatch(/unknown field/);
    const oneCharacter = await h.call(A, 'POST /v1/workers', { body: { idNumber: newPerson().idNumber, name: '王', serviceCategories: ['nanny'] } });
    expect(oneCharacter.body.errors).toEqual([{ pointer: '/name', detail: 'must be at least 2 characters' }]);
  });
});

describe('one person, one identity across enterprises', () => {
  let p: Person;
  let workerId: string;

  beforeAll(async () => {
    p = newPerson();
    workerId = (await register(A, p, { consents: [{ scope: 'credit-information', version: '2026-01', granted: true }] })).body.workerId;
    expect((await check(A, workerId, 'background', { result: 'clear', date: '2026-01-05' })).status).toBe(200);
  });

  it('refuses a second enterprise while the first one employs the person (409), changing nothing', async () => {
    const res = await register(B, p);
    expect(res.status).toBe(409);
    expect(res.body.type).toBe('/problems/worker-employed-elsewhere');
    expect(JSON.stringify(res.body)).not.toContain(A.tenantId);
    expect(await employmentRepository(h.store).get(B.tenantId, workerId)).toBeUndefined();
  });

  it('after the first ends the employment, the second registers the SAME worker (one PERSON item, one worker)', async () => {
    const ended = await endEmployment(A, workerId, { reason: 'resigned' });
    expect(ended.status).toBe(200);
    expect(ended.body.employment).toMatchObject({ status: 'ended' });
    // Typed with full-width digits this time (as Chinese input methods do): the same person.
    const res = await h.call(B, 'POST /v1/workers', { body: { idNumber: fullWidth(p.idNumber), name: p.name, serviceCategories: ['childcare'] } });
    expect(res.status).toBe(201);
    expect(res.body.workerId).toBe(workerId);

    const scan = await h.scanTable();
    const persons = scan.filter((i) => String(i.pk).startsWith('PERSON#') && i.workerId === workerId);
    expect(persons).toHaveLength(1);
    expect(scan.filter((i) => i.pk === `WORKER#${workerId}` && i.sk === 'WORKER')).toHaveLength(1);
    const links = await Promise.all([A, B].map((t) => employmentRepository(h.store).get(t.tenantId, workerId)));
    expect(links.map((l) => l?.status)).toEqual(['ended', 'current']);
    expect(scan.filter((i) => i.workerId === workerId && i.sk === 'EMPLOYMENT' && i.status === 'current')).toHaveLength(1);
  });

  it("shows the second enterprise the worker's checks and consents, but none of the first one's link data", async () => {
    const view = await getWorker(B, workerId);
    expect(view.status).toBe(200);
    expect(view.body.employment).toMatchObject({ status: 'current', serviceCategories: ['childcare'] });
    expect(view.body.checks.background).toMatchObject({ result: 'clear', date: '2026-01-05' });
    expect(view.body.consents).toHaveLength(1);
    const text = JSON.stringify(view.body);
    expect(text).not.toContain(A.tenantId);
    expect(text).not.toContain('resigned');
    expect(text).not.toContain('nanny');
    expect(view.body.currentTenantId).toBeUndefined();

    // The trace: the first enterprise's entries keep their place and hashes, not their author or payload hash.
    const t = await trace(B, workerId);
    expect(t.body.verification).toEqual({ valid: true, length: t.body.entries.length });
    expect(JSON.stringify(t.body)).not.toContain(A.tenantId);
    expect(JSON.stringify(t.body)).not.toContain('key_a');
    const first = t.body.entries[0];
    expect(first).toMatchObject({ seq: 1, type: 'worker.registered', actor: { role: 'enterprise' }, redacted: true });
    expect(first.payloadHash).toBeUndefined();
    expect(t.body.entries.at(-1)).toMatchObject({ type: 'worker.employment-started', actor: { tenantId: B.tenantId, keyId: 'key_b' } });
  });

  it('lets the first enterprise still read the worker it employed, with only its own (ended) link', async () => {
    const view = await getWorker(A, workerId);
    expect(view.status).toBe(200);
    expect(view.body.employment).toMatchObject({ status: 'ended', endReason: 'resigned', serviceCategories: ['nanny'] });
    expect(JSON.stringify(view.body)).not.toContain(B.tenantId);
    expect(JSON.stringify(view.body)).not.toContain('childcare');
    // …but it may change nothing any more.
    const res = await check(A, workerId, 'identity', { verified: true, method: 'id-card-reader' });
    expect(res.status).toBe(409);
    expect(res.body.type).toBe('/problems/not-employed');
    expect((await endEmployment(A, workerId)).status).toBe(409);
  });

  it('admits the admin to every worker and the whole trace', async () => {
    const view = await getWorker(ADMIN, workerId);
    expect(view.body).toMatchObject({ workerId, currentTenantId: B.tenantId });
    const t = await trace(ADMIN, workerId);
    expect(t.body.entries.some((e: { redacted?: boolean }) => e.redacted)).toBe(false);
  });

  it('two enterprises registering a new person at the same moment: one worker, one current link', async () => {
    const q = newPerson();
    const [ra, rb] = await Promise.all([register(A, q), register(B, q)]);
    expect([ra.status, rb.status].sort()).toEqual([201, 409]);
    const winner = ra.status === 201 ? ra : rb;
    const scan = await h.scanTable(['PERSON#', 'WORKER#']);
    expect(scan.filter((i) => String(i.pk).startsWith('PERSON#') && i.workerId === winner.body.workerId)).toHaveLength(1);
    // Every worker has exactly one PERSON item: the loser's attempt left no worker behind.
    const persons = scan.filter((i) => String(i.pk).startsWith('PERSON#'));
    const workers = scan.filter((i) => String(i.pk).startsWith('WORKER#') && i.sk === 'WORKER');
    expect(new Set(persons.map((i) => i.workerId))).toEqual(new Set(workers.map((i) => i.workerId)));
    expect(persons).toHaveLength(workers.length);
  });
});

describe('roles and isolation', () => {
  let workerId: string;
  beforeAll(async () => {
    workerId = (await register(A, newPerson())).body.workerId;
  });

  it.each([
    ['a training base registering a worker', () => register(BASE, newPerson())],
    ['an insurer reading a worker', () => getWorker(INSURER, workerId)],
    ['a training base listing workers', () => h.call(BASE, 'GET /v1/workers')],
    ['an enterprise reporting training', () => training(A, 'enrolments', { workerId, courseCode: 'C1', category: 'nanny', enrolledOn: '2026-03-01' })],
    ['an enterprise reading training figures', () => h.call(A, 'GET /v1/training/stats', { query: { year: '2026' } })],
    ['an admin registering a worker', () => register(ADMIN, newPerson())],
  ])('refuses %s (403)', async (_what, call) => {
    const res = await call();
    expect(res.status).toBe(403);
    expect(res.body.type).toBe('/problems/forbidden');
  });

  it('answers 404 to an enterprise that never employed the worker, on every route', async () => {
    const calls = [
      getWorker(C, workerId),
      trace(C, workerId),
      endEmployment(C, workerId),
      consent(C, workerId, { scope: 'public-profile', version: '1', granted: true }),
      check(C, workerId, 'identity', { verified: true, method: 'document-inspection' }),
      getWorker(C, 'wkr_01JNOSUCHWORKERAAAAAAAAAAA'),
      getWorker(C, 'not-a-worker-id'),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.status).toBe(404);
      expect(res.body.type).toBe('/problems/not-found');
    }
  });

  it("lists an enterprise's own workers only, newest first, with a cursor", async () => {
    const own: string[] = [];
    for (let i = 0; i < 2; i++) own.push((await register(C, newPerson())).body.workerId);
    const page1 = await h.call(C, 'GET /v1/workers', { query: { limit: '2' } });
    expect(page1.status).toBe(200);
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await h.call(C, 'GET /v1/workers', { query: { limit: '2', cursor: page1.body.nextCursor } });
    const listed = [...page1.body.items, ...page2.body.items].map((w: { workerId: string }) => w.workerId);
    expect(listed.sort()).toEqual(own.sort());
    expect(listed).not.toContain(workerId);
    expect(page1.body.items[0]).toMatchObject({ name: expect.stringMatching(/^\S\*\*$/), status: 'current', serviceCategories: ['nanny'] });
    const current = await h.call(C, 'GET /v1/workers', { query: { status: 'ended' } });
    expect(current.body.items).toEqual([]);
  });
});

describe('checks', () => {
  let workerId: string;
  beforeAll(async () => {
    workerId = (await register(A, newPerson())).body.workerId;
  });

  it('refuses a health check valid for more than one year after the exam (422)', async () => {
    const res = await check(A, workerId, 'health', { examDate: '2026-01-10', passed: true, validUntil: '2027-01-11' });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ pointer: '/validUntil', detail: 'must be at most one year after examDate (2027-01-10 at the latest)' }]);
    const future = await check(A, workerId, 'background', { result: 'clear', date: '2999-01-01' });
    expect(future.status).toBe(422);
  });

  it('records identity, background and health checks, each on the trace', async () => {
    const results = [
      await check(A, workerId, 'identity', { verified: true, method: 'id-card-reader' }),
      await check(A, workerId, 'background', { result: 'clear', date: '2026-01-08' }),
      await check(A, workerId, 'health', { examDate: '2026-01-10', passed: true, validUntil: '2027-01-10' }),
    ];
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(results[2]!.body).toMatchObject({ workerId, status: 'applied', seq: 5 });
    const view = await getWorker(A, workerId);
    expect(view.body.checks).toMatchObject({
      identity: { verified: true, method: 'id-card-reader' },
      background: { result: 'clear', date: '2026-01-08' },
      health: { examDate: '2026-01-10', passed: true, validUntil: '2027-01-10' },
    });
    const t = await trace(A, workerId);
    expect(t.body.entries.map((e: { type: string }) => e.type).slice(-3)).toEqual(['worker.identity-checked', 'worker.background-checked', 'worker.health-checked']);
    expect(t.body.verification.valid).toBe(true);
  });
});

describe('consents', () => {
  it('keeps the history: granted, superseded by a newer version, revoked; nothing to revoke is 409', async () => {
    const workerId = (await register(A, newPerson(), { consents: [{ scope: 'credit-information', version: 'v1', granted: true }] })).body.workerId;
    expect((await consent(A, workerId, { scope: 'credit-information', version: 'v1', granted: true })).body.change).toBe('confirmed');
    expect((await consent(A, workerId, { scope: 'credit-information', version: 'v2', granted: true })).body.change).toBe('superseded');
    expect((await consent(A, workerId, { scope: 'public-profile', version: 'p1', granted: true })).body.change).toBe('granted');
    expect((await consent(A, workerId, { scope: 'credit-information', version: 'v2', granted: false })).body.change).toBe('revoked');
    const again = await consent(A, workerId, { scope: 'credit-information', version: 'v2', granted: false });
    expect(again.status).toBe(409);
    expect(again.body.type).toBe('/problems/consent-not-granted');

    const { consents } = (await getWorker(A, workerId)).body;
    expect(consents).toEqual([
      { scope: 'credit-information', version: 'v1', grantedAt: expect.any(String), supersededAt: expect.any(String) },
      { scope: 'credit-information', version: 'v2', grantedAt: expect.any(String), revokedAt: expect.any(String) },
      { scope: 'public-profile', version: 'p1', grantedAt: expect.any(String) },
    ]);
    expect((await certificationFacts(h.store, workerId)).creditConsentSigned).toBe(false);
    const types = (await trace(A, workerId)).body.entries.map((e: { type: string }) => e.type);
    expect(types.filter((t: string) => t === 'worker.consent-recorded')).toHaveLength(5);
  });
});

describe('training through the queue and the consumer', () => {
  let p: Person;
  let workerId: string;

  beforeAll(async () => {
    p = newPerson();
    workerId = (await register(B, p, { consents: [{ scope: 'credit-information', version: '2026-01', granted: true }] })).body.workerId;
    await check(B, workerId, 'identity', { verified: true, method: 'online-verification' });
    await check(B, workerId, 'background', { result: 'clear', date: '2026-02-01' });
    await check(B, workerId, 'health', { examDate: '2026-02-02', passed: true, validUntil: '2027-02-02' });
  });

  it('reports by ID number or worker id (202), applies in order, and updates the figures', async () => {
    const enrol = await training(BASE, 'enrolments', { idNumber: p.idNumber, courseCode: 'YS-2026-01', category: 'maternity_matron', enrolledOn: '2026-03-01' });
    expect(enrol.status).toBe(202);
    expect(enrol.body).toEqual({ workerId, eventId: expect.stringMatching(/^evt_/), status: 'accepted' });
    expect(enrol.headers.location).toBe(`/v1/events/${enrol.body.eventId}`);
    const done = await training(BASE, 'completions', { workerId, courseCode: 'YS-2026-01', category: 'maternity_matron', completedOn: '2026-04-10', hours: 120 });
    const failed = await training(BASE, 'exam-results', { idNumber: p.idNumber.toLowerCase(), courseCode: 'YS-2026-01', category: 'maternity_matron', examDate: '2026-04-15', score: 52, passed: false });
    const passed = await training(BASE, 'exam-results', { workerId, courseCode: 'YS-2026-01', category: 'maternity_matron', examDate: '2026-04-25', score: 88, passed: true });
    const wrong = await training(BASE, 'completions', { workerId, courseCode: 'NO-SUCH', category: 'nanny', completedOn: '2026-04-10' });
    for (const res of [done, failed, passed, wrong]) expect(res.status).toBe(202);
    expect((await event(BASE, enrol.body.eventId)).body.status).toBe('accepted');

    await h.settleTraining();
    for (const res of [enrol, done, failed, passed]) expect((await event(BASE, res.body.eventId)).body).toMatchObject({ status: 'applied' });
    expect((await event(BASE, wrong.body.eventId)).body).toMatchObject({ status: 'rejected', reason: 'not enrolled in course NO-SUCH at this base' });

    const stats = await h.call(BASE, 'GET /v1/training/stats', { query: { year: '2026' } });
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({ tenantId: BASE.tenantId, year: '2026', trainees: 1, enrolments: 1, completions: 1, examResults: 2, passes: 1, passRate: 0.5, passedTrainees: 1 });
    expect(stats.body.byCategory).toEqual([{ category: 'maternity_matron', trainees: 1, enrolments: 1, completions: 1, passes: 1, passedTrainees: 1 }]);
    const admin = await h.call(ADMIN, 'GET /v1/training/stats', { query: { year: '2026', tenantId: BASE.tenantId } });
    expect(admin.body).toEqual(stats.body);
    expect((await h.call(BASE, 'GET /v1/training/stats', { query: { year: '2026', tenantId: A.tenantId } })).status).toBe(403);
    expect((await h.call(BASE, 'GET /v1/training/stats', { query: { year: '2027' } })).body).toMatchObject({ trainees: 0, passRate: null });

    const view = await getWorker(B, workerId);
    expect(view.body.trainedCategories).toEqual(['maternity_matron']);
    // The passed exam completed what the 安心服务证 needs: issued by the consumer (yellow: no insurance yet).
    expect(view.body.certificate).toEqual({ status: 'ISSUED', certNo: expect.any(String), light: 'yellow', validUntil: expect.any(String) });
    expect(view.body.training).toEqual([
      {
        baseTenantId: BASE.tenantId,
        courseCode: 'YS-2026-01',
        category: 'maternity_matron',
        attempt: 1,
        enrolledOn: '2026-03-01',
        completedOn: '2026-04-10',
        exam: { examDate: '2026-04-25', score: 88, passed: true, sittings: 2 },
      },
    ]);
    const t = await trace(B, workerId);
    expect(t.body.verification.valid).toBe(true);
    expect(t.body.entries.map((e: { type: string }) => e.type).slice(-4)).toEqual([
      'worker.training-enrolled',
      'worker.training-completed',
      'worker.exam-recorded',
      'worker.exam-recorded',
    ]);
    // The base's entries are not the enterprise's: shown without author.
    expect(t.body.entries.at(-1)).toMatchObject({ actor: { role: 'training-base' }, redacted: true });
  });

  it('refreshes the certificate after a registry change: a flagged background check turns it red', async () => {
    expect((await check(B, workerId, 'background', { result: 'flagged', date: '2026-06-01' })).status).toBe(200);
    expect((await getWorker(B, workerId)).body.certificate).toMatchObject({ status: 'ISSUED', light: 'red' });
    expect((await check(B, workerId, 'background', { result: 'clear', date: '2026-06-02' })).status).toBe(200);
    expect((await getWorker(B, workerId)).body.certificate).toMatchObject({ light: 'yellow' });
  });

  it('gives the certificate domain the facts it needs', async () => {
    expect(await certificationFacts(h.store, workerId)).toEqual({
      workerId,
      identityVerified: true,
      backgroundCheck: { result: 'clear', date: '2026-06-02' },
      healthCheck: { examDate: '2026-02-02', passed: true, validUntil: '2027-02-02' },
      trainingPassed: true,
      creditConsentSigned: true,
      currentEnterprise: { tenantId: B.tenantId, name: '乙家政服务有限公司' },
      serviceCategories: ['maternity_matron'],
      maskedName: `${p.name[0]}**`,
    });
  });

  it('refuses reports on people no enterprise registered (422) and ambiguous references', async () => {
    const stranger = newPerson();
    const res = await training(BASE, 'enrolments', { idNumber: stranger.idNumber, courseCode: 'C1', category: 'nanny', enrolledOn: '2026-03-01' });
    expect(res.status).toBe(422);
    expect(res.body.type).toBe('/problems/worker-not-registered');
    const both = await training(BASE, 'enrolments', { idNumber: p.idNumber, workerId, courseCode: 'C1', category: 'nanny', enrolledOn: '2026-03-01' });
    expect(both.status).toBe(422);
    expect(both.body.errors).toEqual([{ pointer: '/workerId', detail: 'give exactly one of idNumber and workerId' }]);
  });

  it('replays a retried report and applies it once', async () => {
    const body = { workerId, courseCode: 'YY-01', category: 'childcare', enrolledOn: '2026-05-01' };
    const a = await h.call(BASE, 'POST /v1/training/enrolments', { body, idempotencyKey: 'train-retry-0001' });
    const b = await h.call(BASE, 'POST /v1/training/enrolments', { body, idempotencyKey: 'train-retry-0001' });
    expect(b.body).toEqual(a.body);
    await h.settleTraining();
    const records = (await getWorker(B, workerId)).body.training.filter((r: { courseCode: string }) => r.courseCode === 'YY-01');
    expect(records).toHaveLength(1);
  });
});

describe('no plaintext personal data at rest or in transit', () => {
  it('finds no ID number or full name in any table item or training message', async () => {
    expect(people.length).toBeGreaterThan(10);
    const secrets = plaintextOf(people);
    const table = JSON.stringify(await h.scanTable());
    const found = secrets.filter((s) => table.includes(s));
    expect(found).toEqual([]);
    // The masked forms are there (so the scan did read the workers).
    expect(table).toContain(`${people[0]!.idNumber.slice(0, 6)}********`);

    expect(h.sentMessages.length).toBeGreaterThanOrEqual(5);
    const messages = h.sentMessages.join('\n');
    expect(secrets.filter((s) => messages.includes(s))).toEqual([]);
    // Not even the keyed hash travels: the messages name workers by id.
    const hashes = (await h.scanTable(['PERSON#'])).filter((i) => String(i.pk).startsWith('PERSON#')).map((i) => String(i.pk).slice('PERSON#'.length));
    expect(hashes.filter((x) => messages.includes(x))).toEqual([]);
  });
});
