/**
 * Seeds what credit grading reads (services/credit-inputs.ts, credit-staff.ts) beside the
 * seeded orders, consistently with them:
 *
 * - monthly credit facts: the counters derived from the seeded orders (credit-facts.ts),
 *   one item per enterprise and month, as the credit-facts consumer's own update
 *   (store/counter-update.ts) leaves it;
 * - public-credit records: a few enterprises have a penalty, a reward or a black-list
 *   entry, recorded by the real service (services/credit-records.ts);
 * - a group policy per enterprise, issued by the real service (services/policies.ts);
 * - the staff: workers given to enterprises in proportion to their orders, each with what
 *   the staff snapshot reads — the employment link, the profile, for the certified the
 *   certificate and its pointer (issued by the real certificate service, as the registry
 *   does), for the insured the enrolment in the enterprise's policy. Each worker's items
 *   are made by the repositories and services against a memory store (as the orders are)
 *   and written with BatchWriteItem. Traces, event records, PERSON and QR items are not
 *   written: grading reads none of them.
 *
 * The profile's two ciphertexts are random bytes of the length a KMS blob of the plaintext
 * has on the local platform (local/kms/ciphertext.ts): the bench does not call KMS per worker.
 */
import { randomBytes } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createTenant } from '../../shared/admin/onboarding';
import type { Caller } from '../../shared/auth/roles';
import type { CertificationFacts } from '../../shared/domain/certificate/facts';
import type { Enrolment, Policy } from '../../shared/domain/insurance/policy';
import { maskIdNumber } from '../../shared/domain/worker/masking';
import type { WorkerProfile } from '../../shared/domain/worker/worker';
import { newWorkerId } from '../../shared/lib/ids';
import { evaluateCertificate } from '../../shared/services/certificates';
import { recordPublicCredit } from '../../shared/services/credit-records';
import { issuePolicy } from '../../shared/services/policies';
import type { StoreContext } from '../../shared/store/client';
import { addCountersUpdate } from '../../shared/store/counter-update';
import { employmentRepository } from '../../shared/store/employment-repository';
import { keys } from '../../shared/store/keys';
import { policiesRepository } from '../../shared/store/policies-repository';
import { workersRepository } from '../../shared/store/workers-repository';
import { memoryStore } from '../lib/memory-store';
import { prng } from '../lib/order-requests';
import { pipelinedPut } from '../lib/pipelined-put';
import { runPool } from '../lib/pool';
import { progress } from '../lib/progress';
import { apportion, STAFF_SHARES } from './population';
import type { Seeder } from './seed';

