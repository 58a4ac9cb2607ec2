/**
 * What the 15-minute circle reads beside the stations' geo index: the bench's enterprises
 * stationed at the bench stations, and each enterprise's certified-worker counts per station
 * service, as the nightly station-staff job leaves them (services/station-staff.ts).
 *
 * The stations are registered here, once the seeder has created the enterprises, with the
 * enterprises in the registration (lib/stations.ts, round robin): a station names existing
 * enterprises only, and the scale phase's platform registers no stations before (its orders
 * are made against a memory store). One registration per station through the officer's own
 * service, rather than an empty one and a change naming the enterprises: the same station
 * items, half the traced writes, and no versions to carry.
 *
 * The counts are written with the job's own `putStaffCounts`, without counting: the job
 * follows employment links to certificates, and the staff seeded for credit grading comes
 * later (credit-seed.ts) and at a tenth of the programme by default. So the counts are the
 * programme's certified workers (its 260,000 workers at the bench's trained and certified
 * shares) given to the enterprises as their orders are (Zipf), and split over the services
 * as the seeded certificates' categories are (one of six each: three map to home services,
 * two to maternal-infant, one to elderly care). Counts only: nothing else is read.
 */
import { COUNTED_SERVICES } from '../../shared/domain/station/certified-kinds';
import type { StoreContext } from '../../shared/store/client';
import { stationFiguresRepository } from '../../shared/store/station-figures-repository';
import { runPool } from '../lib/pool';
import { step } from '../lib/progress';
import { BENCH_STATIONS, registerBenchStations } from '../lib/stations';
import { apportion, PROGRAMME_WORKERS, STAFF_SHARES } from './population';

/** Certificate categories per counted service (cleaning, cooking, nanny · maternity matron, childcare · elderly care), in COUNTED_SERVICES order. */
const CATEGORIES_PER_SERVICE = [3, 2, 1];

export async function seedStationStaff(store: StoreContext, tenants: readonly string[], now: Date): Promise<void> {
  await registerBenchStations(store, tenants);
  const certified = Math.round(PROGRAMME_WORKERS * STAFF_SHARES.trained * STAFF_SHARES.certifiedOfTrained);
  // The seeder gives orders to enterprise i with weight 1/(i + 1) (population.ts zipfPicker).
  const perTenant = apportion(
    certified,
    tenants.map((_, i) => 1 / (i + 1)),
  );
  const repo = stationFiguresRepository(store);
  const countedAt = now.toISOString();
  await runPool(tenants.length, 8, async (i) => {
    const split = apportion(perTenant[i]!, CATEGORIES_PER_SERVICE);
    await repo.putStaffCounts({ tenantId: tenants[i]!, countedAt, byService: Object.fromEntries(COUNTED_SERVICES.map((s, k) => [s, split[k]!])) });
  });
  step(`${tenants.length} enterprises stationed at the ${BENCH_STATIONS} bench stations, ${certified.toLocaleString('en')} certified workers counted`);
}
