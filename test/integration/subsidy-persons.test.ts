/**
 * The per-person subsidy schemes end to end (docs/subsidies.md "`employee-system-enterprise`",
 * "`graduate-employment`", "No double payment"), through the routes with KMS and HMAC
 * (support/worker-harness.ts): graduates eligible and refused by the named rule, a worker the
 * applicant never employed, one person paid once across two enterprises, the employee-system
 * headcount and amount from the terms with person keys claimed ahead of the transaction, no
 * personal value anywhere it could leak, and a property over the graduates' bodies.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { subsidyCommand } from '../../cli/subsidy-commands';
import { usageOf } from '../../cli/usage';
import fc from 'fast-check';
import type { Caller, Role } from '../../shared/auth/roles';
import { createTenant } from '../../shared/admin/onboarding';
import type { EmploymentTerm } from '../../shared/domain/subsidy/facts';
import type { CloudEvent } from '../../shared/events/cloudevent';
import { logger } from '../../shared/lib/logger';
import { shanghaiDay } from '../../shared/lib/shanghai-day';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { submitApplication, withdrawApplication } from '../../shared/services/subsidy-applications';
import { approveApplication, recordPayment, rejectApplication } from '../../shared/services/subsidy-review';
import type { StoreContext } from '../../shared/store/client';
import { employmentRepository } from '../../shared/store/employment-repository';
import { keys } from '../../shared/store/keys';
import { captureEverythingLogged } from '../support/log-capture';
import { startWorkerHarness, type WorkerHarness } from '../support/worker-harness';
import { person, type Person } from '../support/workers';

let h: WorkerHarness;
const ADMIN: Caller = { tenantId: 'ten_01JSUBPERSONADMINXXXXXXXXX', role: 'admin', keyId: 'key_subsidy_person_admin' };
const TODAY = shanghaiDay(new Date());
/** The year assessed: yearly schemes are applied for in the year after. */
const Y = Number(TODAY.slice(0, 4)) - 1;
const WHOLE_YEAR: EmploymentTerm[] = [{ type: 'labour-contract', from: `${Y}-01-01` }];
const SHA = 'a'.repeat(64);
const DOCS = ['application-form', 'business-licence', 'bank-account', 'labour-contracts', 'social-insurance-record', 'graduation-certificate'].map((kind, i) => ({ kind, ref: `DOC-${i + 1}`, sha256: SHA }));
const UNKNOWN_WORKER = 'wkr_01JZZZZZZZZZZZZZZZZZZZZZZZ';

let tenantCounter = 0;
async function employeeSystemEnterprise(): Promise<Caller> {
  const { tenantId } = await createTenant(h.store, { name: `员工制家政${++tenantCounter}`, role: 'enterprise' as Role });
  const model = await h.call(ADMIN, 'POST /v1/admin/subsidy-facts/employment-models', {
    body: { tenantId, model: 'employee-system', effectiveOn: `${Y - 1}-01-01`, evidenceRef: `穗人社〔${Y}〕${tenantCounter}号` },
    idempotencyKey: `model-${tenantId}`,
  });
  expect(model.status, JSON.stringify(model.body)).toBe(201);
  return { tenantId, role: 'enterprise', keyId: `key_${tenantId}` };
}

interface Hire {
  terms?: EmploymentTerm[];
  since?: string;
  consent?: boolean;
  graduation?: { graduationYear: number; schoolType: string };
}

