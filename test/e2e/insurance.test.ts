/**
 * Insurance end to end on the local platform with the real app:
 *
 *   an insurer (the dev stage's demo insurer from cdk.json) issues a group policy to the
 *   demo enterprise → the enterprise registers a worker (with the insurance-roster consent),
 *   enrols them, runs an order to check-in, and files a claim for an incident during the
 *   service → claims queue → claims consumer (coverage) → domain event bus → the insurer's
 *   own SQS queue, read by a client that knows nothing of Anxin's code: plain
 *   @aws-sdk/client-sqs, the message validated against the PUBLISHED JSON Schema
 *   (docs/events/cn.anxin.claim.filed.v1.schema.json) with Ajv → the insurer posts its
 *   decision → the enterprise sees it → the claim's trace verifies.
 *
 * Claims outside cover (incident outside the service time; a worker never enrolled) end
 * `not-covered` with the reason and never reach the insurer's queue.
 */
import { conformingFetch } from '../support/openapi-conformance';
import { readFileSync } from 'node:fs';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey, createTenant } from '../../shared/admin/onboarding';
import { evaluateCertificate } from '../../shared/services/certificates';
import { day, validFacts } from '../support/certificates';
import { validOrder } from '../support/fixtures';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform';
import { insurableWorkerBody, person } from '../support/workers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response shapes are asserted, not typed
type Json = any;

interface LocalInfo {
  tenants: { enterprise: string };
  keys: { enterprise: string };
  insurers: { name: string; tenantId: string; apiKey: string; queueUrl: string; dlqUrl: string }[];
}

let platform: TestPlatform;
let info: LocalInfo;
let insurer: LocalInfo['insurers'][number];
let sqs: SQSClient;
let counter = 0;

beforeAll(async () => {
  platform = await startTestPlatform();
  info = JSON.parse(readFileSync(`${platform.dataDir}/local.json`, 'utf8')) as LocalInfo;
  insurer = info.insurers[0]!;
  // What an insurer would run: a plain SQS client pointed at its queue (here the local endpoint).
  sqs = new SQSClient({ endpoint: platform.sqsEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'insurer', secretAccessKey: 'insurer' } });
});
afterAll(async () => {
  sqs?.destroy();
  await platform?.close();
});

