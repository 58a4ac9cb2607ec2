/**
 * A community service station (基层服务站) of the programme (docs/stations.md): where it is,
 * what it offers, which enterprises are stationed there, when it is open, and whether it is
 * active. The decisions here are pure; services/stations.ts gathers the facts (the station
 * as read, which tenants are enterprises) and writes the result through the traced write path.
 */
import type { GeoPoint } from './distance';

/**
 * The five kinds of service a station offers: stable English codes for the API and the
 * table, the programme's Chinese names as labels. The order is the programme's own.
 */
export const STATION_SERVICES = {
  home: '居家服务',
  'maternal-infant': '母婴服务',
  'elderly-care': '养老服务',
  'medical-care': '医疗护理',
  referral: '转介服务',
} as const;
export type StationService = keyof typeof STATION_SERVICES;
export const STATION_SERVICE_CODES = Object.keys(STATION_SERVICES) as StationService[];

export const STATION_STATUSES = ['active', 'closed'] as const;
export type StationStatus = (typeof STATION_STATUSES)[number];

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Open from `opens` to `closes` (HH:MM, Asia/Shanghai) on each of `days`. */
export interface OpeningHours {
  days: Weekday[];
  opens: string;
  closes: string;
}

/**
 * The programme names its stations (e.g. `st-tianhe-01`) with the same reference alphabet
 * orders use for `stationId`, so every id an order can carry is one a station can have.
 */
export const STATION_ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;

/** What the programme's officers register and change. */
export interface StationDetails {
  name: string;
  district: string;
  /** The street or town (街镇) the station serves. */
  street: string;
  address: string;
  /** WGS-84 (GPS) coordinates, degrees: not GCJ-02, the offset datum of Chinese web maps. */
  location: GeoPoint;
  services: StationService[];
  /** Tenant ids of the enterprises stationed there (each must be an enterprise). */
  enterprises: string[];
  openingHours: OpeningHours[];
}

export interface Station extends StationDetails {
  stationId: string;
  status: StationStatus;
  createdAt: string;
  updatedAt: string;
  /** While closed: when, and the officer's reason if one was given. */
  closedAt?: string;
  closeReason?: string;
  /** After a reopening, while active: when, and the officer's reason if one was given. */
  reopenedAt?: string;
  reopenReason?: string;
  /** Fingerprint of the registration: the same registration again is a repeat, another one a conflict. */
  creationHash: string;
  /** The last change's starting version and fingerprint, so a retried change is recognised as done. */
  lastChange?: { fromVersion: number; requestHash: string };
  /**
   * The last reopening's event id (from the officer's Idempotency-Key) and fingerprint, so a
   * retried reopening is recognised as done even after the station closed again.
   */
  lastReopen?: { eventId: string; requestHash: string };
  version: number;
  traceHead: { seq: number; hash: string };
}

export const STATION_TRACE_TYPES = {
  registered: 'station.registered',
  changed: 'station.changed',
  closed: 'station.closed',
  reopened: 'station.reopened',
} as const;

/** One canonical form: services in the programme's order, enterprises sorted, no repeats. */
export function normalizedDetails<D extends Partial<StationDetails>>(details: D): D {
  const out = { ...details };
  if (details.services) out.services = STATION_SERVICE_CODES.filter((code) => details.services!.includes(code));
  if (details.enterprises) out.enterprises = [...new Set(details.enterprises)].sort();
  return out;
}

export type ChangeDecision =
  | { kind: 'change'; details: StationDetails }
  | { kind: 'repeat' }
  | { kind: 'stale'; version: number }
  | { kind: 'closed' };

/**
 * A change asked for at `expectedVersion`: applied on the station as read when that is its
 * version; recognised as done when it is the change that moved the station from that
 * version; otherwise refused as stale (someone changed it first). Closed stations do not change.
 */
export function decideChange(station: Station, expectedVersion: number, changes: Partial<StationDetails>, requestHash: string): ChangeDecision {
  if (station.lastChange?.fromVersion === expectedVersion && station.lastChange.requestHash === requestHash) return { kind: 'repeat' };
  if (station.status === 'closed') return { kind: 'closed' };
  if (station.version !== expectedVersion) return { kind: 'stale', version: station.version };
  const { name, district, street, address, location, services, enterprises, openingHours } = station;
  return { kind: 'change', details: { name, district, street, address, location, services, enterprises, openingHours, ...normalizedDetails(changes) } };
}

/** Closing: closing a closed station changes nothing (only a reopening makes it active again). */
export const decideClose = (station: Station): 'close' | 'already-closed' => (station.status === 'closed' ? 'already-closed' : 'close');

export type ReopenDecision = 'reopen' | 'repeat' | 'key-reused' | 'not-closed';

/**
 * Reopening a closed station. Unlike closing it is not idempotent by itself — reopening an
 * active station is refused — so the request's own key (`eventId`) tells a retry of the
 * reopening that was done (answered again, or refused when its body differs) from a second,
 * mistaken one.
 */
export function decideReopen(station: Station, eventId: string, requestHash: string): ReopenDecision {
  if (station.lastReopen?.eventId === eventId) return station.lastReopen.requestHash === requestHash ? 'repeat' : 'key-reused';
  return station.status === 'closed' ? 'reopen' : 'not-closed';
}

/** Whether an order (or a check-in) may name this station now. */
export const acceptsOrders = (station: Pick<Station, 'status'> | undefined): boolean => station?.status === 'active';
