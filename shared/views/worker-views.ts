/**
 * What the API shows of a worker. Only masked personal data ever leaves (the ciphertexts
 * stay inside), and an enterprise sees its own employment link — never another one's.
 */
import type { TrainingRecord } from '../domain/training/training';
import type { WorkerProfile } from '../domain/worker/worker';
import type { EmploymentLink, EmploymentPeriod } from '../store/employment-repository';
import type { ConsentPeriod } from '../store/workers-repository';
import type { CertificateSummary } from '../services/worker-certificate';
import type { TraceEntry, Verification } from '../trace/chain';

export interface WorkerDetails {
  profile: WorkerProfile;
  link?: EmploymentLink;
  periods?: EmploymentPeriod[];
  consents: ConsentPeriod[];
  training: TrainingRecord[];
  certificate: CertificateSummary;
  /** Whether a graduation is recorded; the values are never read for a view. */
  graduationRecorded: boolean;
  /** Shown to the admin only. */
  admin?: boolean;
}

const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

export function workerView(d: WorkerDetails) {
  const { profile: p, link } = d;
  const { identity, background, health } = p.checks;
  return defined({
    workerId: p.workerId,
    name: p.nameMasked,
    idNumber: p.idNumberMasked,
    registeredAt: p.registeredAt,
    checks: defined({
      identity: identity && { verified: identity.verified, method: identity.method, recordedAt: identity.recordedAt },
      background: background && { result: background.result, date: background.date, recordedAt: background.recordedAt },
      health: health && { examDate: health.examDate, passed: health.passed, validUntil: health.validUntil, recordedAt: health.recordedAt },
    }),
    consents: d.consents.map((c) => defined({ scope: c.scope, version: c.version, grantedAt: c.grantedAt, revokedAt: c.revokedAt, supersededAt: c.supersededAt })),
    training: d.training.map((t) =>
      defined({
        baseTenantId: t.baseTenantId,
        courseCode: t.courseCode,
        category: t.category,
        attempt: t.attempt,
        enrolledOn: t.enrolledOn,
        completedOn: t.completedOn,
        exam: t.exam && defined({ examDate: t.exam.examDate, score: t.exam.score, passed: t.exam.passed, sittings: t.exam.sittings }),
      }),
    ),
    trainedCategories: p.trainedCategories,
    certificate: defined({ ...d.certificate }),
    employment: link && employmentView(link, d.periods),
    graduation: { recorded: d.graduationRecorded },
    currentTenantId: d.admin ? p.currentTenantId : undefined,
  });
}

export function employmentView(link: EmploymentLink, periods?: EmploymentPeriod[]) {
  return defined({
    status: link.status,
    since: link.since,
    until: link.until,
    endReason: link.endReason,
    serviceCategories: link.serviceCategories,
    terms: link.terms && link.terms.length > 0 ? link.terms : undefined,
    periods: periods && periods.length > 0 ? periods : undefined,
  });
}

/** A row of GET /v1/workers (from the link alone: the masked name was copied onto it). */
export function workerSummary(link: EmploymentLink) {
  return defined({
    workerId: link.workerId,
    name: link.nameMasked ?? '',
    status: link.status,
    since: link.since,
    until: link.until,
    serviceCategories: link.serviceCategories ?? [],
  });
}

/**
 * The worker's trace as `viewerTenantId` may see it (undefined: the admin sees all). Another
 * tenant's entries keep their place, type, time and hashes but not who wrote them nor the
 * payload hash (a payload like {tenantId, since} is few enough guesses to confirm by
 * hashing); the chain is verified on the server over the full entries.
 */
export function workerTraceView(workerId: string, entries: TraceEntry[], verification: Verification, viewerTenantId?: string) {
  return {
    workerId,
    entries: entries.map((e) =>
      viewerTenantId === undefined || e.actor.tenantId === viewerTenantId
        ? e
        : { seq: e.seq, eventId: e.eventId, type: e.type, actor: { role: e.actor.role }, at: e.at, prevHash: e.prevHash, hash: e.hash, redacted: true as const },
    ),
    verification,
  };
}
