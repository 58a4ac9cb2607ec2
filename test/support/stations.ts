/** Stations for tests that post orders: the station the example order names, registered as an officer would. */
import type { Caller } from '../../shared/auth/roles';
import { EXAMPLE_STATION } from '../../shared/schemas/examples';
import type { RegisterStationRequest } from '../../shared/schemas/stations';
import { registerStation } from '../../shared/services/stations';
import type { StoreContext } from '../../shared/store/client';

export const TEST_OFFICER: Caller = { tenantId: 'ten_01TESTOFFICER0000000000000', role: 'admin', keyId: 'key_test_officer' };

/** Registers a station (the example one unless told otherwise); returns it as registered. */
export async function registerTestStation(store: StoreContext, overrides: Partial<RegisterStationRequest> = {}) {
  return (await registerStation({ store }, TEST_OFFICER, { ...EXAMPLE_STATION, ...overrides })).station;
}