async function api(path: string, key: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: Json; location?: string }> {
  const headers: Record<string, string> = { authorization: `Bearer ${key}` };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.method === 'POST' || init.method === 'PUT') headers['idempotency-key'] = `e2e-ins-${process.pid}-${++counter}`;
  const res = await conformingFetch(`${platform.apiUrl}${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, location: res.headers.get('location') ?? undefined };
}
const post = (key: string, path: string, body: unknown) => api(path, key, { method: 'POST', body });

const enterpriseKey = () => info.keys.enterprise;
const isoAgo = (ms: number) => new Date(Date.now() - ms).toISOString();
const HOUR = 3_600_000;
/** Cover runs by China calendar days and is never backdated: enrolments start today in Guangzhou. */
const todayInChina = () => new Date(Date.now() + 8 * HOUR).toISOString().slice(0, 10);
/** An incident 2 h ago — or, just after midnight in Guangzhou, a minute into today, when the worker is already on the roster. */
const coveredIncidentAt = () => new Date(Math.max(Date.now() - 2 * HOUR, Date.parse(`${todayInChina()}T00:01:00+08:00`))).toISOString();

/** A registered worker of the demo enterprise; `enrolIn` puts them on that policy's roster. */
async function worker(enrolIn?: string): Promise<string> {
  const reg = await post(enterpriseKey(), '/v1/workers', insurableWorkerBody(person()));
  expect(reg.status, JSON.stringify(reg.body)).toBe(201);
  const workerId = reg.body.workerId as string;
  if (enrolIn) {
    const enrolled = await post(enterpriseKey(), `/v1/policies/${enrolIn}/enrolments`, { workerId, from: todayInChina() });
    expect(enrolled.status, JSON.stringify(enrolled.body)).toBeLessThan(300);
  }
  // Assignment needs a certificate; issuing one is tested elsewhere, so it is set up directly.
  const cert = await evaluateCertificate(platform.store, workerId, async () =>
    validFacts({ workerId, currentEnterprise: { tenantId: info.tenants.enterprise, name: 'demo' }, insurance: { activeUntil: day(new Date(), 300) } }),
  );
  expect(cert.outcome).toBe('issued');
  return workerId;
}

/** An order of the demo enterprise, assigned to `workerId`, checked in 3 h ago (and out 1 h ago when asked). */
async function orderInService(workerId: string, checkedOut = false): Promise<string> {
  const created = await post(enterpriseKey(), '/v1/orders', validOrder());
  expect(created.status).toBe(202);
  const orderId = created.body.orderId as string;
  await eventually(async () => ((await api(`/v1/orders/${orderId}`, enterpriseKey())).status === 200 ? true : undefined), 30_000, 'order created');
  const steps: [string, unknown][] = [
    ['assign', { workerId }],
    ['confirm', {}],
    ['check-in', { at: isoAgo(3 * HOUR), method: 'app' }],
    ...(checkedOut ? ([['check-out', { at: isoAgo(HOUR), method: 'app' }]] as [string, unknown][]) : []),
  ];
  for (const [command, body] of steps) expect((await post(enterpriseKey(), `/v1/orders/${orderId}/${command}`, body)).status).toBe(202);
  const target = checkedOut ? 'COMPLETED' : 'IN_SERVICE';
  await eventually(async () => ((await api(`/v1/orders/${orderId}`, enterpriseKey())).body?.status === target ? true : undefined), 30_000, `order ${target}`);
  return orderId;
}

const claimBody = (orderId: string, occurredAt: string) => ({
  orderId,
  type: 'worker-accident',
  occurredAt,
  place: '天河区某小区 (kitchen)',
  description: 'Slipped on a wet floor while cleaning; wrist sprain, seen at the district hospital.',
  amountClaimedFen: 286_000,
  documents: [{ kind: 'medical-record', ref: 'https://docs.example-enterprise.cn/claims/123/record.pdf', sha256: 'a'.repeat(64) }],
});

async function settledClaim(claimId: string): Promise<Json> {
  return eventually(
    async () => {
      const res = await api(`/v1/claims/${claimId}`, enterpriseKey());
      return res.status === 200 && res.body.status !== 'accepted' ? res.body : undefined;
    },
    30_000,
    `claim ${claimId} applied`,
  );
}

/** Receives from the insurer's queue until a message about `claimId` arrives; returns it and every other subject seen. */
async function receiveClaimEvent(claimId: string): Promise<{ event: Json; seen: string[] }> {
  const seen: string[] = [];
  const event = await eventually(
    async () => {
      const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: insurer.queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
      let found: Json;
      for (const m of out.Messages ?? []) {
        const body = JSON.parse(m.Body!) as Json;
        seen.push(body.subject);
        if (body.subject === claimId) found = body;
        await sqs.send(new DeleteMessageCommand({ QueueUrl: insurer.queueUrl, ReceiptHandle: m.ReceiptHandle! }));
      }
      return found;
    },
    45_000,
    `ClaimFiled for ${claimId} on the insurer queue`,
  );
  return { event, seen };
}

describe('a claim from filing to the insurer and back', () => {
  let policyId: string;

  beforeAll(async () => {
    const issued = await post(insurer.apiKey, '/v1/policies', {
      enterpriseId: info.tenants.enterprise,
      policyNumber: `E2E-${process.pid}-${Date.now()}`,
      covers: ['worker-accident', 'third-party-liability'],
      startsOn: day(new Date(), -30),
      endsOn: day(new Date(), 300),
      premiumPerWorkerFen: 24_000,
    });
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    policyId = issued.body.policyId;
  });

  it('delivers ClaimFiled to the insurer queue as a CloudEvent valid against the published schema; the decision reaches the enterprise; the trace verifies', async () => {
    const workerId = await worker(policyId);
    const orderId = await orderInService(workerId);

    // Outside cover first: an incident an hour before check-in, and a worker never enrolled.
    const early = await post(enterpriseKey(), '/v1/claims', claimBody(orderId, isoAgo(4 * HOUR)));
    expect(early.status, JSON.stringify(early.body)).toBe(202);
    const uninsuredOrder = await orderInService(await worker());
    const uninsured = await post(enterpriseKey(), '/v1/claims', claimBody(uninsuredOrder, coveredIncidentAt()));
    expect(uninsured.status).toBe(202);

    const filed = await post(enterpriseKey(), '/v1/claims', claimBody(orderId, coveredIncidentAt()));
    expect(filed.status, JSON.stringify(filed.body)).toBe(202);
    expect(filed.location).toBe(`/v1/claims/${filed.body.claimId}`);
    const claimId = filed.body.claimId as string;

    expect(await settledClaim(early.body.claimId)).toMatchObject({ status: 'not-covered', notCovered: { reason: 'outside-service-time' } });
    expect(await settledClaim(uninsured.body.claimId)).toMatchObject({ status: 'not-covered', notCovered: { reason: 'worker-not-enrolled' } });
    expect(await settledClaim(claimId)).toMatchObject({ status: 'filed', insurerId: insurer.tenantId, policyId });

    // The insurer's side: plain SQS, the published schema, nothing of Anxin's code.
    const { event, seen } = await receiveClaimEvent(claimId);
    const schema = JSON.parse(readFileSync(new URL('../../docs/events/cn.anxin.claim.filed.v1.schema.json', import.meta.url), 'utf8')) as Json;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    expect(validate(event), JSON.stringify(validate.errors)).toBe(true);
    expect(event).toMatchObject({ specversion: '1.0', type: 'cn.anxin.claim.filed.v1', subject: claimId, id: filed.body.eventId, anxininsurer: insurer.tenantId });
    expect(event.data).toMatchObject({ claimId, orderId, workerId, policyId, amountClaimedFen: 286_000 });
    // No personal data or free text travels: not the place, not the description, not the document ref.
    const raw = JSON.stringify(event);
    for (const secret of ['天河区', 'wet floor', 'docs.example-enterprise.cn']) expect(raw).not.toContain(secret);
    // The uncovered claims never reached the insurer.
    expect(seen).not.toContain(early.body.claimId);
    expect(seen).not.toContain(uninsured.body.claimId);

    // The insurer sees the claim (and its details, through the API) and decides.
    const asInsurer = await api(`/v1/claims/${claimId}`, insurer.apiKey);
    expect(asInsurer).toMatchObject({ status: 200, body: { claimId, description: expect.stringContaining('wet floor') } });
    const decision = await post(insurer.apiKey, `/v1/claims/${claimId}/decision`, { outcome: 'partly-approved', amountApprovedFen: 200_000, reason: 'Physiotherapy beyond the policy schedule is not covered.' });
    expect(decision.status, JSON.stringify(decision.body)).toBe(202);

    // The enterprise sees the decision.
    const decided = await eventually(
      async () => {
        const res = await api(`/v1/claims/${claimId}`, enterpriseKey());
        return res.body?.status === 'decided' ? res.body : undefined;
      },
      30_000,
      'decision applied',
    );
    expect(decided.decision).toMatchObject({ outcome: 'partly-approved', amountApprovedFen: 200_000 });

    // Another insurer and another enterprise see nothing of it (404, as if it did not exist).
    const outsider = async (role: 'insurer' | 'enterprise') => {
      const tenant = await createTenant(platform.store, { name: `e2e other ${role}`, role });
      return (await createKey(platform.store, tenant.tenantId, 'e2e')).apiKey;
    };
    const [otherInsurer, otherEnterprise] = [await outsider('insurer'), await outsider('enterprise')];
    for (const key of [otherInsurer, otherEnterprise]) {
      expect((await api(`/v1/claims/${claimId}`, key)).status).toBe(404);
      expect((await api(`/v1/claims/${claimId}/trace`, key)).status).toBe(404);
      expect(((await api('/v1/claims', key)).body.items as Json[]).map((c) => c.claimId)).not.toContain(claimId);
    }
    expect((await post(otherInsurer, `/v1/claims/${claimId}/payment`, { amountPaidFen: 1, paidOn: todayInChina(), reference: 'X-1' })).status).toBe(404);

    // Trace: filed + decided, and the chain verifies.
    const trace = await api(`/v1/claims/${claimId}/trace`, enterpriseKey());
    expect(trace.status).toBe(200);
    expect(trace.body.entries.map((e: Json) => e.type)).toEqual(['claim.filed', 'claim.decided']);
    expect(trace.body.verification).toMatchObject({ valid: true, length: 2 });
  });
});
