/**
 * The 15-minute service circle's distance model (docs/stations.md "Distance model"):
 * 15 minutes' walk at 4.8 km/h is 1.2 km, measured as the great-circle (straight-line)
 * distance between WGS-84 coordinates on a sphere of the Earth's mean radius (haversine).
 * A straight line is shorter than the streets, so the circle is the programme's stated
 * yardstick, not a promise of a 15-minute route.
 */

/** WGS-84 latitude and longitude in degrees. */
export interface GeoPoint {
  lat: number;
  lng: number;
}

/** The IUGG mean radius of the Earth, metres: the sphere haversine assumes. */
export const EARTH_RADIUS_M = 6_371_008.8;
export const WALK_SPEED_KMH = 4.8;
export const WALK_MINUTES = 15;
/** 4.8 km/h × 15 min = 1,200 m. */
export const CIRCLE_RADIUS_M = (WALK_SPEED_KMH * 1000 * WALK_MINUTES) / 60;

const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in metres (haversine; well-conditioned for the short distances asked here). */
export function haversineMeters(a: GeoPoint, b: GeoPoint): number {
  const dLat = radians(b.lat - a.lat);
  const dLng = radians(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

export const withinCircle = (distanceM: number): boolean => distanceM <= CIRCLE_RADIUS_M;
