/**
 * The coverage report (docs/stations.md "Coverage"): for each street or town (an area with
 * a reference point, registered by the programme), its nearest active station and whether
 * that station is within the 15-minute circle of the area's point; and the share of areas
 * covered. Pure: every active station is compared with every area (a city has hundreds of
 * each), so the nearest one is exact even when it is far outside the circle.
 */
import { CIRCLE_RADIUS_M, haversineMeters, withinCircle, type GeoPoint } from './distance';

export interface Area {
  areaId: string;
  district: string;
  /** The street or town (街镇). */
  street: string;
  /** The reference point the programme chose for it (WGS-84). */
  centroid: GeoPoint;
  /** A made-up area of the local demo, not the programme's data. */
  sample?: boolean;
}

export interface StationPoint {
  stationId: string;
  name: string;
  location: GeoPoint;
}

export interface AreaCoverage {
  areaId: string;
  district: string;
  street: string;
  nearest: { stationId: string; name: string; distanceM: number } | null;
  covered: boolean;
}

export interface CoverageReport {
  radiusM: number;
  areas: AreaCoverage[];
  total: number;
  covered: number;
  /** covered / total; 0 when no area is registered. */
  share: number;
}

/** Distances are reported to the metre; `covered` is decided on the exact distance. */
export function coverageReport(areas: readonly Area[], stations: readonly StationPoint[]): CoverageReport {
  const rows = [...areas]
    .sort((a, b) => a.district.localeCompare(b.district) || a.street.localeCompare(b.street) || a.areaId.localeCompare(b.areaId))
    .map((area): AreaCoverage => {
      let best: { station: StationPoint; distance: number } | undefined;
      for (const station of stations) {
        const distance = haversineMeters(area.centroid, station.location);
        if (!best || distance < best.distance || (distance === best.distance && station.stationId < best.station.stationId)) best = { station, distance };
      }
      const base = { areaId: area.areaId, district: area.district, street: area.street };
      if (!best) return { ...base, nearest: null, covered: false };
      return { ...base, nearest: { stationId: best.station.stationId, name: best.station.name, distanceM: Math.round(best.distance) }, covered: withinCircle(best.distance) };
    });
  const covered = rows.filter((r) => r.covered).length;
  return { radiusM: CIRCLE_RADIUS_M, areas: rows, total: rows.length, covered, share: rows.length === 0 ? 0 : covered / rows.length };
}
