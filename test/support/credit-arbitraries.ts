/**
 * fast-check generators of valid credit inputs: every counter within what the platform can
 * count (on-time check-ins at most the check-ins, 1–5 stars a rating, staff shares at most
 * the staff), with the edges the model names made common — zeros, empty windows, tenure
 * around 12 months, fewer than 10 orders, records at the window's ends, black lists — and
 * well-run enterprises and workers common enough that every grade and star count occurs.
 */
import fc from 'fast-check';
import type { EnterpriseCreditInputs, EnterpriseMonthFacts, PublicCreditRecord, StaffSnapshot, WorkerCreditInputs, WorkerMonthFacts } from '../../shared/domain/credit/facts';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The `YYYY-MM` that is `offset` months from year/month (1-based month). */
const monthAt = (year: number, month: number, offset: number): string => {
  const index = year * 12 + month - 1 + offset;
  return `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1)}`;
};

/** A day of a `YYYY-MM` month (clamped to the 28th, which every month has). */
const dayIn = (period: string, day: number) => `${period}-${pad(Math.min(day, 28))}`;

const int = (min: number, max: number) => fc.integer({ min, max });
/** Mostly small numbers, often exactly 0, sometimes up to `max`. */
const often0 = (max: number) => fc.oneof(fc.constant(0), int(0, Math.min(max, 5)), int(0, max));
/** Between 0 and `max`, more often at or near `max`. */
const upTo = (max: number) => fc.oneof(fc.constant(max), int(Math.max(0, max - 3), max), int(0, max));
/** A sum of 1–5 stars over `ratings` ratings, often a good one. */
const starsFor = (ratings: number) => fc.oneof(int(4 * ratings, 5 * ratings), int(ratings, 5 * ratings));

/** How an arbitrary enterprise's or worker's month may look; `well-run` keeps failures rare. */
type Profile = 'any' | 'well-run';

export const periodArb = fc.record({ year: int(2016, 2034), month: int(1, 12) }).map(({ year, month }) => `${year}-${pad(month)}`);

export const enterpriseMonthArb = (period: string, profile: Profile = 'any'): fc.Arbitrary<EnterpriseMonthFacts> => {
  const good = profile === 'well-run';
  return fc
    .record({ completed: good ? int(40, 160) : fc.oneof(fc.constant(0), int(0, 5), int(0, 160)), extraCheckIns: good ? int(0, 1) : often0(5), extraCreated: often0(good ? 3 : 30) })
    .chain(({ completed, extraCheckIns, extraCreated }) => {
      const checkIns = completed + extraCheckIns;
      const created = completed + extraCreated;
      return fc
        .record({
          onTimeCheckIns: good ? int(Math.max(0, checkIns - 1), checkIns) : fc.oneof(fc.constant(checkIns), upTo(checkIns)),
          workerNoShows: good ? int(0, 1) : fc.oneof(fc.constant(0), often0(12)),
          enterpriseCancellations: good ? int(0, 1) : fc.oneof(fc.constant(0), often0(6), int(0, created + 3)),
          ratings: good ? int(Math.min(completed, 5), completed) : int(0, completed),
          complaintsOpened: good ? int(0, 1) : fc.oneof(fc.constant(0), often0(10)),
          complaintsResolved: good ? int(0, 1) : fc.oneof(fc.constant(0), often0(10)),
        })
        .chain((m) =>
          fc
            .record({
              ratingStarsSum: good ? int(Math.ceil(4.8 * m.ratings), 5 * m.ratings) : starsFor(m.ratings),
              complaintResolutionHoursSum:
                m.complaintsResolved === 0
                  ? fc.constant(0)
                  : good
                    ? int(0, 24 * m.complaintsResolved)
                    : fc.oneof(int(0, 60 * m.complaintsResolved), fc.double({ min: 0, max: 300 * m.complaintsResolved, noNaN: true, noDefaultInfinity: true })),
            })
            .map((sums) => ({ period, ordersCreated: created, ordersCompleted: completed, checkIns, ...m, ...sums })),
        );
    });
};

export const staffArb = (profile: Profile = 'any'): fc.Arbitrary<StaffSnapshot> =>
  (profile === 'well-run' ? int(30, 80) : fc.oneof(fc.constant(0), int(0, 80))).chain((currentWorkers) => {
    const share = profile === 'well-run' ? (max: number) => int(Math.max(0, max - 2), max) : upTo;
    return fc
      .record({ certified: share(currentWorkers), trained: share(currentWorkers), insured: share(currentWorkers) })
      .chain((s) => share(s.certified).map((greenLights) => ({ currentWorkers, certified: s.certified, greenLights, trained: s.trained, insured: s.insured })));
  });

