/**
 * The programme's figures over the API (docs/programme.md): GET /v1/admin/programme?year=.
 * Counts only: no enterprise, worker or order is named.
 */
import * as z from 'zod/mini';
import { GRADES } from '../domain/credit/model';
import { defineSchema } from '../lib/define-schema';

export const ProgrammeQuery = /* @__PURE__ */ defineSchema(() => z.strictObject({ year: z.string().check(z.regex(/^20\d{2}$/, 'must be a year 20YY')) }));

const count = () => z.int();
const gradeCounts = () => z.object({ ...Object.fromEntries(GRADES.map((g) => [g, count()])), ungraded: count() } as Record<(typeof GRADES)[number] | 'ungraded', ReturnType<typeof count>>);

const flows = () => ({
  /** Enterprises onboarded in the month (the month they joined the programme). */
  enterprisesJoined: count(),
  /** People registered for the first time. */
  workersRegistered: count(),
  /** Orders created (every one traced). */
  ordersCreated: count(),
  /** Orders checked out: services delivered. */
  servicesDelivered: count(),
  /** Training records reported: person-times trained. */
  trainingPersonTimes: count(),
  /** Certificates that came into force (issued or renewed). */
  certificatesGranted: count(),
  /** Certificates that left force (revoked or expired). */
  certificatesLapsed: count(),
});

const standing = () => ({
  /** Enterprises onboarded up to the end. */
  enterprises: count(),
  /** People registered up to the end. */
  workers: count(),
  /** Workers holding a certificate in force at the end. */
  certifiedWorkers: count(),
});

export const ProgrammeMonthView = /* @__PURE__ */ defineSchema(() =>
  z.object({
    month: z.string(),
    ...flows(),
    ...standing(),
    /** The enterprises graded for this month as a period, by grade. */
    creditGrades: gradeCounts(),
  }),
);

export const ProgrammeYearView = /* @__PURE__ */ defineSchema(() =>
  z.object({
    year: z.string(),
    /** When these figures were read. */
    asOf: z.string(),
    /** January up to December, or up to the current month for the current year; none for a year to come. */
    months: z.array(ProgrammeMonthView),
    totals: z.object({
      ...flows(),
      ...standing(),
      /** The latest graded period of the year and its distribution, when one was graded. */
      latestGrades: z.optional(z.object({ period: z.string(), counts: gradeCounts() })),
    }),
  }),
);
export type ProgrammeYearView = z.infer<typeof ProgrammeYearView>;
