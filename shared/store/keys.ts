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

  /** gsi1: all of a tenant's orders by creation time. */
  ordersByTime: (tenantId: string) => `T#${tenantId}#ORDERS`,
  /** gsi2: a tenant's orders in one status, by creation time. */
  ordersByStatus: (tenantId: string, status: string) => `T#${tenantId}#ORDERS#${status}`,
  orderTimeSk: (createdAt: string, orderId: string) => `${createdAt}#${orderId}`,
};

export const INDEX = { gsi1: TABLE_KEYS.gsi1.indexName, gsi2: TABLE_KEYS.gsi2.indexName } as const;
