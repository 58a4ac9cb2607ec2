/**
 * Certificates against DynamoDB Local: automatic issuance (one per worker, also under
 * concurrency), the enterprise/admin routes (roles 403, isolation 404, idempotent commands),
 * QR rotation and reissue (same number, old code dead), the public lookup's audit, and its
 * throttling (per source and per certificate, 429).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Caller } from '../../shared/auth/roles';
import { newTenantId } from '../../shared/lib/ids';
import { lookupCertificate } from '../../shared/services/certificate-lookup';
import { evaluateCertificate } from '../../shared/services/certificates';
import { certificateLookupsRepository } from '../../shared/store/certificate-lookups-repository';
import { certificatesRepository } from '../../shared/store/certificates-repository';
import { employmentRepository } from '../../shared/store/employment-repository';
import { shanghaiDay } from '../../shared/lib/shanghai-day';
import { verifyChain } from '../../shared/trace/chain';
import { certifyWorker, factsRegistry, validFacts } from '../support/certificates';
import { startRouteHarness, type RouteHarness } from '../support/route-harness';

let h: RouteHarness;
const enterpriseA: Caller = { tenantId: newTenantId(), role: 'enterprise', keyId: 'key_a' };
const enterpriseB: Caller = { tenantId: newTenantId(), role: 'enterprise', keyId: 'key_b' };
const admin: Caller = { tenantId: newTenantId(), role: 'admin', keyId: 'key_admin' };
const insurer: Caller = { tenantId: newTenantId(), role: 'insurer', keyId: 'key_ins' };
const trainingBase: Caller = { tenantId: newTenantId(), role: 'training-base', keyId: 'key_tb' };
let workerCounter = 0;

beforeAll(async () => {
  h = await startRouteHarness();
});
afterAll(async () => {
  await h?.close();
});

/** A worker employed by enterprise A, with a certificate. */
async function certifiedWorker() {
  const workerId = `wk-cert-${process.pid}-${++workerCounter}`;
  await employmentRepository(h.store).link({ tenantId: enterpriseA.tenantId, workerId, status: 'current', since: '2026-01-01' });
  const { certNo } = await certifyWorker(h.store, workerId, enterpriseA.tenantId);
  return { workerId, certNo };
}

const command = (caller: Caller, certNo: string, name: string, body: unknown = {}, idempotencyKey?: string) =>
  h.call(caller, `POST /v1/certificates/{certNo}/${name}`, { params: { certNo }, body, ...(idempotencyKey ? { idempotencyKey } : {}) });
const read = (caller: Caller, workerId: string) => h.call(caller, 'GET /v1/workers/{workerId}/certificate', { params: { workerId } });
const lookup = (qrToken: string) => h.call(undefined, 'GET /v1/public/certificates/{qrToken}', { params: { qrToken } });

