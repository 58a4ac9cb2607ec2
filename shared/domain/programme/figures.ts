/**
 * The programme's own figures (docs/programme.md): what the city reports about 南粤家政 —
 * enterprises, registered workers, orders traced, services delivered, training
 * person-times, certified workers and the credit-grade distribution — by Asia/Shanghai
 * month, from counters the write paths move as they write (no scans).
 *
 * Every counter lives on SHARDS items per month (one partition each), because every
 * order, worker, certificate and grade of the city moves the same month: one item would be
 * one hot key and a conflict for every concurrent transaction. A write picks its shard from
 * the id of what it counts, so a retried transaction moves the same shard; a read adds the
 * shards up. Pure: the store lays the items out (store/programme-figures-repository.ts).
 */
import { createHash } from 'node:crypto';
import { GRADES, type Grade } from '../credit/model';

/** Counters moved by one write each, in the documented order. */
export const PROGRAMME_FLOW_COUNTERS = [
  /** An enterprise tenant onboarded (the month it joined the programme: `joinedOn`, else its creation). */
  'enterprisesJoined',
  /** A person registered for the first time (a second enterprise registering them adds nothing). */
  'workersRegistered',
  /** An order created: every one is traced from here. */
  'ordersCreated',
  /** An order checked out (IN_SERVICE → COMPLETED): a service delivered. */
  'servicesDelivered',
  /** A training record a base reported, one per person and course. */
  'trainingPersonTimes',
  /** A certificate came into force (issued, or renewed from EXPIRED). */
  'certificatesGranted',
  /** A certificate left force (revoked or expired). */
  'certificatesLapsed',
] as const;
export type ProgrammeFlowCounter = (typeof PROGRAMME_FLOW_COUNTERS)[number];

/** The grade bucket of a period's grade; `ungraded` when the enterprise had too little to grade. */
export type GradeBucket = Grade | 'ungraded';
export const GRADE_BUCKETS: readonly GradeBucket[] = [...GRADES, 'ungraded'];
export const gradeCounter = (grade: Grade | string | null): string => `grade:${grade ?? 'ungraded'}`;

/** How many items one month's counters are spread over. A power of two; changing it moves no data but orphans counts. */
export const SHARDS = 16;

/** The shard of the thing counted: stable, so a retry moves the same item. */
export function shardOf(id: string): number {
  return createHash('sha256').update(id).digest().readUInt16BE(0) % SHARDS;
}

/** What one write adds to one month of the programme's counters. */
export interface ProgrammeDelta {
  /** `YYYY-MM` (Asia/Shanghai). */
  month: string;
  /** The id of what is counted (picks the shard). */
  countedId: string;
  counters: Readonly<Record<string, number>>;
}

/** What happened in a period: one number per flow counter. */
export type ProgrammeFlows = Record<ProgrammeFlowCounter, number>;

/** What stands at the end of a period, added up from the first month there is. */
export interface ProgrammeStanding {
  /** Enterprises onboarded so far. */
  enterprises: number;
  /** People registered so far. */
  workers: number;
  /** Certificates in force (one per worker at most: the certified workers). */
  certifiedWorkers: number;
}

/** One month as the read model returns it: the month's flows and the standing totals at its end. */
export interface ProgrammeMonth extends ProgrammeFlows, ProgrammeStanding {
  month: string;
  /** The grades of this month as a graded period, by grade. */
  creditGrades: Record<GradeBucket, number>;
}

export interface ProgrammeYear {
  year: string;
  months: ProgrammeMonth[];
  /** The year's flows, and what stands at the end of its last month shown. */
  totals: ProgrammeFlows &
    ProgrammeStanding & {
      /** The distribution of the year's latest graded period, if any was graded. */
      latestGrades?: { period: string; counts: Record<GradeBucket, number> };
    };
}

/** A stored shard item's month and counters. */
export interface MonthShard {
  month: string;
  counters: Readonly<Record<string, number>>;
}


/**
 * The year's twelve months — or, for the current year, up to `lastMonth` — from every
 * shard item of every month up to the year's end (the standing totals count from the
 * first month there is).
 */
export function programmeYear(year: string, shards: readonly MonthShard[], lastMonth = `${year}-12`): ProgrammeYear {
  const byMonth = new Map<string, Record<string, number>>();
  for (const { month, counters } of shards) {
    if (month > lastMonth) continue;
    const sum = byMonth.get(month) ?? {};
    for (const [name, n] of Object.entries(counters)) sum[name] = (sum[name] ?? 0) + n;
    byMonth.set(month, sum);
  }
  const standing: ProgrammeStanding = { enterprises: 0, workers: 0, certifiedWorkers: 0 };
  const carry = (c: Readonly<Record<string, number>>) => {
    standing.enterprises += c.enterprisesJoined ?? 0;
    standing.workers += c.workersRegistered ?? 0;
    standing.certifiedWorkers += (c.certificatesGranted ?? 0) - (c.certificatesLapsed ?? 0);
  };
  for (const [month, c] of byMonth) if (month < `${year}-01`) carry(c);
  const months: ProgrammeMonth[] = [];
  for (let m = 1; m <= 12; m++) {
    const month = `${year}-${String(m).padStart(2, '0')}`;
    if (month > lastMonth) break;
    const c = byMonth.get(month) ?? {};
    const flows = Object.fromEntries(PROGRAMME_FLOW_COUNTERS.map((name) => [name, c[name] ?? 0])) as ProgrammeFlows;
    carry(flows);
    const creditGrades = Object.fromEntries(GRADE_BUCKETS.map((g) => [g, c[gradeCounter(g === 'ungraded' ? null : g)] ?? 0])) as Record<GradeBucket, number>;
    months.push({ month, ...flows, ...standing, creditGrades });
  }
  const sum = (name: ProgrammeFlowCounter) => months.reduce((n, m) => n + m[name], 0);
  const graded = months.filter((m) => GRADE_BUCKETS.some((g) => m.creditGrades[g] !== 0)).at(-1);
  return {
    year,
    months,
    totals: {
      ...(Object.fromEntries(PROGRAMME_FLOW_COUNTERS.map((name) => [name, sum(name)])) as ProgrammeFlows),
      ...standing,
      ...(graded ? { latestGrades: { period: graded.month, counts: graded.creditGrades } } : {}),
    },
  };
}