/** A record around the window of `period`: before it, in it, at its ends, after it. */
export const publicRecordArb = (period: string, recordId: string): fc.Arbitrary<PublicCreditRecord> => {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return fc
    .record({
      kind: fc.constantFrom('reward', 'penalty', 'penalty', 'blacklist'),
      points: fc.oneof(int(0, 8), int(0, 40).map((halves) => halves / 2)),
      startOffset: int(-15, 1),
      startDay: int(1, 28),
      length: fc.option(int(0, 14), { nil: undefined }),
      endDay: int(1, 28),
    })
    .map((r): PublicCreditRecord => {
      const effectiveOn = dayIn(monthAt(year, month, r.startOffset), r.startDay);
      let until = r.length === undefined ? undefined : dayIn(monthAt(year, month, r.startOffset + r.length), r.endDay);
      if (until !== undefined && until < effectiveOn) until = effectiveOn;
      const record = { recordId, kind: r.kind, points: r.kind === 'blacklist' ? 0 : r.points, effectiveOn, evidenceRef: `穗家政〔2026〕${recordId}号` };
      return until === undefined ? record : { ...record, until };
    });
};

/**
 * Counters an enterprise may have none of in a whole window, so that every 0/0 case occurs:
 * each silences the fields named (a check-in without check-ins cannot be on time, and so on).
 */
const SILENCES = {
  checkIns: ['checkIns', 'onTimeCheckIns'],
  created: ['ordersCreated'],
  noShows: ['workerNoShows'],
  cancellations: ['enterpriseCancellations'],
  ratings: ['ratings', 'ratingStarsSum'],
  complaints: ['complaintsOpened', 'complaintsResolved', 'complaintResolutionHoursSum'],
  resolutions: ['complaintsResolved', 'complaintResolutionHoursSum'],
} as const;

const silenced = (months: EnterpriseMonthFacts[], silences: readonly (keyof typeof SILENCES)[]): EnterpriseMonthFacts[] =>
  months.map((m) => ({ ...m, ...Object.fromEntries(silences.flatMap((s) => SILENCES[s].map((field) => [field, 0]))) }));

const enterpriseOf = (profile: Profile): fc.Arbitrary<EnterpriseCreditInputs> =>
  periodArb.chain((period) => {
    const [year, month] = period.split('-').map(Number) as [number, number];
    const window = Array.from({ length: 12 }, (_, i) => monthAt(year, month, i - 11));
    const good = profile === 'well-run';
    return fc.record({
      tenantId: fc.constant('ten_TEST'),
      period: fc.constant(period),
      // Joined up to 8 years before the period, or just after it; often right around 12 months.
      joinedOn: (good ? int(-96, -36) : fc.oneof(int(-96, 1), int(-13, -10))).chain((offset) => int(1, 28).map((day) => dayIn(monthAt(year, month, offset), day))),
      months: fc
        .tuple(
          (good ? fc.constant(window) : fc.oneof(fc.constant(window), fc.subarray(window))).chain((periods) => fc.tuple(...periods.map((p) => enterpriseMonthArb(p, profile)))),
          good ? fc.constant([]) : fc.oneof(fc.constant([]), fc.subarray(Object.keys(SILENCES) as (keyof typeof SILENCES)[], { maxLength: 3 })),
        )
        .map(([months, silences]) => silenced(months, silences)),
      staff: staffArb(profile),
      publicRecords: fc
        .oneof({ arbitrary: fc.constant(0), weight: 2 }, { arbitrary: int(0, good ? 1 : 4), weight: 1 })
        .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => publicRecordArb(period, `r${i}`)))),
    });
  });

export const enterpriseInputsArb: fc.Arbitrary<EnterpriseCreditInputs> = fc.oneof({ arbitrary: enterpriseOf('any'), weight: 3 }, { arbitrary: enterpriseOf('well-run'), weight: 1 });

export const workerMonthArb = (period: string): fc.Arbitrary<WorkerMonthFacts> =>
  fc
    .record({ ordersCompleted: often0(40), workerNoShows: fc.oneof(fc.constant(0), often0(4)), complaintsOpened: fc.oneof(fc.constant(0), often0(4)), ratings: often0(30) })
    .chain((m) => starsFor(m.ratings).map((ratingStarsSum) => ({ period, ...m, ratingStarsSum })));

export const workerInputsArb: fc.Arbitrary<WorkerCreditInputs> = periodArb.chain((period) => {
  const [year, month] = period.split('-').map(Number) as [number, number];
  const history = Array.from({ length: 36 }, (_, i) => monthAt(year, month, i - 35));
  return fc
    .record({
      workerId: fc.constant('wk_TEST'),
      asOf: int(1, 28).map((day) => dayIn(period, day)),
      registeredOn: int(-84, 0).map((offset) => dayIn(monthAt(year, month, offset), 1)),
      trainedCategories: fc.oneof(int(2, 4), often0(6)),
      certifiedSince: fc.option(int(-30, 0).map((offset) => dayIn(monthAt(year, month, offset), 1)), { nil: undefined }),
      months: fc.subarray(history).chain((periods) => fc.tuple(...periods.map(workerMonthArb))),
    })
    .map(({ certifiedSince, ...rest }) => (certifiedSince === undefined ? rest : { ...rest, certifiedSince }));
});