let keyCounter = 0;
/** Registers the person with the enterprise, records consent and graduation, then seeds the link's days in the year assessed. */
async function hire(caller: Caller, p: Person, hire: Hire = {}): Promise<string> {
  const consents = hire.consent === false ? [] : [{ scope: 'subsidy-graduate', version: '2026-01', granted: true }];
  const reg = await h.call(caller, 'POST /v1/workers', { body: { idNumber: p.idNumber, name: p.name, serviceCategories: ['nanny'], consents } });
  expect(reg.status, JSON.stringify(reg.body)).toBeLessThan(300);
  const workerId = reg.body.workerId as string;
  if (hire.graduation) {
    const g = await h.call(caller, 'PUT /v1/workers/{workerId}/graduation', { params: { workerId }, body: hire.graduation, headers: { 'idempotency-key': `graduation-${++keyCounter}` } });
    expect(g.status, JSON.stringify(g.body)).toBe(200);
  }
  const employment = employmentRepository(h.store);
  const link = (await employment.get(caller.tenantId, workerId, true))!;
  const terms = hire.terms ?? WHOLE_YEAR;
  // A seed: terms start today over the API; the year assessed is behind us.
  await employment.link({ ...link, since: `${hire.since ?? terms[0]?.from ?? `${Y}-01-01`}T00:00:00.000Z`, terms });
  return workerId;
}

const apply = (caller: Caller, body: Record<string, unknown>, idempotencyKey?: string) => h.call(caller, 'POST /v1/subsidy-applications', { body, ...(idempotencyKey ? { idempotencyKey } : {}) });
const graduateBody = (workerIds: unknown) => ({ scheme: 'graduate-employment', year: Y, documents: DOCS, workerIds });

async function setBudget(scheme: string, allocatedFen: number) {
  const reply = await h.call(ADMIN, 'PUT /v1/admin/subsidy-budgets/{scheme}/{year}', { params: { scheme, year: String(Y) }, body: { allocatedFen } });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
}
async function budgetOf(scheme: string) {
  const reply = await h.call(ADMIN, 'GET /v1/admin/subsidy-budgets', { query: { year: String(Y) } });
  return reply.body.items.find((b: { schemeId: string }) => b.schemeId === scheme);
}

