/**
 * GET /v1/admin/station-coverage (docs/stations.md "Coverage"): every registered area
 * (street or town) with its nearest active station and whether it is inside the 15-minute
 * circle, and the share covered. Reads the areas' partition and the active stations'
 * list (gsi2): a city has a few hundred of each, compared exhaustively in memory.
 */
import { coverageReport } from '../domain/station/coverage';
import type { StoreContext } from '../store/client';
import { areasRepository } from '../store/areas-repository';
import { stationsRepository } from '../store/stations-repository';

export async function stationCoverage(store: StoreContext) {
  const [areas, stations] = await Promise.all([areasRepository(store).all(), stationsRepository(store).inStatus('active')]);
  return coverageReport(areas, stations);
}
