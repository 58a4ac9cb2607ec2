/**
 * GET /v1/stations/{stationId}/figures?from=&to= — a station's monthly figures (orders by
 * service type, completed, rated), kept from order events (docs/stations.md "Station
 * figures"). An admin reads any station's; an enterprise those of the stations it is stationed at.
 */
import { STATION_ID_PATTERN } from '../../shared/domain/station/station';
import { httpHandler, json, parseQuery, pathParam, requireRole } from '../../shared/lib/http';
import { FiguresQuery } from '../../shared/schemas/stations';
import { stationFigures } from '../../shared/services/station-figures';
import { defaultStore } from '../../shared/store/client';

const store = defaultStore();

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'admin', 'enterprise');
  const stationId = pathParam(event, 'stationId', STATION_ID_PATTERN, 'Station');
  const { from, to } = parseQuery(event, FiguresQuery);
  return json(200, await stationFigures(store, caller, stationId, from, to));
});