/** The tenant's subsidy items (applications, traces, evidence, live items) and every person ledger item. */
async function subsidyItemsOf(tenantId: string) {
  return (await h.scanTable([`T#${tenantId}#SUBSIDY`, 'SUBSIDY'])).filter((i) => /^T#[^#]+#SUBSIDY(APP|LIVE)/.test(String(i.pk)) && String(i.pk).startsWith(`T#${tenantId}#`) || (String(i.pk).startsWith('SUBSIDY') && i.tenantId === tenantId));
}
const personKeys = async () => (await h.scanTable(['SUBSIDYPERSON#'])).filter((i) => String(i.pk).startsWith('SUBSIDYPERSON#'));
const failed = (body: { failedRules?: { rule: string; workerId?: string }[] }) => (body.failedRules ?? []).map((r) => `${r.workerId ?? '-'}:${r.rule}`).sort();

beforeAll(async () => {
  h = await startWorkerHarness();
});
afterAll(async () => {
  await h?.close();
});


/**
 * One graduate, hired by A (who applies for the graduate subsidy), leaves A and is registered
 * by B, who — by a mistake or a fraud — records the same year on a labour contract and applies
 * too: two live applications for one person, scheme and year.
 */
async function oneGraduateAtTwoEnterprises(schoolType: 'higher-education' | 'special-education-vocational') {
  const A = await employeeSystemEnterprise();
  const B = await employeeSystemEnterprise();
  const graduate = person();
  const workerId = await hire(A, graduate, { graduation: { graduationYear: Y - 1, schoolType } });
  const fromA = await apply(A, graduateBody([workerId]));
  expect(fromA.status, JSON.stringify(fromA.body)).toBe(201);
  const ended = await h.call(A, 'POST /v1/workers/{workerId}/employment/end', { params: { workerId }, body: { endedOn: TODAY } });
  expect(ended.status, JSON.stringify(ended.body)).toBe(200);
  expect(await hire(B, graduate, { terms: [{ type: 'labour-contract', from: `${Y}-03-01` }] })).toBe(workerId);
  const fromB = await apply(B, graduateBody([workerId]));
  expect(fromB.status, JSON.stringify(fromB.body)).toBe(201);
  return { A, B, workerId, fromA, fromB };
}

describe('graduate-employment', () => {
  it('submits a consented, recorded, recent graduate on a labour contract; refuses each failing graduate by the rule it fails, storing nothing', async () => {
    const A = await employeeSystemEnterprise();
    const other = await employeeSystemEnterprise();
    const ok = await hire(A, person(), { graduation: { graduationYear: Y - 1, schoolType: 'higher-education' } });
    const noConsent = await hire(A, person(), { consent: false });
    const otherSchool = await hire(A, person(), { graduation: { graduationYear: Y - 1, schoolType: 'other' } });
    const tooOld = await hire(A, person(), { graduation: { graduationYear: Y - 3, schoolType: 'technician-college-advanced' } });
    const elsewhere = await hire(other, person(), { graduation: { graduationYear: Y, schoolType: 'higher-education' } });

    const refused = await apply(A, graduateBody([ok, noConsent, otherSchool, tooOld]));
    expect(refused.status, JSON.stringify(refused.body)).toBe(422);
    expect(refused.body.type).toBe('/problems/subsidy-ineligible');
    expect(failed(refused.body)).toEqual(
      [`${noConsent}:graduate-consent-given`, `${noConsent}:graduate-data-recorded`, `${noConsent}:graduate-school-type-qualifies`, `${noConsent}:graduate-recent-when-hired`, `${otherSchool}:graduate-school-type-qualifies`, `${tooOld}:graduate-recent-when-hired`].sort(),
    );
    expect(await subsidyItemsOf(A.tenantId)).toEqual([]);

    // Another enterprise's worker reads exactly as a worker that does not exist: nothing of it is read.
    const foreign = await apply(A, graduateBody([elsewhere]));
    const unknown = await apply(A, graduateBody([UNKNOWN_WORKER]));
    expect(foreign.status).toBe(422);
    expect(failed(foreign.body).map((r) => r.split(':')[1])).toEqual(failed(unknown.body).map((r) => r.split(':')[1]));
    expect(failed(foreign.body)).toContain(`${elsewhere}:labour-contract-most-of-year`);
    expect(JSON.stringify(foreign.body.failedRules).replaceAll(elsewhere, 'W')).toBe(JSON.stringify(unknown.body.failedRules).replaceAll(UNKNOWN_WORKER, 'W'));

    const submitted = await apply(A, graduateBody([ok]));
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    expect(submitted.body).toMatchObject({ schemeId: 'graduate-employment', state: 'submitted', allowedFen: 1_000_000 });
  });

  it('names graduates only for graduate-employment, and requires them there (422, nothing stored)', async () => {
    const A = await employeeSystemEnterprise();
    const w = await hire(A, person(), { graduation: { graduationYear: Y, schoolType: 'higher-education' } });
    expect((await apply(A, { scheme: 'graduate-employment', year: Y, documents: DOCS })).body.errors[0].pointer).toBe('/workerIds');
    expect((await apply(A, { scheme: 'employee-system-enterprise', year: Y, documents: DOCS, workerIds: [w] })).body.errors[0].pointer).toBe('/workerIds');
    expect((await apply(A, graduateBody([w, w]))).status).toBe(422);
    expect((await apply(A, graduateBody([]))).status).toBe(422);
    expect(await subsidyItemsOf(A.tenantId)).toEqual([]);
  });

  it('pays one graduate once across two enterprises: the second approval is 409 with the budget unchanged, and a new application is refused person-not-paid-this-year', async () => {
    const { A, B, workerId, fromA, fromB } = await oneGraduateAtTwoEnterprises('special-education-vocational');

    await setBudget('graduate-employment', 10_000_000);
    const approvedA = await h.call(ADMIN, 'POST /v1/admin/subsidy-applications/{applicationId}/approve', { params: { applicationId: fromA.body.applicationId }, body: { amountFen: 1_000_000 } });
    expect(approvedA.status, JSON.stringify(approvedA.body)).toBe(200);
    const before = await budgetOf('graduate-employment');
    const refused = await h.call(ADMIN, 'POST /v1/admin/subsidy-applications/{applicationId}/approve', { params: { applicationId: fromB.body.applicationId }, body: { amountFen: 1_000_000 } });
    expect(refused.status, JSON.stringify(refused.body)).toBe(409);
    expect(refused.body).toMatchObject({ type: '/problems/subsidy-person-already-paid', workerIds: [workerId] });
    expect(JSON.stringify(refused.body)).not.toContain(A.tenantId);
    expect(await budgetOf('graduate-employment')).toEqual(before);
    expect(before).toMatchObject({ committedFen: 1_000_000, remainingFen: 9_000_000 });
    const stillB = await h.call(B, 'GET /v1/subsidy-applications/{applicationId}', { params: { applicationId: fromB.body.applicationId } });
    expect(stillB.body.state).toBe('submitted');

    // The ledger holds one key for the person, named by neither the ID number nor the registry's hash.
    const ledger = (await personKeys()).filter((i) => i.applicationId === fromA.body.applicationId);
    expect(ledger).toHaveLength(1);
    const registryHashes = (await h.scanTable(['PERSON#'])).filter((i) => String(i.pk).startsWith('PERSON#')).map((i) => String(i.pk).slice('PERSON#'.length));
    expect(registryHashes.some((x) => String(ledger[0]!.pk).includes(x))).toBe(false);

    const rejected = await h.call(ADMIN, 'POST /v1/admin/subsidy-applications/{applicationId}/reject', { params: { applicationId: fromB.body.applicationId }, body: { reason: '该毕业生本年度已由其他企业申领' } });
    expect(rejected.status).toBe(200);
    const again = await apply(B, graduateBody([workerId]), `again-${B.tenantId}`);
    expect(again.status).toBe(422);
    expect(failed(again.body)).toContain(`${workerId}:person-not-paid-this-year`);
  });
});

describe('employee-system-enterprise', () => {
  it('counts everyone on a labour contract most of the year, refuses a headcount below 30, and claims the person keys ahead of a transaction they would not fit', async () => {
    const E = await employeeSystemEnterprise();
    const counted: string[] = [];
    for (let i = 0; i < 29; i++) counted.push(await hire(E, person(), { consent: false }));
    const agreement = await hire(E, person(), { consent: false, terms: [{ type: 'service-agreement', from: `${Y}-01-01` }] });
    const late = await hire(E, person(), { consent: false, terms: [{ type: 'labour-contract', from: `${Y}-09-01` }] });

    const small = await apply(E, { scheme: 'employee-system-enterprise', year: Y, documents: DOCS.slice(0, 5) });
    expect(small.status, JSON.stringify(small.body)).toBe(422);
    expect(failed(small.body)).toEqual(['-:average-labour-contract-headcount']);

    counted.push(await hire(E, person(), { consent: false }));
    const ok = await apply(E, { scheme: 'employee-system-enterprise', year: Y, documents: DOCS.slice(0, 5) }, `es-${E.tenantId}`);
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.allowedFen).toBe(30 * 100_000);
    const detail = await h.call(E, 'GET /v1/subsidy-applications/{applicationId}', { params: { applicationId: ok.body.applicationId } });
    const lines = detail.body.evidence.amount.persons as { workerId: string; counted: boolean; failed: string[] }[];
    expect(lines.filter((l) => l.counted).map((l) => l.workerId).sort()).toEqual([...counted].sort());
    expect(lines.filter((l) => !l.counted).map((l) => [l.workerId, l.failed])).toEqual(
      expect.arrayContaining([
        [agreement, ['labour-contract-most-of-year']],
        [late, ['labour-contract-most-of-year']],
      ]),
    );

    await setBudget('employee-system-enterprise', 50_000_000);
    // 30 person keys, 10 per transaction: claimed ahead, then the approval's own transaction.
    const approved = await approveApplication({ store: h.store, personKeysPerTransaction: 10 }, ADMIN, ok.body.applicationId, `approve-${E.tenantId}`, { amountFen: 3_000_000 });
    expect(approved.state).toBe('approved');
    expect((await personKeys()).filter((i) => i.applicationId === ok.body.applicationId)).toHaveLength(30);
    expect(await budgetOf('employee-system-enterprise')).toMatchObject({ committedFen: 3_000_000, remainingFen: 47_000_000 });
  });
});

