/**
 * The station registry (docs/stations.md): an officer registers, changes and closes
 * stations; each change is a traced record change through the one write path, with the
 * station's geo index entry as a side item of the same transaction.
 *
 * Synchronous, like policies: each change is a read and one conditional transaction.
 * Idempotency comes from the request itself, as for policies (services/policy-change.ts):
 * a station id is registered once (the same registration again answers 200, another one
 * 409); a change names the version it was decided on (the same change again answers 200,
 * any other change at a version the station has left is 409); closing a closed station
 * changes nothing; a reopening carries the officer's Idempotency-Key, because reopening an
 * active station is refused and only the key tells a retry from a second reopening. Each
 * trace entry's event id is derived from that natural key.
 *
 * Everything is checked before anything is written: a refused request stores nothing.
 */
import type { Caller } from '../auth/roles';
import {
  decideChange,
  decideClose,
  decideReopen,
  normalizedDetails,
  STATION_TRACE_TYPES,
  type Station,
  type StationDetails,
  type StationStatus,
} from '../domain/station/station';
import { canonicalHash } from '../lib/hash';
import { commandEventId } from '../lib/ids';
import { problems, type FieldError } from '../lib/problem';
import type { ChangeStationRequest, RegisterStationRequest } from '../schemas/stations';
import type { StoreContext } from '../store/client';
import { stationGeoRepository } from '../store/station-geo-repository';
import { stationsRepository } from '../store/stations-repository';
import { tenantsRepository } from '../store/tenants-repository';
import { tracedStoreOf, writeTraced, type Plan, type Stamp, type TracedBase } from '../store/traced-write';
import { verifyChain } from '../trace/chain';

export interface StationDeps {
  store: StoreContext;
  now?: () => Date;
}

/** What a change answers: whether it registered the station (201) rather than changed or repeated it (200). */
export interface StationAnswer {
  created: boolean;
  station: Station;
}

/** Every stationed tenant must be an enterprise on the platform (422 naming each one that is not). */
async function checkEnterprises(store: StoreContext, enterprises: readonly string[] | undefined): Promise<void> {
  if (!enterprises?.length) return;
  const tenants = tenantsRepository(store);
  const roles = await Promise.all(enterprises.map(async (id) => (await tenants.getTenant(id))?.role));
  const errors: FieldError[] = roles.flatMap((role, i) => (role === 'enterprise' ? [] : [{ pointer: `/enterprises/${i}`, detail: 'is not an enterprise on the platform' }]));
  if (errors.length > 0) throw problems.validation(errors);
}

interface PlannedStationChange {
  before: Station | undefined;
  after: Omit<Station, 'version' | 'traceHead'>;
  type: string;
  naturalKey: string;
  attested: unknown;
  created: boolean;
}

/** The event id of a station's trace entry, from the change's natural key. */
const stationEventId = (caller: Caller, naturalKey: string): string => commandEventId(caller.tenantId, `station:${naturalKey}`);

/** Plans on fresh state each attempt (`decide`), then commits the station, its trace entry and its geo index entry. */
function commitStation(deps: StationDeps, caller: Caller, decide: (at: string) => Promise<PlannedStationChange | { done: StationAnswer }>): Promise<StationAnswer> {
  const repo = stationsRepository(deps.store);
  const geo = stationGeoRepository(deps.store);
  const plan = async (): Promise<Plan<StationAnswer>> => {
    const at = (deps.now?.() ?? new Date()).toISOString();
    const planned = await decide(at);
    if ('done' in planned) return planned;
    const stationOf = (stamp: Stamp): Station => ({ ...planned.after, version: stamp.version, traceHead: stamp.traceHead });
    const before: TracedBase | undefined = planned.before;
    return {
      before,
      entries: [
        {
          eventId: stationEventId(caller, planned.naturalKey),
          type: planned.type,
          actor: { ...caller },
          at,
          payloadHash: canonicalHash(planned.attested),
        },
      ],
      write: (stamp) => ({ ...repo.record(stationOf(stamp)), side: geo.geoWrites(planned.before, stationOf(stamp)) }),
      result: (stamp) => ({ created: planned.created, station: stationOf(stamp) }),
    };
  };
  return writeTraced(tracedStoreOf(deps.store), plan);
}

/** The station as it stands now, or 404. */
async function existing(store: StoreContext, stationId: string): Promise<Station> {
  const station = await stationsRepository(store).get(stationId, true);
  if (!station) throw problems.notFound('Station');
  return station;
}

const detailsOf = (s: Station): StationDetails => {
  const { name, district, street, address, location, services, enterprises, openingHours } = s;
  return { name, district, street, address, location, services, enterprises, openingHours };
};

/** POST /v1/admin/stations. */
export async function registerStation(deps: StationDeps, caller: Caller, request: RegisterStationRequest): Promise<StationAnswer> {
  const { stationId, ...rest } = request;
  const details = normalizedDetails(rest);
  const creationHash = canonicalHash({ stationId, ...details });
  await checkEnterprises(deps.store, details.enterprises);
  return commitStation(deps, caller, async (at) => {
    const found = await stationsRepository(deps.store).get(stationId, true);
    if (found) {
      if (found.creationHash === creationHash) return { done: { created: false, station: found } };
      throw problems.conflict('station-exists', 'Station exists', `A station ${stationId} is registered already, with other details.`);
    }
    return {
      before: undefined,
      after: { stationId, ...details, status: 'active', createdAt: at, updatedAt: at, creationHash },
      type: STATION_TRACE_TYPES.registered,
      naturalKey: `register:${stationId}`,
      attested: { stationId, ...details },
      created: true,
    };
  });
}

