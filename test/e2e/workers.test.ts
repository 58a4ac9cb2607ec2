/**
 * The worker registry and training end to end on the local platform, over HTTP as the
 * partners would: two enterprises register the same person (one worker, the second only
 * after the first ended the employment), the employer records checks, a training base
 * reports by ID number and the training consumer applies it, the trace verifies — and
 * afterwards no plaintext ID number or full name is anywhere in DynamoDB Local, the
 * platform's logs (every function's output included) or the SQS journal (every message
 * sent, consumed or not). Every wait polls with a deadline.
 */
import { conformingFetch } from '../support/openapi-conformance';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey, createTenant } from '../../shared/admin/onboarding';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform';
import { person, plaintextOf, type Person } from '../support/workers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response shapes are asserted, not typed
type Json = any;

let platform: TestPlatform;
let keyA: string; // the demo enterprise
let keyB: string;
let baseKey: string;
let tenantA: string;
let tenantB: string;
let baseTenant: string;
let requestCount = 0;
const people: Person[] = [];

beforeAll(async () => {
  platform = await startTestPlatform();
  keyA = platform.keys.enterprise;
  tenantA = (JSON.parse(readFileSync(`${platform.dataDir}/local.json`, 'utf8')) as { tenants: { enterprise: string } }).tenants.enterprise;
  const b = await createTenant(platform.store, { name: '乙家政服务有限公司', role: 'enterprise' });
  tenantB = b.tenantId;
  keyB = (await createKey(platform.store, b.tenantId)).apiKey;
  const base = await createTenant(platform.store, { name: '广州市家政职业培训基地', role: 'training-base' });
  baseTenant = base.tenantId;
  baseKey = (await createKey(platform.store, base.tenantId)).apiKey;
});
afterAll(async () => {
  await platform?.close();
});