/**
 * The store of an approving process that stops right after claiming its person keys ahead:
 * its own transaction (the one reserving the budget) never commits, and nothing after it runs
 * — not even the giving back.
 */
function stopsAfterClaimingAhead(): StoreContext {
  let stopped = false;
  const send = async (command: unknown) => {
    if (!stopped && command instanceof TransactWriteCommand && (command.input.TransactItems ?? []).some((i) => i.Update)) stopped = true;
    if (stopped) throw new Error('the approving process stopped');
    return h.store.doc.send(command as never);
  };
  return { ...h.store, doc: new Proxy(h.store.doc, { get: (target, prop, receiver) => (prop === 'send' ? send : Reflect.get(target, prop, receiver)) }) };
}

describe('person keys left held by an approval that stopped midway', () => {
  /** A's application for a graduate whose approval stopped after claiming ahead, and B's application for the same person. */
  async function stoppedApproval() {
    const { A, B, workerId, fromA, fromB } = await oneGraduateAtTwoEnterprises('higher-education');

    await setBudget('graduate-employment', 100_000_000);
    // No key fits the approval's own transaction: the one key is claimed ahead, then the process stops.
    await expect(approveApplication({ store: stopsAfterClaimingAhead(), personKeysPerTransaction: 0 }, ADMIN, fromA.body.applicationId, `stopped-${A.tenantId}`, { amountFen: 1_000_000 })).rejects.toThrow('stopped');
    const a = await h.call(A, 'GET /v1/subsidy-applications/{applicationId}', { params: { applicationId: fromA.body.applicationId } });
    expect(a.body.state).toBe('submitted');
    expect((await personKeys()).filter((i) => i.applicationId === fromA.body.applicationId)).toHaveLength(1);
    // Held, the key refuses everyone else's approval of the person.
    const refused = await h.call(ADMIN, 'POST /v1/admin/subsidy-applications/{applicationId}/approve', { params: { applicationId: fromB.body.applicationId }, body: { amountFen: 1_000_000 } });
    expect(refused.status, JSON.stringify(refused.body)).toBe(409);
    expect(refused.body.type).toBe('/problems/subsidy-person-already-paid');
    return { A, B, workerId, fromA: fromA.body.applicationId as string, fromB: fromB.body.applicationId as string };
  }

  async function approvedForB(fromB: string) {
    const approved = await h.call(ADMIN, 'POST /v1/admin/subsidy-applications/{applicationId}/approve', { params: { applicationId: fromB }, body: { amountFen: 1_000_000 } });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect((await personKeys()).filter((i) => i.applicationId === fromB)).toHaveLength(1);
  }

  it('a rejection gives the keys back in its own transaction, and another enterprise is then paid for the person', async () => {
    const { fromA, fromB } = await stoppedApproval();
    const rejected = await h.call(ADMIN, 'POST /v1/admin/subsidy-applications/{applicationId}/reject', { params: { applicationId: fromA }, body: { reason: '材料不全' } });
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    expect((await personKeys()).filter((i) => i.applicationId === fromA)).toEqual([]);
    await approvedForB(fromB);
  });

  it('a withdrawal gives them back after its step when they do not fit its transaction', async () => {
    const { A, fromA, fromB } = await stoppedApproval();
    const withdrawn = await withdrawApplication({ store: h.store, personKeysPerTransaction: 0 }, A, fromA, `withdraw-${fromA}`);
    expect(withdrawn.state).toBe('withdrawn');
    expect((await personKeys()).filter((i) => i.applicationId === fromA)).toEqual([]);
    await approvedForB(fromB);
  });

  it('a withdrawal that stops between its step and the release after it: repeated, it is refused and finishes the release', async () => {
    const { A, fromA, fromB } = await stoppedApproval();
    const stopsAtRelease: StoreContext = {
      ...h.store,
      doc: new Proxy(h.store.doc, {
        get: (target, prop, receiver) =>
          prop === 'send'
            ? async (command: unknown) => {
                if (command instanceof DeleteCommand) throw new Error('the withdrawing process stopped');
                return target.send(command as never);
              }
            : Reflect.get(target, prop, receiver),
      }),
    };
    await expect(withdrawApplication({ store: stopsAtRelease, personKeysPerTransaction: 0 }, A, fromA, `withdraw-${fromA}`)).rejects.toThrow('stopped');
    expect((await personKeys()).filter((i) => i.applicationId === fromA)).toHaveLength(1);
    await expect(withdrawApplication({ store: h.store }, A, fromA, `withdraw-again-${fromA}`)).rejects.toMatchObject({ status: 409 });
    expect((await personKeys()).filter((i) => i.applicationId === fromA)).toEqual([]);
    await approvedForB(fromB);
    // B's key stays B's: a release touches only keys the released application holds.
    await expect(rejectApplication({ store: h.store }, ADMIN, fromA, `reject-${fromA}`, { reason: '重复' })).rejects.toMatchObject({ status: 409 });
    expect((await personKeys()).filter((i) => i.applicationId === fromB)).toHaveLength(1);
  });
});

