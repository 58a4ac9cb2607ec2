/**
 * The 15-minute circle's geometry: haversine against distances known in closed form, and
 * the geo index's claim that a point's geohash cell and its 8 neighbours hold every point
 * within 1.2 km (docs/stations.md "Geo index") — checked with points placed at a random
 * bearing and distance by the spherical destination formula, and with the cell sizes.
 */
import fc from 'fast-check';
import ngeohash from 'ngeohash';
import { describe, expect, it } from 'vitest';
import { CIRCLE_RADIUS_M, EARTH_RADIUS_M, haversineMeters, withinCircle, type GeoPoint } from '../../shared/domain/station/distance';
import { CELL_PRECISION, cellOf, coverCells, MAX_ABS_LAT } from '../../shared/domain/station/geo-cells';

const rad = (d: number) => (d * Math.PI) / 180;
const deg = (r: number) => (r * 180) / Math.PI;

/** The point `distance` metres from `p` along `bearing` (degrees from north), on the same sphere. */
function destination(p: GeoPoint, bearing: number, distance: number): GeoPoint {
  const d = distance / EARTH_RADIUS_M;
  const [lat1, lng1, b] = [rad(p.lat), rad(p.lng), rad(bearing)];
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(b));
  const lng2 = lng1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
  return { lat: deg(lat2), lng: ((deg(lng2) + 540) % 360) - 180 };
}

describe('haversine', () => {
  it('gives the closed-form distances on the sphere', () => {
    const quarter = (Math.PI / 2) * EARTH_RADIUS_M;
    expect(haversineMeters({ lat: 0, lng: 0 }, { lat: 90, lng: 0 })).toBeCloseTo(quarter, 3);
    expect(haversineMeters({ lat: 0, lng: 0 }, { lat: 0, lng: 90 })).toBeCloseTo(quarter, 3);
    // One degree of latitude anywhere, one of longitude on the equator: 2πR/360.
    expect(haversineMeters({ lat: 23, lng: 113 }, { lat: 24, lng: 113 })).toBeCloseTo((2 * Math.PI * EARTH_RADIUS_M) / 360, 3);
    // One degree of longitude at 60°: half as long.
    expect(haversineMeters({ lat: 60, lng: 10 }, { lat: 60, lng: 11 })).toBeCloseTo(2 * EARTH_RADIUS_M * Math.asin(Math.cos(rad(60)) * Math.sin(rad(0.5))), 3);
    expect(haversineMeters({ lat: 23.1, lng: 113.3 }, { lat: 23.1, lng: 113.3 })).toBe(0);
  });

  it('is symmetric and agrees with the destination formula', () => {
    fc.assert(
      fc.property(fc.double({ min: -MAX_ABS_LAT, max: MAX_ABS_LAT, noNaN: true }), fc.double({ min: -180, max: 180, noNaN: true }), fc.double({ min: 0, max: 360, noNaN: true }), fc.double({ min: 0, max: 5000, noNaN: true }), (lat, lng, bearing, distance) => {
        const p = { lat, lng };
        const q = destination(p, bearing, distance);
        expect(haversineMeters(p, q)).toBeCloseTo(distance, 4);
        expect(haversineMeters(q, p)).toBeCloseTo(haversineMeters(p, q), 9);
      }),
    );
  });

  it('draws the circle at 15 minutes of 4.8 km/h', () => {
    expect(CIRCLE_RADIUS_M).toBe(1200);
    expect(withinCircle(1200)).toBe(true);
    expect(withinCircle(1200.001)).toBe(false);
  });
});

describe('the geo index cover', () => {
  it('encodes cells as the geohash reference does', () => {
    // The reference example (57.64911, 10.40744) → u4pruydqqvj.
    expect(cellOf({ lat: 57.64911, lng: 10.40744 })).toBe('u4pru');
    expect(CELL_PRECISION).toBe(5);
  });

  it('is 9 distinct cells around the point’s own', () => {
    const cells = coverCells({ lat: 23.13, lng: 113.32 });
    expect(cells).toHaveLength(9);
    expect(cells[0]).toBe(cellOf({ lat: 23.13, lng: 113.32 }));
  });

  it('holds every point within the circle, at every latitude the API accepts', () => {
    fc.assert(
      fc.property(fc.double({ min: -MAX_ABS_LAT, max: MAX_ABS_LAT, noNaN: true }), fc.double({ min: -180, max: 180, noNaN: true }), fc.double({ min: 0, max: 360, noNaN: true }), fc.double({ min: 0, max: CIRCLE_RADIUS_M, noNaN: true }), (lat, lng, bearing, distance) => {
        const p = { lat, lng };
        expect(coverCells(p)).toContain(cellOf(destination(p, bearing, distance)));
      }),
      { numRuns: 2000 },
    );
  });

  it('has cells at least as wide and tall as the radius up to MAX_ABS_LAT (why 3×3 cells suffice)', () => {
    for (let lat = -MAX_ABS_LAT; lat <= MAX_ABS_LAT; lat += 5) {
      const [minLat, minLng, maxLat, maxLng] = ngeohash.decode_bbox(cellOf({ lat, lng: 113 }));
      const edge = Math.max(Math.abs(minLat), Math.abs(maxLat));
      expect(haversineMeters({ lat: minLat, lng: minLng }, { lat: maxLat, lng: minLng })).toBeGreaterThan(CIRCLE_RADIUS_M);
      expect(haversineMeters({ lat: edge, lng: minLng }, { lat: edge, lng: maxLng })).toBeGreaterThan(CIRCLE_RADIUS_M);
    }
  });

  it('would not hold at the next precision: its cells are narrower than the radius', () => {
    const [minLat, minLng, maxLat] = ngeohash.decode_bbox(ngeohash.encode(23.13, 113.32, CELL_PRECISION + 1));
    expect(haversineMeters({ lat: minLat, lng: minLng }, { lat: maxLat, lng: minLng })).toBeLessThan(CIRCLE_RADIUS_M);
  });
});
