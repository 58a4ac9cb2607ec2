/**
 * GET /v1/public/stations/nearby?lat=&lng= — the active stations within a 15-minute walk
 * (1.2 km great-circle from a WGS-84 point), nearest first, with their services and the
 * certified workers of their enterprises per service: counts only, no names, no ids
 * (docs/stations.md "The 15-minute circle"). Public: what a household would ask.
 */
import { CIRCLE_RADIUS_M, WALK_MINUTES } from '../../shared/domain/station/distance';
import { json, parseQuery, publicHttpHandler } from '../../shared/lib/http';
import { NearbyQuery } from '../../shared/schemas/stations';
import { nearbyStations } from '../../shared/services/stations-nearby';
import { defaultStore } from '../../shared/store/client';

const store = defaultStore();

export const handler = publicHttpHandler(async (event) => {
  const query = parseQuery(event, NearbyQuery);
  const point = { lat: Number(query.lat), lng: Number(query.lng) };
  const { items } = await nearbyStations(store, point);
  return json(200, { point, datum: 'WGS-84', radiusM: CIRCLE_RADIUS_M, walkMinutes: WALK_MINUTES, items }, { 'cache-control': 'public, max-age=300' });
});