/**
 * A store on which every claim made ahead (a transaction of person-key Puts only) meets a
 * transaction conflict, `times` times: another approval or release writing the same keys.
 */
function conflictingClaims(times: number): { store: StoreContext; conflicts: () => number } {
  let conflicts = 0;
  const send = async (command: unknown) => {
    const items = command instanceof TransactWriteCommand ? (command.input.TransactItems ?? []) : [];
    const claimAhead = items.length > 0 && items.every((i) => String(i.Put?.Item?.pk ?? '').startsWith('SUBSIDYPERSON#'));
    if (claimAhead && conflicts < times) {
      conflicts++;
      throw new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {}, CancellationReasons: items.map(() => ({ Code: 'TransactionConflict' })) });
    }
    return h.store.doc.send(command as never);
  };
  return { store: { ...h.store, doc: new Proxy(h.store.doc, { get: (target, prop, receiver) => (prop === 'send' ? send : Reflect.get(target, prop, receiver)) }) }, conflicts: () => conflicts };
}

describe('person keys claimed ahead under contention', () => {
  it('retries a claim that met a transaction conflict; conflicts outlasting the retries answer 503 with nothing reserved or claimed', async () => {
    const A = await employeeSystemEnterprise();
    const workerId = await hire(A, person(), { graduation: { graduationYear: Y - 1, schoolType: 'higher-education' } });
    const applied = await apply(A, graduateBody([workerId]));
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    const id = applied.body.applicationId as string;
    await setBudget('graduate-employment', 100_000_000);
    const before = await budgetOf('graduate-employment');

    const always = conflictingClaims(Number.POSITIVE_INFINITY);
    await expect(approveApplication({ store: always.store, personKeysPerTransaction: 0 }, ADMIN, id, `busy-${id}`, { amountFen: 1_000_000 })).rejects.toMatchObject({ status: 503, slug: 'unavailable' });
    expect(always.conflicts()).toBeGreaterThan(1);
    expect((await personKeys()).filter((i) => i.applicationId === id)).toEqual([]);
    expect(await budgetOf('graduate-employment')).toEqual(before);
    expect((await h.call(A, 'GET /v1/subsidy-applications/{applicationId}', { params: { applicationId: id } })).body.state).toBe('submitted');

    const once = conflictingClaims(1);
    const approved = await approveApplication({ store: once.store, personKeysPerTransaction: 0 }, ADMIN, id, `approve-${id}`, { amountFen: 1_000_000 });
    expect([approved.state, once.conflicts()]).toEqual(['approved', 1]);
    expect((await personKeys()).filter((i) => i.applicationId === id)).toHaveLength(1);
    expect((await budgetOf('graduate-employment')).committedFen).toBe(before.committedFen + 1_000_000);
  });
});

