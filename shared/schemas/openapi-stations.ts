/** The station routes in the OpenAPI document (openapi.ts hands in the helpers; docs/stations.md). */
import { EXAMPLE_STATION } from './examples';
import { queryParameters, type OpenApiHelpers } from './openapi-helpers';
import {
  AreaListView,
  AreaRequest,
  AreasQuery,
  AreaView,
  ChangeStationRequest,
  CloseStationRequest,
  CoverageView,
  FiguresQuery,
  ListStationsQuery,
  NearbyQuery,
  NearbyView,
  RegisterStationRequest,
  ReopenStationRequest,
  StationFiguresView,
  StationListView,
  StationView,
  StationWithTraceView,
} from './stations';

export function stationSchemas(schema: OpenApiHelpers['schema']) {
  return {
    RegisterStationRequest: schema(RegisterStationRequest),
    ChangeStationRequest: schema(ChangeStationRequest),
    CloseStationRequest: schema(CloseStationRequest),
    ReopenStationRequest: schema(ReopenStationRequest),
    Station: schema(StationView),
    StationWithTrace: schema(StationWithTraceView),
    StationList: schema(StationListView),
    NearbyStations: schema(NearbyView),
    AreaRequest: schema(AreaRequest),
    Area: schema(AreaView),
    AreaList: schema(AreaListView),
    StationCoverage: schema(CoverageView),
    StationFigures: schema(StationFiguresView),
  };
}

export function stationPaths({ schema, ref, ok, problem, common, pathId, idempotencyKeyHeader }: OpenApiHelpers) {
  const body = (name: string, example?: unknown) => ({ required: true, content: { 'application/json': { schema: ref(name), ...(example ? { example } : {}) } } });
  const query = (s: Parameters<OpenApiHelpers['schema']>[0]) => queryParameters(schema(s));
  const stationId = pathId('stationId', 'The id the programme gave the station, e.g. st-tianhe-01');
  const required = (params: Record<string, unknown>[]) => params.map((p) => ({ ...p, required: true }));
  return {
    '/v1/admin/stations': {
      post: {
        operationId: 'registerStation',
        summary: 'Register a station: where it is (WGS-84), its services, the enterprises stationed there, its opening hours (admin)',
        requestBody: body('RegisterStationRequest', EXAMPLE_STATION),
        responses: {
          '201': ok('The station, active, with its first trace entry.', 'Station'),
          '200': ok('The same registration again: the station as it is.', 'Station'),
          ...common,
          '409': problem('A station with this id is registered with other details.'),
          '422': problem('Invalid fields, or a stationed tenant that is not an enterprise; nothing is stored.'),
        },
      },
      get: {
        operationId: 'listStations',
        summary: 'The stations of a district, or in a status, or all of them, by id (admin)',
        parameters: query(ListStationsQuery),
        responses: { '200': ok('The stations.', 'StationList'), ...common, '400': problem('Invalid query.') },
      },
    },
    '/v1/admin/stations/{stationId}': {
      get: {
        operationId: 'getStation',
        summary: 'One station with its hash-chained trace and the trace’s verification (admin)',
        parameters: [stationId],
        responses: { '200': ok('The station and its trace.', 'StationWithTrace'), ...common, '404': problem('No such station.') },
      },
      patch: {
        operationId: 'changeStation',
        summary: 'Change the fields named, at the version read (admin)',
        parameters: [stationId],
        requestBody: body('ChangeStationRequest'),
        responses: {
          '200': ok('The station after the change (or as the same change left it).', 'Station'),
          ...common,
          '404': problem('No such station.'),
          '409': problem('The station is at another version (someone changed it first), or it is closed.'),
          '422': problem('Invalid fields, or a stationed tenant that is not an enterprise; nothing is stored.'),
        },
      },
    },
    '/v1/admin/stations/{stationId}/close': {
      post: {
        operationId: 'closeStation',
        summary: 'Close a station: it leaves the 15-minute circle and orders may no longer name it (admin)',
        parameters: [stationId],
        requestBody: body('CloseStationRequest'),
        responses: { '200': ok('The closed station (closing again changes nothing).', 'Station'), ...common, '404': problem('No such station.'), '422': problem('Invalid fields.') },
      },
    },
    '/v1/admin/stations/{stationId}/reopen': {
      post: {
        operationId: 'reopenStation',
        summary: 'Reopen a closed station: it is back in the 15-minute circle and orders may name it again (admin)',
        parameters: [stationId, idempotencyKeyHeader],
        requestBody: body('ReopenStationRequest'),
        responses: {
          '200': ok('The active station; the same Idempotency-Key again answers the station as it is now.', 'Station'),
          ...common,
          '400': problem('Missing Idempotency-Key or malformed JSON.'),
          '404': problem('No such station.'),
          '409': problem('The station is not closed (`station-not-closed`).'),
          '415': problem('Body is not application/json.'),
          '422': problem('Invalid fields, or the Idempotency-Key was used with another body.'),
        },
      },
    },
    '/v1/admin/areas/{areaId}': {
      put: {
        operationId: 'putArea',
        summary: 'Register or replace a street or town (街镇) with the reference point the coverage report measures from (admin)',
        parameters: [pathId('areaId', 'The id the programme gives the area, e.g. ar-tianhe-shipai')],
        requestBody: body('AreaRequest'),
        responses: { '200': ok('The area as stored.', 'Area'), ...common, '404': problem('An area id outside the reference alphabet.'), '422': problem('Invalid fields.') },
      },
    },
    '/v1/admin/areas': {
      get: {
        operationId: 'listAreas',
        summary: 'The registered areas, all or of one district (admin)',
        parameters: query(AreasQuery),
        responses: { '200': ok('The areas, by id.', 'AreaList'), ...common, '400': problem('Invalid query.') },
      },
    },
    '/v1/admin/station-coverage': {
      get: {
        operationId: 'getStationCoverage',
        summary: 'Each area with its nearest active station and whether it is inside the 15-minute circle; the share covered (admin)',
        responses: { '200': ok('The coverage report.', 'StationCoverage'), ...common },
      },
    },
    '/v1/public/stations/nearby': {
      get: {
        operationId: 'nearbyStations',
        summary: 'The active stations within a 15-minute walk (1.2 km great-circle) of a WGS-84 point, nearest first, with certified-worker counts per service (no API key)',
        security: [],
        parameters: required(query(NearbyQuery)),
        responses: { '200': ok('The stations, their services and counts, and when the counts were taken.', 'NearbyStations'), '400': problem('lat or lng missing or out of range.') },
      },
    },
    '/v1/stations/{stationId}/figures': {
      get: {
        operationId: 'getStationFigures',
        summary: "A station's monthly figures: orders by service type, completed, rated (admin; an enterprise stationed there)",
        parameters: [stationId, ...required(query(FiguresQuery))],
        responses: {
          '200': ok('The months that have figures, oldest first.', 'StationFigures'),
          ...common,
          '400': problem('from or to missing or invalid, or more than 36 months apart.'),
          '404': problem('No such station.'),
        },
      },
    },
  };
}