/** PATCH /v1/admin/stations/{stationId}: the fields named, decided on the version named. */
export async function changeStation(deps: StationDeps, caller: Caller, stationId: string, request: ChangeStationRequest): Promise<StationAnswer> {
  const { version, ...fields } = request;
  const changes = normalizedDetails(fields as Partial<StationDetails>);
  const requestHash = canonicalHash({ stationId, version, ...changes });
  await checkEnterprises(deps.store, changes.enterprises);
  return commitStation(deps, caller, async (at) => {
    const station = await existing(deps.store, stationId);
    const decision = decideChange(station, version, changes, requestHash);
    switch (decision.kind) {
      case 'repeat':
        return { done: { created: false, station } };
      case 'closed':
        throw problems.conflict('station-closed', 'Station closed', `Station ${stationId} is closed; a closed station is not changed.`);
      case 'stale':
        throw problems.conflict('station-changed', 'Station changed', `Station ${stationId} is at version ${decision.version}, not ${version}: read it and decide again.`);
      case 'change': {
        const { version: _v, traceHead: _h, ...base } = station;
        return {
          before: station,
          after: { ...base, ...decision.details, updatedAt: at, lastChange: { fromVersion: version, requestHash } },
          type: STATION_TRACE_TYPES.changed,
          naturalKey: `change:${stationId}:${version}`,
          attested: { stationId, fromVersion: version, before: detailsOf(station), after: decision.details },
          created: false,
        };
      }
    }
  });
}

/** POST /v1/admin/stations/{stationId}/close: it leaves the geo index; orders may no longer name it. */
export async function closeStation(deps: StationDeps, caller: Caller, stationId: string, reason: string | undefined): Promise<StationAnswer> {
  return commitStation(deps, caller, async (at) => {
    const station = await existing(deps.store, stationId);
    if (decideClose(station) === 'already-closed') return { done: { created: false, station } };
    const { version: _v, traceHead: _h, reopenedAt: _r, reopenReason: _rr, ...base } = station;
    return {
      before: station,
      after: { ...base, status: 'closed', closedAt: at, updatedAt: at, ...(reason !== undefined ? { closeReason: reason } : {}) },
      type: STATION_TRACE_TYPES.closed,
      // A station may close again after a reopening: the version it closes from makes each closing's event id its own.
      naturalKey: `close:${stationId}:${station.version}`,
      // The reason is free text: kept on the station, never in a trace hash.
      attested: { stationId, closedAt: at },
      created: false,
    };
  });
}

/**
 * POST /v1/admin/stations/{stationId}/reopen: a closed station becomes active again, back in
 * the geo index in the same transaction, and orders may name it again. Reopening an active
 * station is a 409 `station-not-closed`; the same Idempotency-Key again answers the station
 * as it is (even if it closed again since), with another body 422.
 */
export async function reopenStation(deps: StationDeps, caller: Caller, stationId: string, idempotencyKey: string, reason: string | undefined): Promise<StationAnswer> {
  const naturalKey = `reopen:${stationId}:${idempotencyKey}`;
  const eventId = stationEventId(caller, naturalKey);
  const requestHash = canonicalHash({ stationId, ...(reason !== undefined ? { reason } : {}) });
  return commitStation(deps, caller, async (at) => {
    const station = await existing(deps.store, stationId);
    switch (decideReopen(station, eventId, requestHash)) {
      case 'repeat':
        return { done: { created: false, station } };
      case 'key-reused':
        throw problems.idempotencyKeyReused();
      case 'not-closed':
        throw problems.conflict('station-not-closed', 'Station not closed', `Station ${stationId} is ${station.status}; only a closed station is reopened.`);
      case 'reopen': {
        const { version: _v, traceHead: _h, closedAt: _c, closeReason: _cr, reopenReason: _rr, ...base } = station;
        return {
          before: station,
          after: { ...base, status: 'active', reopenedAt: at, updatedAt: at, ...(reason !== undefined ? { reopenReason: reason } : {}), lastReopen: { eventId, requestHash } },
          type: STATION_TRACE_TYPES.reopened,
          naturalKey,
          // As for closing: the reason is free text, kept on the station, never in a trace hash.
          attested: { stationId, reopenedAt: at },
          created: false,
        };
      }
    }
  });
}

/** GET /v1/admin/stations/{stationId}: the station, its trace and the trace's verification. */
export async function stationWithTrace(store: StoreContext, stationId: string) {
  // Consistent: the head the chain is verified against must be the newest one.
  const station = await existing(store, stationId);
  const entries = await stationsRepository(store).trace(stationId);
  return { station, trace: { entries, verification: verifyChain(entries, station.traceHead) } };
}

/** GET /v1/admin/stations: by district (any status, or one), by status, or every station; by id. */
export async function listStations(store: StoreContext, query: { district?: string; status?: StationStatus }): Promise<Station[]> {
  const repo = stationsRepository(store);
  if (query.district !== undefined) return (await repo.ofDistrict(query.district)).filter((s) => query.status === undefined || s.status === query.status);
  if (query.status !== undefined) return repo.inStatus(query.status);
  const [active, closed] = await Promise.all([repo.inStatus('active'), repo.inStatus('closed')]);
  return [...active, ...closed].sort((a, b) => (a.stationId < b.stationId ? -1 : a.stationId > b.stationId ? 1 : 0));
}
