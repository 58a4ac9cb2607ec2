/**
 * Stations, areas and the 15-minute circle over the API (docs/stations.md): the officers'
 * requests, the queries, and the response shapes the OpenAPI document and the conformance
 * tests read. Coordinates are WGS-84 degrees.
 */
import * as z from 'zod/mini';
import { CIRCLE_RADIUS_M, WALK_MINUTES } from '../domain/station/distance';
import { MAX_ABS_LAT } from '../domain/station/geo-cells';
import { STATION_ID_PATTERN, STATION_SERVICE_CODES, STATION_STATUSES, WEEKDAYS } from '../domain/station/station';
import { defineSchema } from '../lib/define-schema';
import { ID_PATTERNS } from '../lib/ids';
import { PERIOD_PATTERN } from './credit-grades';

/** Free text an officer writes (a name, an address): bounded, no control characters. */
const text = (max: number) => z.string().check(z.minLength(1), z.maxLength(max), z.regex(/^[^\p{Cc}]*$/u, 'must not contain control characters'));
/**
 * DynamoDB stores no number closer to 0 than 1e-130 (it refuses the write): a degree value as
 * small as a JSON number may be (5e-324) is refused here, with its pointer, rather than there.
 */
const storable = () => z.refine<number>((n) => n === 0 || Math.abs(n) >= 1e-130, 'must be 0 or at least 1e-130 from it');
const latitude = () => z.number().check(z.gte(-MAX_ABS_LAT), z.lte(MAX_ABS_LAT), storable());
const longitude = () => z.number().check(z.gte(-180), z.lte(180), storable());
const point = () => z.strictObject({ lat: latitude(), lng: longitude() });
const stationId = () => z.string().check(z.regex(STATION_ID_PATTERN, 'must be 1–64 of A–Z a–z 0–9 . _ : -'));
const time = () => z.string().check(z.regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM'));

const OpeningHours = () =>
  z
    .strictObject({ days: z.array(z.enum(WEEKDAYS)).check(z.minLength(1), z.maxLength(7)), opens: time(), closes: time() })
    .check(z.refine((h) => h.opens < h.closes, { message: 'must be after opens', path: ['closes'] }));

/** The details an officer registers and may change (services and enterprises: sets, repeats are ignored). */
const detailShape = () => ({
  name: text(100),
  district: text(64),
  street: text(64),
  address: text(200),
  location: point(),
  services: z.array(z.enum(STATION_SERVICE_CODES)).check(z.minLength(1), z.maxLength(STATION_SERVICE_CODES.length * 2)),
  enterprises: z.array(z.string().check(z.regex(ID_PATTERNS.tenant, 'must be a tenant id'))).check(z.maxLength(50)),
  openingHours: z.array(OpeningHours()).check(z.minLength(1), z.maxLength(7)),
});

export const RegisterStationRequest = /* @__PURE__ */ defineSchema(() => z.strictObject({ stationId: stationId(), ...detailShape() }));
export type RegisterStationRequest = z.infer<typeof RegisterStationRequest>;

export const ChangeStationRequest = /* @__PURE__ */ defineSchema(() => {
  const d = detailShape();
  return z
    .strictObject({
      /** The version the change was decided on (GET …/stations/{id}): a stale one is refused (409). */
      version: z.int().check(z.gte(1)),
      name: z.optional(d.name),
      district: z.optional(d.district),
      street: z.optional(d.street),
      address: z.optional(d.address),
      location: z.optional(d.location),
      services: z.optional(d.services),
      enterprises: z.optional(d.enterprises),
      openingHours: z.optional(d.openingHours),
    })
    .check(z.refine((r) => Object.keys(r).length > 1, { message: 'name at least one field to change', path: ['version'] }));
});
export type ChangeStationRequest = z.infer<typeof ChangeStationRequest>;

export const CloseStationRequest = /* @__PURE__ */ defineSchema(() => z.strictObject({ reason: z.optional(text(500)) }));
export const ReopenStationRequest = /* @__PURE__ */ defineSchema(() => z.strictObject({ reason: z.optional(text(500)) }));

export const ListStationsQuery = /* @__PURE__ */ defineSchema(() => z.strictObject({ district: z.optional(text(64)), status: z.optional(z.enum(STATION_STATUSES)) }));

/** Query strings are strings: a decimal number of degrees (as a client prints a double: up to 17 decimals), within range. */
const degrees = (max: number) =>
  z.string().check(
    z.regex(/^-?\d{1,3}(?:\.\d{1,17})?$/, 'must be a decimal number of degrees'),
    z.refine((v) => Math.abs(Number(v)) <= max, `must be between -${max} and ${max}`),
  );
export const NearbyQuery = /* @__PURE__ */ defineSchema(() => z.strictObject({ lat: degrees(MAX_ABS_LAT), lng: degrees(180) }));

const areaShape = () => ({ district: text(64), street: text(64), centroid: point() });
/** PUT /v1/admin/areas/{areaId}: `sample` marks a made-up area (the local demo's), never the programme's data. */
export const AreaRequest = /* @__PURE__ */ defineSchema(() => z.strictObject({ ...areaShape(), sample: z.optional(z.boolean()) }));
export const AreasQuery = /* @__PURE__ */ defineSchema(() => z.strictObject({ district: z.optional(text(64)) }));

const period = () => z.string().check(z.regex(PERIOD_PATTERN, 'must be a month YYYY-MM'));
const monthsBetween = (from: string, to: string) => (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
/** At most three years of months in one answer. */
export const MAX_FIGURE_MONTHS = 36;
export const FiguresQuery = /* @__PURE__ */ defineSchema(() =>
  z.strictObject({ from: period(), to: period() }).check(
    z.refine((q) => q.from <= q.to, { message: 'must not be before from', path: ['to'] }),
    z.refine((q) => monthsBetween(q.from, q.to) < MAX_FIGURE_MONTHS, { message: `must be at most ${MAX_FIGURE_MONTHS} months after from`, path: ['to'] }),
  ),
);

// ---- Responses ------------------------------------------------------------------------

const Point = () => z.object({ lat: z.number(), lng: z.number() });
const Hours = () => z.object({ days: z.array(z.enum(WEEKDAYS)), opens: z.string(), closes: z.string() });
const Service = () => z.object({ code: z.enum(STATION_SERVICE_CODES), label: z.string() });

/** Who and where a station is: what every answer about stations shows. */
const placeShape = () => ({ stationId: z.string(), name: z.string(), district: z.string(), street: z.string(), address: z.string(), location: Point() });

const stationShape = () => ({
  ...placeShape(),
  /** Always WGS-84. */
  datum: z.literal('WGS-84'),
  services: z.array(Service()),
  enterprises: z.array(z.string()),
  openingHours: z.array(Hours()),
  status: z.enum(STATION_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.optional(z.string()),
  closeReason: z.optional(z.string()),
  reopenedAt: z.optional(z.string()),
  reopenReason: z.optional(z.string()),
  version: z.int(),
});

export const StationView = /* @__PURE__ */ defineSchema(() => z.object(stationShape()));
export const StationListView = /* @__PURE__ */ defineSchema(() => z.object({ items: z.array(z.object(stationShape())) }));
export const StationWithTraceView = /* @__PURE__ */ defineSchema(() =>
  z.object({
    ...stationShape(),
    trace: z.object({ entries: z.array(z.record(z.string(), z.unknown())), verification: z.object({ valid: z.boolean(), length: z.int() }) }),
  }),
);

export const NearbyView = /* @__PURE__ */ defineSchema(() =>
  z.object({
    point: Point(),
    datum: z.literal('WGS-84'),
    radiusM: z.literal(CIRCLE_RADIUS_M),
    walkMinutes: z.literal(WALK_MINUTES),
    items: z.array(
      z.object({
        ...placeShape(),
        distanceM: z.int(),
        openingHours: z.array(Hours()),
        services: z.array(z.object({ code: z.enum(STATION_SERVICE_CODES), label: z.string(), certifiedWorkers: z.optional(z.int()) })),
        /** When the oldest of the counts was taken; null while an enterprise stationed there has not been counted yet. */
        countsAsOf: z.nullable(z.string()),
      }),
    ),
  }),
);

const areaViewShape = () => ({ areaId: z.string(), district: z.string(), street: z.string(), centroid: Point(), sample: z.optional(z.boolean()), updatedAt: z.string() });
export const AreaView = /* @__PURE__ */ defineSchema(() => z.object(areaViewShape()));
export const AreaListView = /* @__PURE__ */ defineSchema(() => z.object({ items: z.array(z.object(areaViewShape())) }));

export const CoverageView = /* @__PURE__ */ defineSchema(() =>
  z.object({
    radiusM: z.number(),
    total: z.int(),
    covered: z.int(),
    share: z.number(),
    areas: z.array(
      z.object({
        areaId: z.string(),
        district: z.string(),
        street: z.string(),
        nearest: z.nullable(z.object({ stationId: z.string(), name: z.string(), distanceM: z.int() })),
        covered: z.boolean(),
      }),
    ),
  }),
);

export const StationFiguresView = /* @__PURE__ */ defineSchema(() =>
  z.object({
    stationId: z.string(),
    from: z.string(),
    to: z.string(),
    months: z.array(
      z.object({
        period: z.string(),
        ordersCreated: z.int(),
        byServiceType: z.record(z.string(), z.int()),
        ordersCompleted: z.int(),
        ratings: z.int(),
        ratingStarsSum: z.int(),
      }),
    ),
  }),
);