describe('evaluateCertificate (automatic issuance)', () => {
  it('issues once when every condition holds; evaluating again changes nothing', async () => {
    const registry = factsRegistry([validFacts({ workerId: 'wk-eval-1' })]);
    const first = await evaluateCertificate(h.store, 'wk-eval-1', registry.factsOf);
    expect(first).toMatchObject({ outcome: 'issued', certNo: expect.stringMatching(/^AX-/) });
    expect(await evaluateCertificate(h.store, 'wk-eval-1', registry.factsOf)).toMatchObject({ outcome: 'unchanged', certNo: first.outcome === 'issued' && first.certNo });
    const repo = certificatesRepository(h.store);
    const cert = (await repo.getByWorker('wk-eval-1', true))!;
    const trace = await repo.trace(cert.certNo);
    expect(trace.map((e) => e.type)).toEqual(['certificate.issued']);
    expect(trace[0]!.actor).toEqual({ tenantId: 'platform', role: 'system', keyId: 'certificates' });
    expect(verifyChain(trace, cert.traceHead)).toEqual({ valid: true, length: 1 });
  });

  it('names what is missing and stores nothing; with no facts it does nothing', async () => {
    const registry = factsRegistry([validFacts({ workerId: 'wk-eval-2', trainingPassed: false, creditConsentSigned: false })]);
    expect(await evaluateCertificate(h.store, 'wk-eval-2', registry.factsOf)).toEqual({ outcome: 'not-eligible', missing: ['training-not-passed', 'credit-consent-missing'] });
    expect(await certificatesRepository(h.store).getByWorker('wk-eval-2', true)).toBeUndefined();
    expect(await evaluateCertificate(h.store, 'wk-unknown', registry.factsOf)).toEqual({ outcome: 'no-facts' });
  });

  it('issues at most one certificate per worker, even when evaluated concurrently', async () => {
    const registry = factsRegistry([validFacts({ workerId: 'wk-eval-3' })]);
    const results = await Promise.all(Array.from({ length: 6 }, () => evaluateCertificate(h.store, 'wk-eval-3', registry.factsOf)));
    expect(results.filter((r) => r.outcome === 'issued')).toHaveLength(1);
    const numbers = new Set(results.map((r) => ('certNo' in r ? r.certNo : undefined)));
    expect(numbers.size).toBe(1);
    const items = await h.store.doc.send(new ScanCommand({ TableName: h.store.tableName, FilterExpression: 'workerId = :w AND sk = :sk', ExpressionAttributeValues: { ':w': 'wk-eval-3', ':sk': 'CERT' } }));
    expect(items.Items).toHaveLength(1);
  });

  it('follows the facts: a new employer is recorded on the certificate and its trace', async () => {
    const registry = factsRegistry([validFacts({ workerId: 'wk-eval-4' })]);
    await evaluateCertificate(h.store, 'wk-eval-4', registry.factsOf);
    registry.set(validFacts({ workerId: 'wk-eval-4', currentEnterprise: { tenantId: 'ten_new', name: '新雇主家政' } }));
    expect(await evaluateCertificate(h.store, 'wk-eval-4', registry.factsOf)).toMatchObject({ outcome: 'updated', changes: ['certificate.updated'] });
    const cert = (await certificatesRepository(h.store).getByWorker('wk-eval-4'))!;
    expect(cert.enterprise).toEqual({ tenantId: 'ten_new', name: '新雇主家政' });
  });
});

describe('GET /v1/workers/{workerId}/certificate', () => {
  it('the employing enterprise and admins read it with its QR code and verified trace', async () => {
    const { workerId, certNo } = await certifiedWorker();
    for (const caller of [enterpriseA, admin]) {
      const res = await read(caller, workerId);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        certificateNo: certNo,
        workerId,
        status: 'ISSUED',
        cardSeq: 1,
        light: 'green',
        maskedName: '王**',
        qr: { token: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/), pageUrl: expect.stringContaining('/page') },
        trace: { verification: { valid: true, length: 1 } },
      });
    }
  });

  it('another enterprise gets 404 (like no certificate); other roles 403', async () => {
    const { workerId } = await certifiedWorker();
    expect((await read(enterpriseB, workerId)).status).toBe(404);
    expect((await read(enterpriseA, 'wk-nobody')).status).toBe(404);
    expect((await read(insurer, workerId)).status).toBe(403);
    expect((await read(trainingBase, workerId)).status).toBe(403);
  });

  it('an enterprise whose employment ended loses access', async () => {
    const { workerId } = await certifiedWorker();
    await employmentRepository(h.store).link({ tenantId: enterpriseA.tenantId, workerId, status: 'ended', since: '2026-01-01', until: '2026-02-01' });
    expect((await read(enterpriseA, workerId)).status).toBe(404);
  });
});

