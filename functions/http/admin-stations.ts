/**
 * The station registry (admin; docs/stations.md):
 *   POST  /v1/admin/stations                        register a station (201; the same registration again 200)
 *   GET   /v1/admin/stations?district=&status=      list, by id
 *   GET   /v1/admin/stations/{stationId}            one station with its trace and the trace's verification
 *   PATCH /v1/admin/stations/{stationId}            change it at the version read (409 when it moved)
 *   POST  /v1/admin/stations/{stationId}/close      close it (it leaves the 15-minute circle; orders may not name it)
 *   POST  /v1/admin/stations/{stationId}/reopen     reopen a closed one (Idempotency-Key; 409 when it is not closed)
 */
import { httpHandler, json, parseBody, parseQuery, pathParam, requireRole } from '../../shared/lib/http';
import { requiredIdempotencyKey } from '../../shared/lib/idempotency';
import { STATION_ID_PATTERN } from '../../shared/domain/station/station';
import { ChangeStationRequest, CloseStationRequest, ListStationsQuery, RegisterStationRequest, ReopenStationRequest } from '../../shared/schemas/stations';
import { changeStation, closeStation, listStations, registerStation, reopenStation, stationWithTrace } from '../../shared/services/stations';
import { defaultStore } from '../../shared/store/client';
import { stationView } from '../../shared/views/station-views';

const deps = { store: defaultStore() };

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'admin');
  switch (event.routeKey) {
    case 'POST /v1/admin/stations': {
      const { created, station } = await registerStation(deps, caller, parseBody(event, RegisterStationRequest));
      return json(created ? 201 : 200, stationView(station), created ? { location: `/v1/admin/stations/${station.stationId}` } : {});
    }
    case 'GET /v1/admin/stations':
      return json(200, { items: (await listStations(deps.store, parseQuery(event, ListStationsQuery))).map(stationView) });
  }
  const stationId = pathParam(event, 'stationId', STATION_ID_PATTERN, 'Station');
  switch (event.routeKey) {
    case 'PATCH /v1/admin/stations/{stationId}':
      return json(200, stationView((await changeStation(deps, caller, stationId, parseBody(event, ChangeStationRequest))).station));
    case 'POST /v1/admin/stations/{stationId}/close':
      return json(200, stationView((await closeStation(deps, caller, stationId, parseBody(event, CloseStationRequest).reason)).station));
    case 'POST /v1/admin/stations/{stationId}/reopen': {
      const key = requiredIdempotencyKey(event);
      return json(200, stationView((await reopenStation(deps, caller, stationId, key, parseBody(event, ReopenStationRequest).reason)).station));
    }
    default: {
      const { station, trace } = await stationWithTrace(deps.store, stationId);
      return json(200, { ...stationView(station), trace });
    }
  }
});