describe('workers registered before their person reference was kept', () => {
  it('answer 409 subsidy-person-not-keyed until `anxin subsidy backfill-person-refs` writes the reference; then the graduate applies, and a rerun writes nothing', async () => {
    const A = await employeeSystemEnterprise();
    const workerId = await hire(A, person(), { graduation: { graduationYear: Y - 1, schoolType: 'higher-education' } });
    const ref = keys.workerPersonRef(workerId);
    const kept = (await h.store.doc.send(new GetCommand({ TableName: h.store.tableName, Key: ref }))).Item!;
    // As a worker registered before the reference was kept: the PERSON item only.
    await h.store.doc.send(new DeleteCommand({ TableName: h.store.tableName, Key: ref }));
    const refused = await apply(A, graduateBody([workerId]));
    expect([refused.status, refused.body.type, refused.body.workerId]).toEqual([409, '/problems/subsidy-person-not-keyed', workerId]);

    const target = ['--endpoint-url', inject('dynamodbEndpoint'), '--table', h.store.tableName, '--region', 'us-east-1', '--json'];
    const run = async () => {
      const lines: string[] = [];
      const code = await subsidyCommand(['backfill-person-refs', ...target], (line) => lines.push(line));
      return { code, report: JSON.parse(lines.at(-1)!) as { persons: number; written: number; kept: number; differing: string[] } };
    };
    const first = await run();
    const persons = (await h.scanTable(['PERSON#'])).filter((i) => String(i.pk).startsWith('PERSON#') && i.sk === 'PERSON').length;
    expect(first).toEqual({ code: 0, report: { persons, written: 1, kept: persons - 1, differing: [] } });
    expect((await h.store.doc.send(new GetCommand({ TableName: h.store.tableName, Key: ref }))).Item).toEqual(kept);

    const applied = await apply(A, graduateBody([workerId]));
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    expect(await run()).toEqual({ code: 0, report: { persons, written: 0, kept: persons, differing: [] } });
    // A reference naming another hash is reported (exit 1) and left as it is.
    await h.store.doc.send(new PutCommand({ TableName: h.store.tableName, Item: { ...ref, idNumberHash: 'f'.repeat(64) } }));
    expect(await run()).toEqual({ code: 1, report: { persons, written: 0, kept: persons - 1, differing: [workerId] } });
    expect((await h.store.doc.send(new GetCommand({ TableName: h.store.tableName, Key: ref }))).Item!.idNumberHash).toBe('f'.repeat(64));
    await h.store.doc.send(new PutCommand({ TableName: h.store.tableName, Item: kept }));
    expect(usageOf('subsidy')).toContain('anxin subsidy backfill-person-refs [--json] [<target>]');
  });
});