describe('POST /v1/certificates/{certNo}/<command>', () => {
  it('activate, suspend (enterprise); revoke (admin only); each on the trace', async () => {
    const { workerId, certNo } = await certifiedWorker();
    expect((await command(enterpriseA, certNo, 'activate')).body).toMatchObject({ status: 'applied', certificate: { status: 'ACTIVATED' } });
    expect((await command(enterpriseA, certNo, 'suspend', { reasonCode: 'complaint_investigation' })).body.certificate).toMatchObject({ status: 'SUSPENDED', light: 'red' });
    const refused = await command(enterpriseA, certNo, 'revoke', { reasonCode: 'serious_misconduct' });
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toBe('application/problem+json');
    expect((await command(admin, certNo, 'revoke', { reasonCode: 'serious_misconduct' })).body.certificate).toMatchObject({ status: 'REVOKED' });
    const again = await command(admin, certNo, 'activate');
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ type: '/problems/certificate-transition-not-allowed', detail: 'cannot activate a certificate that is REVOKED' });
    const trace = (await read(admin, workerId)).body.trace;
    expect(trace.entries.map((e: { type: string }) => e.type)).toEqual(['certificate.issued', 'certificate.activated', 'certificate.suspended', 'certificate.revoked']);
    expect(trace.entries[1].actor).toEqual(enterpriseA);
    expect(trace.verification).toEqual({ valid: true, length: 4 });
  });

  it('roles 403, another enterprise 404, unknown numbers 404, bodies validated', async () => {
    const { certNo } = await certifiedWorker();
    expect((await command(insurer, certNo, 'activate')).status).toBe(403);
    expect((await command(trainingBase, certNo, 'activate')).status).toBe(403);
    expect((await command(enterpriseB, certNo, 'activate')).status).toBe(404);
    expect((await command(enterpriseA, 'AX-ZZZZZZZZZZ', 'activate')).status).toBe(404);
    expect((await command(enterpriseA, 'not-a-number', 'activate')).status).toBe(404);
    expect((await command(enterpriseA, certNo, 'suspend', { reasonCode: 'because' })).status).toBe(422);
    expect((await command(enterpriseA, certNo, 'activate', { extra: 1 })).status).toBe(422);
    expect((await h.call(enterpriseA, 'POST /v1/certificates/{certNo}/activate', { params: { certNo }, body: {}, idempotencyKey: null })).status).toBe(400);
  });

  it('is idempotent by key: a retry answers the same and appends nothing; the key with another body is 422', async () => {
    const { workerId, certNo } = await certifiedWorker();
    const first = await command(enterpriseA, certNo, 'rotate-qr', {}, 'rotate-key-0001');
    const retry = await command(enterpriseA, certNo, 'rotate-qr', {}, 'rotate-key-0001');
    expect(retry.status).toBe(200);
    expect(retry.body.eventId).toBe(first.body.eventId);
    expect(retry.body.certificate.qr.token).toBe(first.body.certificate.qr.token);
    expect((await command(enterpriseA, certNo, 'rotate-qr', { reasonCode: 'code_leaked' }, 'rotate-key-0001')).status).toBe(422);
    expect((await read(enterpriseA, workerId)).body.trace.entries).toHaveLength(2);
    const event = await h.call(enterpriseA, 'GET /v1/events/{eventId}', { params: { eventId: first.body.eventId } });
    expect(event.body).toMatchObject({ type: 'certificate.rotate-qr', subjectId: certNo, status: 'applied' });
  });
});

describe('QR rotation and reissue', () => {
  it('keep the number and kill the old code at once (404, like a code that never existed)', async () => {
    const { workerId, certNo } = await certifiedWorker();
    const t1 = (await read(enterpriseA, workerId)).body.qr.token as string;
    expect((await lookup(t1)).body).toMatchObject({ certificateNo: certNo, light: 'green' });

    const rotated = await command(enterpriseA, certNo, 'rotate-qr', { reasonCode: 'code_leaked' });
    const t2 = rotated.body.certificate.qr.token as string;
    expect(t2).not.toBe(t1);
    expect(rotated.body.certificate).toMatchObject({ certificateNo: certNo, cardSeq: 1, status: 'ISSUED' });
    const dead = await lookup(t1);
    const never = await lookup('A'.repeat(22));
    expect(dead.status).toBe(404);
    // The same problem, apart from `instance` (the request's own path).
    expect({ ...dead.body, instance: undefined }).toEqual({ ...never.body, instance: undefined });
    expect((await lookup(t2)).body.certificateNo).toBe(certNo);

    const reissued = await command(enterpriseA, certNo, 'reissue', { reasonCode: 'lost' });
    expect(reissued.body.certificate).toMatchObject({ certificateNo: certNo, cardSeq: 2, status: 'REISSUED' });
    expect((await lookup(t2)).status).toBe(404);
    expect((await lookup(reissued.body.certificate.qr.token)).body.certificateNo).toBe(certNo);
  });

  it('a revoked certificate shows red until its code is rotated, then 404', async () => {
    const { certNo, workerId } = await certifiedWorker();
    const token = (await read(enterpriseA, workerId)).body.qr.token as string;
    await command(admin, certNo, 'revoke', { reasonCode: 'fraudulent_documents' });
    expect((await lookup(token)).body).toMatchObject({ light: 'red', reasons: [{ code: 'see-enterprise', text: '证件状态异常，请联系所属企业' }] });
    await command(admin, certNo, 'rotate-qr', {});
    expect((await lookup(token)).status).toBe(404);
  });
});

