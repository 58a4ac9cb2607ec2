/**
 * Areas and the coverage report (admin; docs/stations.md "Coverage"):
 *   PUT /v1/admin/areas/{areaId}       register or replace a street or town (街镇) with its reference point
 *   GET /v1/admin/areas?district=      the areas, by id
 *   GET /v1/admin/station-coverage     each area's nearest active station, whether it is inside the circle, the share covered
 */
import { STATION_ID_PATTERN } from '../../shared/domain/station/station';
import { httpHandler, json, parseBody, parseQuery, pathParam, requireRole } from '../../shared/lib/http';
import { AreaRequest, AreasQuery } from '../../shared/schemas/stations';
import { stationCoverage } from '../../shared/services/station-coverage';
import { defaultStore } from '../../shared/store/client';
import { areasRepository } from '../../shared/store/areas-repository';

const store = defaultStore();
const areas = areasRepository(store);

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'admin');
  if (event.routeKey === 'GET /v1/admin/station-coverage') return json(200, await stationCoverage(store));
  if (event.routeKey === 'GET /v1/admin/areas') {
    const { district } = parseQuery(event, AreasQuery);
    return json(200, { items: (await areas.all()).filter((a) => district === undefined || a.district === district) });
  }
  // Area ids use the stations' reference alphabet (e.g. `ar-tianhe-shipai`).
  const areaId = pathParam(event, 'areaId', STATION_ID_PATTERN, 'Area');
  const area = { areaId, ...parseBody(event, AreaRequest), updatedAt: new Date().toISOString() };
  await areas.put(area);
  return json(200, area);
});
