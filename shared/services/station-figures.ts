/**
 * GET /v1/stations/{stationId}/figures (docs/stations.md "Station figures"): a station's
 * monthly figures, kept from order events by the credit-facts consumer. An officer reads
 * any station's; an enterprise the figures of a station it is stationed at (they are the
 * station's, across every enterprise whose orders name it: no enterprise's own share).
 */
import type { Caller } from '../auth/roles';
import { problems } from '../lib/problem';
import type { StoreContext } from '../store/client';
import { stationFiguresRepository } from '../store/station-figures-repository';
import { stationsRepository } from '../store/stations-repository';

export async function stationFigures(store: StoreContext, caller: Caller, stationId: string, from: string, to: string) {
  const station = await stationsRepository(store).get(stationId);
  if (!station) throw problems.notFound('Station');
  if (caller.role === 'enterprise' && !station.enterprises.includes(caller.tenantId)) {
    throw problems.forbidden('An enterprise reads the figures of the stations it is stationed at.');
  }
  return { stationId, from, to, months: await stationFiguresRepository(store).months(stationId, from, to) };
}
