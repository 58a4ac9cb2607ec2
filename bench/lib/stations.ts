/**
 * The stations the bench's orders name (order-requests.ts): 16 per district, 176 in all,
 * as many as the programme runs. Orders may name active stations only, so a bench platform
 * registers them before any order is posted. Their places are synthetic — a grid around a
 * made-up point per district — and their names say so: bench data, not the programme's.
 *
 * Given enterprises, each is stationed at one station, round robin (530 enterprises over
 * 176 stations: three at most stations), as an officer's registration would name them: the
 * 15-minute circle then reads their certified-worker counts (scale/station-staff.ts).
 */
import type { Caller } from '../../shared/auth/roles';
import type { RegisterStationRequest } from '../../shared/schemas/stations';
import { registerStation } from '../../shared/services/stations';
import type { StoreContext } from '../../shared/store/client';
import { runPool } from './pool';

export const BENCH_DISTRICTS = ['天河区', '越秀区', '海珠区', '荔湾区', '白云区', '黄埔区', '番禺区', '花都区', '南沙区', '从化区', '增城区'] as const;
export const STATIONS_PER_DISTRICT = 16;

export const benchStationId = (district: number, n: number): string => `st-${String(district).padStart(2, '0')}-${String(n).padStart(2, '0')}`;

const BENCH_OFFICER: Caller = { tenantId: 'ten_01BENCHOFFICER000000000000', role: 'admin', keyId: 'key_bench_officer' };

export const BENCH_STATIONS = BENCH_DISTRICTS.length * STATIONS_PER_DISTRICT;

export function benchStations(enterprises: readonly string[] = []): RegisterStationRequest[] {
  return BENCH_DISTRICTS.flatMap((district, d) =>
    Array.from({ length: STATIONS_PER_DISTRICT }, (_, n) => ({
      stationId: benchStationId(d, n),
      name: `压测站 ${d}-${n}（合成数据）`,
      district,
      street: `压测街道 ${d}-${Math.floor(n / 4)}（合成数据）`,
      address: '合成数据，非真实地址',
      // A 4 × 4 grid, 2 km apart, around a made-up point per district.
      location: { lat: 23 + d * 0.1 + Math.floor(n / 4) * 0.018, lng: 113 + (n % 4) * 0.02 },
      services: ['home', 'maternal-infant', 'elderly-care'],
      enterprises: enterprises.filter((_, e) => e % BENCH_STATIONS === d * STATIONS_PER_DISTRICT + n),
      openingHours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], opens: '08:00', closes: '20:00' }],
    })),
  );
}

/**
 * Registers every bench station (a registration repeated on the same table is answered, not
 * repeated), with `enterprises` stationed round robin; they must exist already (a station
 * names enterprises on the platform only).
 */
export async function registerBenchStations(store: StoreContext, enterprises: readonly string[] = []): Promise<void> {
  const stations = benchStations(enterprises);
  await runPool(stations.length, 8, async (i) => void (await registerStation({ store }, BENCH_OFFICER, stations[i]!)));
}
