/**
 * GET /v1/public/stations/nearby (docs/stations.md "The 15-minute circle"): the active
 * stations within 1.2 km great-circle distance of a point, nearest first (ties by id), each
 * with its services and, per service a certificate category maps to, how many certified
 * workers its stationed enterprises have — counts only.
 *
 * Reads: the point's geohash cell and its 8 neighbours (9 Queries of the geo index), then
 * one BatchGetItem of the stationed enterprises' counts. The counts are as of the nightly
 * station-staff run (services/station-staff.ts); `countsAsOf` says when.
 */
import { COUNTED_SERVICES } from '../domain/station/certified-kinds';
import { haversineMeters, withinCircle, type GeoPoint } from '../domain/station/distance';
import { coverCells } from '../domain/station/geo-cells';
import type { StoreContext } from '../store/client';
import { stationFiguresRepository, type StaffCounts } from '../store/station-figures-repository';
import { stationGeoRepository, type IndexedStation } from '../store/station-geo-repository';
import { serviceView } from '../views/station-views';

/** The oldest count, or null when an enterprise stationed there was never counted (or none is stationed). */
function countsAsOf(counts: readonly (StaffCounts | undefined)[]): string | null {
  if (counts.length === 0 || counts.some((c) => c === undefined)) return null;
  return counts.map((c) => c!.countedAt).sort()[0]!;
}

function nearbyView(station: IndexedStation, distance: number, countsOf: (tenantId: string) => StaffCounts | undefined) {
  const counts = station.enterprises.map(countsOf);
  return {
    stationId: station.stationId,
    name: station.name,
    district: station.district,
    street: station.street,
    address: station.address,
    location: { lat: station.location.lat, lng: station.location.lng },
    distanceM: Math.round(distance),
    openingHours: station.openingHours.map((h) => ({ days: [...h.days], opens: h.opens, closes: h.closes })),
    services: station.services.map((code) =>
      COUNTED_SERVICES.includes(code) ? { ...serviceView(code), certifiedWorkers: counts.reduce((sum, c) => sum + (c?.byService[code] ?? 0), 0) } : serviceView(code),
    ),
    countsAsOf: countsAsOf(counts),
  };
}

export async function nearbyStations(store: StoreContext, point: GeoPoint) {
  const geo = stationGeoRepository(store);
  const candidates = (await Promise.all(coverCells(point).map((cell) => geo.inCell(cell)))).flat();
  const within = candidates
    .map((station) => ({ station, distance: haversineMeters(point, station.location) }))
    .filter(({ distance }) => withinCircle(distance))
    .sort((a, b) => a.distance - b.distance || (a.station.stationId < b.station.stationId ? -1 : 1));
  const tenantIds = [...new Set(within.flatMap(({ station }) => station.enterprises))];
  const counts = tenantIds.length > 0 ? await stationFiguresRepository(store).staffCounts(tenantIds) : [];
  const byTenant = new Map(tenantIds.map((id, i) => [id, counts[i]]));
  return { items: within.map(({ station, distance }) => nearbyView(station, distance, (id) => byTenant.get(id))) };
}