describe('public lookup: audit', () => {
  it('audits every lookup (outcome, time, token hash prefix) without any address; the page route too', async () => {
    const { certNo, workerId } = await certifiedWorker();
    const token = (await read(enterpriseA, workerId)).body.qr.token as string;
    const page = await h.call(undefined, 'GET /v1/public/certificates/{qrToken}/page', { params: { qrToken: token } });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain(certNo);
    await lookup(token);
    const audits = await certificateLookupsRepository(h.store).auditsOf(certNo);
    expect(audits).toEqual([
      expect.objectContaining({ outcome: 'shown', via: 'page', certNo, light: 'green', tokenHashPrefix: expect.stringMatching(/^[0-9a-f]{12}$/) }),
      expect.objectContaining({ outcome: 'shown', via: 'json', certNo }),
    ]);
    expect(token.startsWith(audits[0]!.tokenHashPrefix)).toBe(false);
    const unknown = `U${'n'.repeat(21)}`;
    await lookup(unknown);
    const today = shanghaiDay(new Date());
    expect((await certificateLookupsRepository(h.store).unknownAudits(today)).some((a) => a.outcome === 'not-found')).toBe(true);
    // No source address anywhere in the table (counters are keyed by a peppered HMAC).
    const all = await h.store.doc.send(new ScanCommand({ TableName: h.store.tableName }));
    expect(JSON.stringify(all.Items)).not.toContain('127.0.0.1');
  });
});

describe('public lookup: throttling', () => {
  const limits = { perSourcePerMinute: 3, perCertificatePerMinute: 4 };
  const at = (iso: string) => () => new Date(iso);

  it('per source: above the limit 429 until the minute ends; only the first refusal is audited', async () => {
    const { certNo, workerId } = await certifiedWorker();
    const token = (await read(enterpriseA, workerId)).body.qr.token as string;
    const deps = { store: h.store, limits, now: at('2030-01-01T00:00:10Z') };
    const outcomes = [];
    for (let i = 0; i < 5; i++) outcomes.push((await lookupCertificate(deps, token, '203.0.113.7', 'json')).outcome);
    expect(outcomes).toEqual(['shown', 'shown', 'shown', 'throttled', 'throttled']);
    expect(await lookupCertificate(deps, token, '203.0.113.8', 'json')).toMatchObject({ outcome: 'shown' });
    expect(await lookupCertificate({ ...deps, now: at('2030-01-01T00:01:00Z') }, token, '203.0.113.7', 'json')).toMatchObject({ outcome: 'shown' });
    const throttled = (await lookupCertificate(deps, token, '203.0.113.7', 'json')) as { retryAfterSeconds: number };
    expect(throttled.retryAfterSeconds).toBe(50);
    const unknownDay = await certificateLookupsRepository(h.store).unknownAudits('2030-01-01');
    expect(unknownDay.filter((a) => a.outcome === 'throttled' && a.throttledBy === 'source')).toHaveLength(1);
    expect((await certificateLookupsRepository(h.store).auditsOf(certNo)).filter((a) => a.outcome === 'shown')).toHaveLength(5);
  });

  it('per certificate: above the limit 429 whatever the address', async () => {
    const { certNo, workerId } = await certifiedWorker();
    const token = (await read(enterpriseA, workerId)).body.qr.token as string;
    const deps = { store: h.store, limits, now: at('2030-01-02T00:00:00Z') };
    const outcomes = [];
    for (let i = 0; i < 6; i++) outcomes.push((await lookupCertificate(deps, token, `198.51.100.${i}`, 'json')).outcome);
    expect(outcomes).toEqual(['shown', 'shown', 'shown', 'shown', 'throttled', 'throttled']);
    expect((await certificateLookupsRepository(h.store).auditsOf(certNo)).filter((a) => a.throttledBy === 'cert')).toHaveLength(2);
  });

  it('the route answers 429 problem+json with Retry-After (default limit: 20 a minute per certificate)', async () => {
    const { workerId } = await certifiedWorker();
    const token = (await read(enterpriseA, workerId)).body.qr.token as string;
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 21; i++) {
      last = await lookup(token);
      statuses.push(last.status);
    }
    // 20 or fewer pass: the minute may turn during the loop, which only lets more through.
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(20);
    if (last!.status === 429) {
      expect(last!.headers['content-type']).toBe('application/problem+json');
      expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
      expect(last!.body).toMatchObject({ type: '/problems/too-many-requests', status: 429 });
    }
  });
});