const DAY_MS = 86_400_000;
const SERVICE_CATEGORIES = ['cleaning', 'cooking', 'elderly_care', 'childcare', 'nanny', 'maternity_matron'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周'];
/** Header (version, key id length, a key ARN of the local platform's length), IV and GCM tag around the plaintext. */
const KMS_BLOB_OVERHEAD = 2 + 75 + 12 + 16;

/** Public-credit records, as shares of the enterprises that have one in effect. */
const RECORD_SHARES = { penalty: 0.05, reward: 0.03, blacklist: 0.005 };

export interface CreditSeed {
  /** Month items written (one per enterprise and month with orders), and the seconds it took. */
  factMonths: number;
  factSeconds: number;
  publicRecords: number;
  workers: number;
  /** Items the workers came to (links, profiles, certificates and pointers, enrolments). */
  workerItems: number;
  /** Seconds to issue the policies and seed the workers. */
  staffSeconds: number;
  largestStaff: number;
  shares: { trained: number; certified: number; insured: number };
}

export async function seedCreditInputs(store: StoreContext, seeder: Seeder, opts: { workers: number; concurrency: number; seed: number }): Promise<CreditSeed> {
  const facts = await writeFacts(store, seeder, opts.concurrency);
  const publicRecords = await recordPublicCredits(store, seeder.tenants, prng(opts.seed));
  const staff = await seedStaff(store, seeder, opts);
  return { ...facts, publicRecords, ...staff };
}

async function writeFacts(store: StoreContext, seeder: Seeder, concurrency: number) {
  const months = [...seeder.facts.months()];
  const seconds = await pipelinedPut(store, { count: months.length, concurrency, label: 'credit-fact months' }, async (i) => {
    const { enterprise, period, counters } = months[i]!;
    const tenantId = seeder.tenants[enterprise]!;
    // The consumer's update, applied once to an absent item: the item it would leave.
    const mem = memoryStore(store.tableName);
    const { Update } = addCountersUpdate(store.tableName, keys.creditFactsMonth(tenantId, period), { tenantId, period }, counters as Record<string, number>);
    await mem.store.doc.send(new UpdateCommand(Update as ConstructorParameters<typeof UpdateCommand>[0]));
    return [mem.get(keys.creditFactsMonth(tenantId, period))!];
  });
  return { factMonths: months.length, factSeconds: seconds };
}

async function recordPublicCredits(store: StoreContext, tenants: string[], random: () => number): Promise<number> {
  const admin: Caller = { tenantId: 'platform', role: 'admin', keyId: 'key_bench_admin' };
  const today = new Date();
  const daysAgo = (n: number) => new Date(today.getTime() - n * DAY_MS).toISOString().slice(0, 10);
  let recorded = 0;
  for (const [i, tenantId] of tenants.entries()) {
    const u = random();
    const kind = u < RECORD_SHARES.blacklist ? 'blacklist' : u < RECORD_SHARES.blacklist + RECORD_SHARES.penalty ? 'penalty' : u < RECORD_SHARES.blacklist + RECORD_SHARES.penalty + RECORD_SHARES.reward ? 'reward' : undefined;
    if (!kind) continue;
    const points = kind === 'blacklist' ? 0 : 1 + Math.floor(random() * 6);
    await recordPublicCredit(store, admin, `bench-record-${i}`, { tenantId, kind, points, effectiveOn: daysAgo(30 + Math.floor(random() * 300)), evidenceRef: `bench/decision/${i}` });
    recorded++;
  }
  return recorded;
}

async function seedStaff(store: StoreContext, seeder: Seeder, opts: { workers: number; concurrency: number; seed: number }) {
  const started = Date.now();
  const now = new Date();
  const day = (days: number) => new Date(now.getTime() + days * DAY_MS).toISOString().slice(0, 10);
  const perTenant = apportion(opts.workers, seeder.perTenant);
  const policies = await issuePolicies(store, seeder.tenants, perTenant, day);

  const random = prng(opts.seed + 1);
  const owner: number[] = perTenant.flatMap((n, enterprise) => Array.from({ length: n }, () => enterprise));
  const counts = { trained: 0, certified: 0, insured: 0, items: 0 };
  await pipelinedPut(store, { count: owner.length, concurrency: opts.concurrency, label: 'workers' }, async (i) => {
    const enterprise = owner[i]!;
    const tenantId = seeder.tenants[enterprise]!;
    const trained = random() < STAFF_SHARES.trained;
    const certified = trained && random() < STAFF_SHARES.certifiedOfTrained;
    const insured = random() < STAFF_SHARES.insured;
    const items = await workerItems(store.tableName, {
      index: i,
      tenantId,
      policy: policies[enterprise]!,
      trained,
      certified,
      insured,
      since: new Date(now.getTime() - Math.floor((30 + random() * 1000) * DAY_MS)).toISOString(),
      category: SERVICE_CATEGORIES[Math.floor(random() * SERVICE_CATEGORIES.length)]!,
      surname: SURNAMES[Math.floor(random() * SURNAMES.length)]!,
      now,
      day,
    });
    counts.trained += Number(trained);
    counts.certified += Number(certified);
    counts.insured += Number(insured);
    counts.items += items.length;
    return items;
  });
  const share = (n: number) => Math.round((n / Math.max(1, owner.length)) * 1000) / 1000;
  return {
    workers: owner.length,
    workerItems: counts.items,
    staffSeconds: (Date.now() - started) / 1000,
    largestStaff: Math.max(...perTenant),
    shares: { trained: share(counts.trained), certified: share(counts.certified), insured: share(counts.insured) },
  };
}

/** One group policy per enterprise with staff, in force today, from one bench insurer. */
async function issuePolicies(store: StoreContext, tenants: string[], perTenant: number[], day: (days: number) => string): Promise<(Policy | undefined)[]> {
  const insurer = await createTenant(store, { name: 'Bench insurer', role: 'insurer' });
  const caller: Caller = { tenantId: insurer.tenantId, role: 'insurer', keyId: 'key_bench_insurer' };
  const policies: (Policy | undefined)[] = new Array(tenants.length);
  const bar = progress('policies', tenants.length);
  await runPool(tenants.length, 4, async (i) => {
    if (perTenant[i]! > 0) {
      const terms = { enterpriseId: tenants[i]!, policyNumber: `BENCH-${i + 1}`, covers: ['worker-accident' as const], startsOn: day(-100), endsOn: day(264), premiumPerWorkerFen: 20_000 };
      const answer = await issuePolicy({ store }, caller, terms);
      const policyId = String(answer.body.policyId);
      policies[i] = (await policiesRepository(store).get(tenants[i]!, policyId, true))!;
    }
    bar.tick();
  });
  bar.done();
  return policies;
}

/** The items of one worker that grading reads, laid out by the repositories and services. */
async function workerItems(
  tableName: string,
  w: {
    index: number;
    tenantId: string;
    policy: Policy;
    trained: boolean;
    certified: boolean;
    insured: boolean;
    since: string;
    category: string;
    surname: string;
    now: Date;
    day: (days: number) => string;
  },
): Promise<Record<string, unknown>[]> {
  const mem = memoryStore(tableName);
  const workerId = newWorkerId();
  const nameMasked = `${w.surname}**`;
  await employmentRepository(mem.store).link({ tenantId: w.tenantId, workerId, status: 'current', since: w.since, serviceCategories: [w.category], nameMasked });
  const idNumber = `440106${1970 + (w.index % 35)}0101${String(w.index % 10_000).padStart(4, '0')}`;
  const profile: WorkerProfile = {
    workerId,
    registeredAt: w.since,
    idNumberCiphertext: kmsSizedBlob(idNumber.length),
    nameCiphertext: kmsSizedBlob(Buffer.byteLength(`${w.surname}某某`)),
    idNumberMasked: maskIdNumber(idNumber),
    nameMasked,
    currentTenantId: w.tenantId,
    checks: {
      identity: { verified: true, method: 'id-card-reader', recordedAt: w.since },
      background: { result: 'clear', date: w.day(-60), recordedAt: w.since },
      health: { examDate: w.day(-30), passed: true, validUntil: w.day(300), recordedAt: w.since },
    },
    consents: {},
    trainedCategories: w.trained ? [w.category] : [],
    version: 1,
    traceHead: { seq: 1, hash: randomBytes(32).toString('hex') },
  };
  const items = [mem.get(keys.employment(w.tenantId, workerId))!, ...workersRepository(mem.store).record(profile).items];
  if (w.insured) {
    const enrolment: Enrolment = { policyId: w.policy.policyId, insurerId: w.policy.insurerId, enterpriseId: w.tenantId, workerId, from: w.policy.startsOn, enrolledAt: w.since };
    // Both copies, as an enrolment writes them: grading reads the roster in the policy's partition.
    items.push(...policiesRepository(mem.store).enrolmentPuts(enrolment).flatMap((write) => (write.Put?.Item ? [write.Put.Item] : [])));
  }
  if (w.certified) {
    const facts: CertificationFacts = {
      workerId,
      identityVerified: true,
      backgroundCheck: { result: 'clear', date: w.day(-60) },
      healthCheck: { examDate: w.day(-30), passed: true, validUntil: w.day(300) },
      trainingPassed: true,
      creditConsentSigned: true,
      ...(w.insured ? { insurance: { activeUntil: w.policy.endsOn } } : {}),
      currentEnterprise: { tenantId: w.tenantId, name: 'Bench enterprise' },
      serviceCategories: [w.category],
      maskedName: nameMasked,
    };
    const issued = await evaluateCertificate(mem.store, workerId, async () => facts, w.now);
    if (issued.outcome !== 'issued') throw new Error(`bench worker not certified: ${JSON.stringify(issued)}`);
    items.push(mem.get(keys.workerCertificate(workerId))!, mem.get(keys.certificate(issued.certNo))!);
  }
  return items;
}

const kmsSizedBlob = (plaintextBytes: number) => randomBytes(KMS_BLOB_OVERHEAD + plaintextBytes).toString('base64');