describe('privacy', () => {
  // Everything the handlers log, at every level, for the check that no value is in it.
  const logged = captureEverythingLogged();

  it('leaves no ID number, name, graduation year or school type in events, logs, lists, the public awards or the stored application', async () => {
    const A = await employeeSystemEnterprise();
    const people = [person(), person()];
    const GRADUATED = Y - 2;
    const workerIds = [
      await hire(A, people[0]!, { graduation: { graduationYear: GRADUATED, schoolType: 'technician-college-advanced' } }),
      await hire(A, people[1]!, { graduation: { graduationYear: GRADUATED, schoolType: 'special-education-vocational' } }),
    ];
    const published: CloudEvent[] = [];
    const deps = { store: h.store, publish: async (events: CloudEvent[]) => void published.push(...events), stage: 'test' };
    const input = { scheme: 'graduate-employment' as const, year: Y, documents: DOCS as never, workerIds };
    await expect(submitApplication(deps, A, `refused-${A.tenantId}`, { ...input, workerIds: [...workerIds, UNKNOWN_WORKER] })).rejects.toMatchObject({ slug: 'subsidy-ineligible' });
    const { application } = await submitApplication(deps, A, `privacy-${A.tenantId}`, input);
    await setBudget('graduate-employment', 100_000_000);
    await approveApplication(deps, ADMIN, application.applicationId, `approve-${A.tenantId}`, { amountFen: 2_000_000 });
    await recordPayment(deps, ADMIN, application.applicationId, `pay-${A.tenantId}`, { amountFen: 2_000_000, paidOn: TODAY, paymentRef: 'PAY-GRAD-1' });
    expect(published.map((e) => e.type)).toHaveLength(3);

    const own = await h.call(A, 'GET /v1/subsidy-applications');
    const queue = await h.call(ADMIN, 'GET /v1/admin/subsidy-applications', { query: { scheme: 'graduate-employment', state: 'paid' } });
    const awards = await h.call(ADMIN, 'GET /v1/public/subsidies/awards', { query: { year: String(Y) } });
    expect(own.body.items.map((a: { applicationId: string }) => a.applicationId)).toContain(application.applicationId);
    expect(queue.body.items.map((a: { applicationId: string }) => a.applicationId)).toContain(application.applicationId);
    expect(awards.body.items.map((a: { tenantId: string }) => a.tenantId)).toContain(A.tenantId);
    const stored = await subsidyItemsOf(A.tenantId);
    expect(stored.some((i) => String(i.sk).startsWith('EVIDENCE#'))).toBe(true);

    logger.info('log capture check');
    const places: Record<string, string> = {
      events: JSON.stringify(published),
      logs: logged.join('\n'),
      own: JSON.stringify(own.body),
      queue: JSON.stringify(queue.body),
      awards: JSON.stringify(awards.body),
      stored: JSON.stringify(stored),
    };
    expect(places.logs).toContain('log capture check');
    const secrets = [...people.flatMap((p) => [p.idNumber, p.name]), 'technician-college-advanced', 'special-education-vocational', 'graduationYear', 'schoolType'];
    for (const [place, text] of Object.entries(places)) {
      expect(secrets.filter((s) => text.includes(s)), place).toEqual([]);
      expect(new RegExp(`\\b${GRADUATED}\\b`).test(text), `${place}: the graduation year`).toBe(false);
    }
    // Worker ids are the applicant's to know: in no event and no list.
    for (const place of ['events', 'own', 'queue', 'awards'] as const) expect(workerIds.filter((w) => places[place]!.includes(w)), place).toEqual([]);
  });
});