async function api(path: string, init: { method?: string; key: string; body?: unknown; idempotencyKey?: string }): Promise<{ status: number; body: Json }> {
  const headers: Record<string, string> = { authorization: `Bearer ${init.key}` };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.method === 'POST') headers['idempotency-key'] = init.idempotencyKey ?? `e2e-workers-${process.pid}-${++requestCount}`;
  const res = await conformingFetch(`${platform.apiUrl}${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}
const post = (key: string, path: string, body: unknown) => api(path, { method: 'POST', key, body });
const get = (key: string, path: string) => api(path, { key });

/** Waits until the event leaves `accepted` and returns it (applied, or rejected with a reason). */
const settled = (key: string, eventId: string): Promise<Json> =>
  eventually(async () => {
    const event = (await get(key, `/v1/events/${eventId}`)).body;
    return event?.status === 'accepted' ? undefined : event;
  }, 30_000, `event ${eventId} to settle`);

describe('workers and training over HTTP', () => {
  let p: Person;
  let workerId: string;

  it('two enterprises register the same person: one worker, the second after the first ends the employment', async () => {
    p = person();
    people.push(p);
    const first = await post(keyA, '/v1/workers', {
      idNumber: p.idNumber,
      name: p.name,
      serviceCategories: ['nanny', 'cleaning'],
      consents: [{ scope: 'credit-information', version: '2026-01', granted: true }],
    });
    expect(first.status).toBe(201);
    workerId = first.body.workerId;

    const refused = await post(keyB, '/v1/workers', { idNumber: p.idNumber, name: p.name, serviceCategories: ['maternity_matron'] });
    expect(refused).toMatchObject({ status: 409, body: { type: '/problems/worker-employed-elsewhere' } });

    expect((await post(keyA, `/v1/workers/${workerId}/employment/end`, { reason: 'contract-ended' })).status).toBe(200);
    const second = await post(keyB, '/v1/workers', { idNumber: p.idNumber.toLowerCase(), name: p.name, serviceCategories: ['maternity_matron'] });
    expect(second).toMatchObject({ status: 201, body: { workerId, status: 'registered' } });

    // Each enterprise sees the worker with its own link only.
    const seenByA = await get(keyA, `/v1/workers/${workerId}`);
    const seenByB = await get(keyB, `/v1/workers/${workerId}`);
    expect(seenByA.body).toMatchObject({ name: `${p.name[0]}**`, idNumber: `${p.idNumber.slice(0, 6)}********${p.idNumber.slice(-4)}`, employment: { status: 'ended' } });
    expect(seenByB.body).toMatchObject({ employment: { status: 'current', serviceCategories: ['maternity_matron'] }, consents: [{ scope: 'credit-information' }] });
    expect(JSON.stringify(seenByB.body)).not.toContain(tenantA);
    expect(JSON.stringify(seenByA.body)).not.toContain(tenantB);
    expect((await get(keyB, '/v1/workers?status=current')).body.items.map((w: Json) => w.workerId)).toContain(workerId);
  });

  it('the employer records checks; a health check valid beyond a year is refused', async () => {
    expect((await post(keyB, `/v1/workers/${workerId}/checks/identity`, { verified: true, method: 'id-card-reader' })).status).toBe(200);
    expect((await post(keyB, `/v1/workers/${workerId}/checks/background`, { result: 'clear', date: '2026-02-01' })).status).toBe(200);
    const tooLong = await post(keyB, `/v1/workers/${workerId}/checks/health`, { examDate: '2026-02-02', passed: true, validUntil: '2027-02-03' });
    expect(tooLong.status).toBe(422);
    expect((await post(keyB, `/v1/workers/${workerId}/checks/health`, { examDate: '2026-02-02', passed: true, validUntil: '2027-02-02' })).status).toBe(200);
    // The former employer may read but not change.
    expect((await post(keyA, `/v1/workers/${workerId}/checks/identity`, { verified: false, method: 'id-card-reader' })).status).toBe(409);
  });

  it('a training base reports by ID number; the training consumer puts it on the trace and into the figures', async () => {
    const course = { courseCode: 'YS-2026-03', category: 'maternity_matron' };
    const reports = [
      await post(baseKey, '/v1/training/enrolments', { idNumber: p.idNumber, ...course, enrolledOn: '2026-03-02' }),
      await post(baseKey, '/v1/training/completions', { idNumber: p.idNumber, ...course, completedOn: '2026-04-12', hours: 120 }),
      await post(baseKey, '/v1/training/exam-results', { idNumber: p.idNumber, ...course, examDate: '2026-04-20', score: 91, passed: true }),
    ];
    for (const r of reports) expect(r).toMatchObject({ status: 202, body: { workerId, status: 'accepted' } });
    for (const r of reports) expect(await settled(baseKey, r.body.eventId)).toMatchObject({ status: 'applied' });

    const stats = await get(baseKey, '/v1/training/stats?year=2026');
    expect(stats.body).toMatchObject({ tenantId: baseTenant, trainees: 1, completions: 1, passes: 1, passRate: 1, passedTrainees: 1 });
    expect(stats.body.byCategory).toEqual([{ category: 'maternity_matron', trainees: 1, enrolments: 1, completions: 1, passes: 1, passedTrainees: 1 }]);
    const worker = (await get(keyB, `/v1/workers/${workerId}`)).body;
    expect(worker.trainedCategories).toEqual(['maternity_matron']);
    // Every condition holds now: the training consumer issued the 安心服务证 (yellow until insured).
    expect(worker.certificate).toMatchObject({ status: 'ISSUED', light: 'yellow' });

    const trace = await get(keyB, `/v1/workers/${workerId}/trace`);
    expect(trace.status).toBe(200);
    expect(trace.body.verification).toEqual({ valid: true, length: trace.body.entries.length });
    expect(trace.body.entries.map((e: Json) => e.type)).toEqual([
      'worker.registered',
      'worker.employment-started',
      'worker.consent-recorded',
      'worker.employment-ended',
      'worker.employment-started',
      'worker.identity-checked',
      'worker.background-checked',
      'worker.health-checked',
      'worker.training-enrolled',
      'worker.training-completed',
      'worker.exam-recorded',
    ]);
    // The first enterprise's and the base's entries, as B sees them: no author, no payload hash.
    expect(trace.body.entries[0]).toMatchObject({ actor: { role: 'enterprise' }, redacted: true });
    expect(trace.body.entries.at(-1)).toMatchObject({ actor: { role: 'training-base' }, redacted: true });
    expect(JSON.stringify(trace.body)).not.toContain(tenantA);
  });

  it('refuses the roles that may not (403) and strangers (404)', async () => {
    expect((await post(baseKey, '/v1/workers', { idNumber: p.idNumber, name: p.name, serviceCategories: ['nanny'] })).status).toBe(403);
    expect((await get(keyA, '/v1/training/stats?year=2026')).status).toBe(403);
    const c = await createTenant(platform.store, { name: '丙家政', role: 'enterprise' });
    const keyC = (await createKey(platform.store, c.tenantId)).apiKey;
    for (const path of [`/v1/workers/${workerId}`, `/v1/workers/${workerId}/trace`]) expect((await get(keyC, path)).status).toBe(404);
  });
});

describe('no plaintext personal data anywhere after the run', () => {
  it('scans DynamoDB Local, the platform logs and the SQS journal', async () => {
    // More people through every path: registered, checked, trained.
    for (let i = 0; i < 3; i++) {
      const q = person();
      people.push(q);
      const reg = await post(keyA, '/v1/workers', { idNumber: q.idNumber, name: q.name, serviceCategories: ['childcare'] });
      expect(reg.status).toBe(201);
      const enrol = await post(baseKey, '/v1/training/enrolments', { idNumber: q.idNumber, courseCode: 'YY-01', category: 'childcare', enrolledOn: '2026-05-01' });
      expect(await settled(baseKey, enrol.body.eventId)).toMatchObject({ status: 'applied' });
    }
    // An invalid ID number and an unknown person: refused, and still not echoed or logged.
    const stranger = person();
    people.push(stranger);
    expect((await post(baseKey, '/v1/training/enrolments', { idNumber: stranger.idNumber, courseCode: 'YY-01', category: 'childcare', enrolledOn: '2026-05-01' })).status).toBe(422);
    const secrets = plaintextOf(people);

    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await platform.store.doc.send(new ScanCommand({ TableName: platform.store.tableName, ExclusiveStartKey: start }));
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start);
    const table = JSON.stringify(items);
    expect(table).toContain('********'); // the workers are there, masked
    expect(secrets.filter((s) => table.includes(s))).toEqual([]);

    const logs = platform.logs.join('\n');
    expect(logs).toContain('training command'); // the consumer's lines are in it
    expect(secrets.filter((s) => logs.includes(s))).toEqual([]);

    // Every message ever sent is in the journal (one line per acknowledged request) or its snapshot.
    const sqsDir = join(platform.dataDir, 'sqs');
    const journal = readdirSync(sqsDir)
      .filter((f) => f.endsWith('.jsonl') || f.endsWith('.json'))
      .map((f) => readFileSync(join(sqsDir, f), 'utf8'))
      .join('\n');
    expect(journal).toContain('training.enrolment'); // the training messages were recorded
    expect(secrets.filter((s) => journal.includes(s))).toEqual([]);
  });
});
