/**
 * Key builders for the single table. Every tenant-owned item has the tenant id in its
 * partition key, so a lookup built from the caller's tenant cannot reach another
 * tenant's item: isolation by construction, not by a filter someone might forget.
 * See ACCESS-PATTERNS.md beside this file.
 */
import { TABLE_KEYS } from './table-shape';

export const SEQ_WIDTH = 10;

export const keys = {
  tenant: (tenantId: string) => ({ pk: `TENANT#${tenantId}`, sk: 'TENANT' }),
  tenantList: () => 'TENANTS',

  apiKey: (keyId: string) => ({ pk: `APIKEY#${keyId}`, sk: 'APIKEY' }),
  tenantKeys: (tenantId: string) => `TENANT#${tenantId}#KEYS`,

  event: (tenantId: string, eventId: string) => ({ pk: `T#${tenantId}#EVENT#${eventId}`, sk: 'EVENT' }),

  order: (tenantId: string, orderId: string) => ({ pk: `T#${tenantId}#ORDER#${orderId}`, sk: 'ORDER' }),
  orderPartition: (tenantId: string, orderId: string) => `T#${tenantId}#ORDER#${orderId}`,
  traceSk: (seq: number) => `TRACE#${String(seq).padStart(SEQ_WIDTH, '0')}`,
  TRACE_PREFIX: 'TRACE#',

  attendanceSk: (date: string) => `ATTENDANCE#${date}`,
  ATTENDANCE_PREFIX: 'ATTENDANCE#',
  ratingSk: () => 'RATING',

  /** A worker's employment link with an enterprise (one item per tenant and worker). */
  employment: (tenantId: string, workerId: string) => ({ pk: `T#${tenantId}#WORKER#${workerId}`, sk: 'EMPLOYMENT' }),
  /** Rating roll-ups: per worker within an enterprise, and per enterprise. */
  workerRatings: (tenantId: string, workerId: string) => ({ pk: `T#${tenantId}#WORKER#${workerId}`, sk: 'RATINGS' }),
  tenantRatings: (tenantId: string) => ({ pk: `TENANT#${tenantId}`, sk: 'RATINGS' }),

  /** A complaint lives in its own partition, so it is found by id alone (no GSI, no order id needed). */
  complaint: (tenantId: string, complaintId: string) => ({ pk: `T#${tenantId}#COMPLAINT#${complaintId}`, sk: 'COMPLAINT' }),
  /** Complaint roll-up per enterprise (opened, still open, resolved). */
  tenantComplaints: (tenantId: string) => ({ pk: `TENANT#${tenantId}`, sk: 'COMPLAINTS' }),
  /** gsi1: a tenant's complaints by opening time; gsi2: those in one status (open, resolved). */
  complaintsByTime: (tenantId: string) => `T#${tenantId}#COMPLAINTS`,
  complaintsByStatus: (tenantId: string, status: string) => `T#${tenantId}#COMPLAINTS#${status}`,
  complaintTimeSk: (openedAt: string, complaintId: string) => `${openedAt}#${complaintId}`,

  /** Rating tokens are looked up by their public id; the secret is stored hashed. */
  ratingToken: (tokenId: string) => ({ pk: `RATINGTOKEN#${tokenId}`, sk: 'RATINGTOKEN' }),

  /** gsi1: all of a tenant's orders by creation time. */
  ordersByTime: (tenantId: string) => `T#${tenantId}#ORDERS`,
  /** gsi2: a tenant's orders in one status, by creation time. */
  ordersByStatus: (tenantId: string, status: string) => `T#${tenantId}#ORDERS#${status}`,
  orderTimeSk: (createdAt: string, orderId: string) => `${createdAt}#${orderId}`,
  /** gsi3: a tenant's orders of one worker; gsi4: of one station; gsi5: of one district. */
  ordersByWorker: (tenantId: string, workerId: string) => `T#${tenantId}#WORKER#${workerId}#ORDERS`,
  ordersByStation: (tenantId: string, stationId: string) => `T#${tenantId}#STATION#${stationId}#ORDERS`,
  ordersByDistrict: (tenantId: string, district: string) => `T#${tenantId}#DISTRICT#${district}#ORDERS`,
};

export const INDEX = {
  byTime: TABLE_KEYS.gsi1,
  byStatus: TABLE_KEYS.gsi2,
  byWorker: TABLE_KEYS.gsi3,
  byStation: TABLE_KEYS.gsi4,
  byDistrict: TABLE_KEYS.gsi5,
} as const;
