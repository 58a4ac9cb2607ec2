/**
 * The local demo's station and sample areas: the station EXAMPLE_ORDER names (so the demo
 * and every test that posts the example order can), with the demo enterprise stationed
 * there, and a few sample streets around it for the coverage report. Every name says
 * "演示" (demo) and every area is marked `sample`: none of this is the programme's data.
 */
import type { Caller } from '../shared/auth/roles';
import { EXAMPLE_STATION } from '../shared/schemas/examples';
import { registerStation } from '../shared/services/stations';
import type { StoreContext } from '../shared/store/client';
import { areasRepository } from '../shared/store/areas-repository';
import { stationsRepository } from '../shared/store/stations-repository';

/** Made-up reference points near the demo station: one inside its circle, two outside. */
export const SAMPLE_AREAS = [
  { areaId: 'ar-demo-a', district: '天河区', street: '示例街道A（演示）', centroid: { lat: 23.14, lng: 113.334 }, sample: true },
  { areaId: 'ar-demo-b', district: '天河区', street: '示例街道B（演示）', centroid: { lat: 23.16, lng: 113.36 }, sample: true },
  { areaId: 'ar-demo-c', district: '越秀区', street: '示例街道C（演示）', centroid: { lat: 23.125, lng: 113.27 }, sample: true },
];

/** Registers the demo station (once: a station that exists is left as it is) and the sample areas. */
export async function seedDemoStations(store: StoreContext, admin: Caller, enterpriseId: string): Promise<void> {
  if (!(await stationsRepository(store).get(EXAMPLE_STATION.stationId))) {
    await registerStation({ store }, admin, { ...EXAMPLE_STATION, enterprises: [enterpriseId] });
  }
  const areas = areasRepository(store);
  const existing = new Set((await areas.all()).map((a) => a.areaId));
  const at = new Date().toISOString();
  for (const area of SAMPLE_AREAS) if (!existing.has(area.areaId)) await areas.put({ ...area, updatedAt: at });
}
