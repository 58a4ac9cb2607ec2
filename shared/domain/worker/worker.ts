/**
 * The worker aggregate as the registry stores it: one per person, global (not per
 * enterprise). Personal data appears only as KMS ciphertexts and in masked form; the
 * ID number's keyed hash lives on the PERSON item, never here.
 */
import type { WorkerChecks } from './checks';
import type { ConsentScope, OpenConsent } from './consents';

export interface WorkerProfile {
  workerId: string;
  registeredAt: string;
  /** encryptPersonalData(idNumber, { purpose: 'id-number', workerId }) — base64. */
  idNumberCiphertext: string;
  /** encryptPersonalData(name, { purpose: 'name', workerId }) — base64. */
  nameCiphertext: string;
  /** `440308********1234`: what anyone allowed to see the worker is shown. */
  idNumberMasked: string;
  /** `王**` */
  nameMasked: string;
  /** The enterprise of the one current employment link, if any. */
  currentTenantId?: string;
  checks: WorkerChecks;
  /** The open consent per scope (history items keep the rest). */
  consents: Partial<Record<ConsentScope, OpenConsent>>;
  /** Categories with at least one passed training exam (what the certificate shows). */
  trainedCategories: string[];
  /** = the seq of the last trace entry; guards every write (optimistic concurrency). */
  version: number;
  traceHead: { seq: number; hash: string };
}

/** Types of the worker's trace entries: what happened, in the past tense. */
export const WORKER_TRACE_TYPES = {
  registered: 'worker.registered',
  employmentStarted: 'worker.employment-started',
  employmentEnded: 'worker.employment-ended',
  consentRecorded: 'worker.consent-recorded',
  identityChecked: 'worker.identity-checked',
  backgroundChecked: 'worker.background-checked',
  healthChecked: 'worker.health-checked',
  trainingEnrolled: 'worker.training-enrolled',
  trainingCompleted: 'worker.training-completed',
  examRecorded: 'worker.exam-recorded',
  /** Payload: the type and the days only. */
  employmentTermRecorded: 'worker.employment-term-recorded',
  /** Payload: the graduation's ciphertext, so the entry's hash is a hash of the ciphertext and never of the values. */
  graduationRecorded: 'worker.graduation-recorded',
} as const;
