/**
 * The geo index of active stations (docs/stations.md "Geo index"): each station sits in the
 * geohash cell of its location, and "the stations within the circle around a point" reads
 * the point's cell and its 8 neighbours — 9 Queries, never a scan.
 *
 * Precision 5: a cell spans 360/2^13 degrees of longitude by 180/2^12 of latitude, about
 * 4.9 km north–south and 4.9 km × cos(latitude) east–west (4.5 km in Guangzhou). The 3×3
 * block covers the 1.2 km circle around any point of its middle cell as long as a cell is
 * at least 1.2 km wide, which holds up to about 75° of latitude; the API accepts points up
 * to MAX_ABS_LAT. Precision 6 (1.2 km × 0.6 km) would be too small, so 5 it is.
 *
 * ngeohash computes the cells: a widely used, dependency-free package without install
 * scripts (docs/conventions.md "Libraries"), rather than a hand-written encoder.
 */
import ngeohash from 'ngeohash';
import type { GeoPoint } from './distance';

export const CELL_PRECISION = 5;
/** Latitudes the 3×3 cover is proven for (test/unit/station-geo.test.ts), with margin. */
export const MAX_ABS_LAT = 70;

export const cellOf = (point: GeoPoint): string => ngeohash.encode(point.lat, point.lng, CELL_PRECISION);

/** The point's cell and its 8 neighbours: every cell a station within the circle can be in. */
export function coverCells(point: GeoPoint): string[] {
  const cell = cellOf(point);
  return [...new Set([cell, ...ngeohash.neighbors(cell)])];
}
