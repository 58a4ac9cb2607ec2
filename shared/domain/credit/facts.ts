/**
 * What a credit grade is computed from (docs/credit-grading.md). These are the inputs of
 * the pure grading model (`model.ts`, `worker-stars.ts`) and exactly what a grade record
 * stores, so a stored grade can be recomputed from its stored inputs, byte for byte.
 *
 * - Monthly counters (`EnterpriseMonthFacts`, `WorkerMonthFacts`) are kept by the
 *   credit-facts consumer from domain events, one per enterprise / worker and Asia/Shanghai
 *   calendar month of the event's time, idempotent on the event id.
 * - The staff snapshot is read when the period is first graded (who is employed, certified,
 *   trained, insured then) and kept beside the grade, so a recompute reads the same counts.
 * - Public-credit records are what an admin recorded, with evidence.
 */

/** `YYYY-MM`, a calendar month in Asia/Shanghai. */
export type Period = string;

/** One enterprise's counters for one month. Every field is a count or a sum; absent = 0. */
export interface EnterpriseMonthFacts {
  period: Period;
  /** `order.create` */
  ordersCreated: number;
  /** `order.check-out` (IN_SERVICE → COMPLETED): a service delivered. */
  ordersCompleted: number;
  /** `order.check-in` */
  checkIns: number;
  /** Check-ins at most ON_TIME_GRACE_MINUTES after the order's scheduled start. */
  onTimeCheckIns: number;
  /** `order.no-show` with party `worker` (a household's no-show is not the enterprise's doing). */
  workerNoShows: number;
  /** `order.cancel` with `by: enterprise` or `by: worker`. */
  enterpriseCancellations: number;
  /** `order.rate` */
  ratings: number;
  /** Sum of the stars of those ratings (1–5 each). */
  ratingStarsSum: number;
  /** `order.complaint-opened` */
  complaintsOpened: number;
  /** `order.complaint-resolved` */
  complaintsResolved: number;
  /** Sum over resolved complaints of (resolved − opened), in hours. */
  complaintResolutionHoursSum: number;
}

/** A check-in up to this many minutes after the scheduled start is on time. */
export const ON_TIME_GRACE_MINUTES = 15;

/** The numeric fields of EnterpriseMonthFacts, in the order they are documented. */
export const ENTERPRISE_MONTH_COUNTERS = [
  'ordersCreated',
  'ordersCompleted',
  'checkIns',
  'onTimeCheckIns',
  'workerNoShows',
  'enterpriseCancellations',
  'ratings',
  'ratingStarsSum',
  'complaintsOpened',
  'complaintsResolved',
  'complaintResolutionHoursSum',
] as const satisfies readonly (keyof EnterpriseMonthFacts)[];
export type EnterpriseMonthCounter = (typeof ENTERPRISE_MONTH_COUNTERS)[number];

/** One worker's counters for one month, across every enterprise the worker served. */
export interface WorkerMonthFacts {
  period: Period;
  /** Orders the worker was assigned to that reached COMPLETED. */
  ordersCompleted: number;
  workerNoShows: number;
  ratings: number;
  ratingStarsSum: number;
  complaintsOpened: number;
}

export const WORKER_MONTH_COUNTERS = ['ordersCompleted', 'workerNoShows', 'ratings', 'ratingStarsSum', 'complaintsOpened'] as const satisfies readonly (keyof WorkerMonthFacts)[];
export type WorkerMonthCounter = (typeof WORKER_MONTH_COUNTERS)[number];

/** The enterprise's staff (its current employment links) when the period was first graded. */
export interface StaffSnapshot {
  currentWorkers: number;
  /** Holding a certificate that is not revoked or expired. */
  certified: number;
  /** Of those, with a green light (all checks current). */
  greenLights: number;
  /** With at least one passed training exam. */
  trained: number;
  /** Enrolled on a group policy in force on that day. */
  insured: number;
}

export const PUBLIC_RECORD_KINDS = ['reward', 'penalty', 'blacklist'] as const;
export type PublicRecordKind = (typeof PUBLIC_RECORD_KINDS)[number];

/** A reward, penalty or black-list entry an admin recorded (公共信用), with its evidence. */
export interface PublicCreditRecord {
  recordId: string;
  kind: PublicRecordKind;
  /** Points added (reward) or taken (penalty); 0 for a black-list entry. */
  points: number;
  /** `YYYY-MM-DD`: the day it takes effect. */
  effectiveOn: string;
  /** `YYYY-MM-DD`: the last day it counts (a black-list entry's end); absent = open-ended. */
  until?: string;
  /** A reference to the decision (document number), never personal data. */
  evidenceRef: string;
}

/** Everything an enterprise's grade for one period is computed from. */
export interface EnterpriseCreditInputs {
  tenantId: string;
  /** The period graded: the window is the 12 months ending with it. */
  period: Period;
  /** `YYYY-MM-DD`: when the enterprise joined the programme (its tenure starts here). */
  joinedOn: string;
  /** The window's months, oldest first; a month without activity has all counters 0. */
  months: EnterpriseMonthFacts[];
  staff: StaffSnapshot;
  /** Records in effect on some day of the window. */
  publicRecords: PublicCreditRecord[];
}

/** Everything a worker's stars are computed from. */
export interface WorkerCreditInputs {
  workerId: string;
  /** `YYYY-MM-DD`: the day the stars are computed for. */
  asOf: string;
  /** `YYYY-MM-DD`: first registration on the platform (years of service count from here). */
  registeredOn: string;
  /** Categories with a passed training exam. */
  trainedCategories: number;
  /** `YYYY-MM-DD` the current certificate was issued; absent when none is in force. */
  certifiedSince?: string;
  /** All months with activity, oldest first. */
  months: WorkerMonthFacts[];
}