describe('any graduate application body', () => {
  it('never answers 5xx, and a refusal stores nothing', async () => {
    const A = await employeeSystemEnterprise();
    const other = await employeeSystemEnterprise();
    const mine = await hire(A, person(), { graduation: { graduationYear: Y, schoolType: 'higher-education' } });
    const notMine = await hire(other, person(), { graduation: { graduationYear: Y, schoolType: 'higher-education' } });
    const workerId = fc.oneof(fc.constantFrom(mine, notMine, UNKNOWN_WORKER), fc.string({ maxLength: 30 }), fc.integer());
    const body = fc.record(
      {
        scheme: fc.constantFrom('graduate-employment', 'employee-system-enterprise', 'leading-enterprise-award'),
        year: fc.oneof(fc.constantFrom(Y, Y - 1, Y + 1), fc.integer()),
        documents: fc.constant(DOCS),
        workerIds: fc.oneof(fc.array(workerId, { maxLength: 4 }), fc.array(fc.constant(mine), { minLength: 201, maxLength: 202 }), fc.constant(null), fc.string({ maxLength: 4 })),
      },
      { requiredKeys: ['scheme'] },
    );
    let stored = (await subsidyItemsOf(A.tenantId)).length;
    await fc.assert(
      fc.asyncProperty(body, async (candidate) => {
        const reply = await h.call(A, 'POST /v1/subsidy-applications', { body: candidate });
        expect(reply.status, JSON.stringify(reply.body)).toBeLessThan(500);
        const now = (await subsidyItemsOf(A.tenantId)).length;
        if (reply.status === 201) {
          expect(now).toBeGreaterThan(stored);
          await h.call(A, 'POST /v1/subsidy-applications/{applicationId}/withdraw', { params: { applicationId: reply.body.applicationId } });
          stored = (await subsidyItemsOf(A.tenantId)).length;
        } else {
          expect([400, 409, 415, 422]).toContain(reply.status);
          expect(now).toBe(stored);
        }
      }),
      { numRuns: 60 },
    );
  });
});
