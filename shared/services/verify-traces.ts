/**
 * Trace verification for admins: one order, or every order of a tenant page by page (the
 * tenant's orders by time, gsi1), reporting for each broken order exactly which entry
 * breaks its chain. Shared by GET /v1/admin/trace-verification and `anxin trace verify`.
 */
import type { StoreContext } from '../store/client';
import { ordersRepository } from '../store/orders-repository';
import { verifyChain, type TraceEntry } from '../trace/chain';

export interface BrokenTrace {
  orderId: string;
  /** seq of the first entry that does not verify. */
  brokenAt: number;
  reason: string;
  /** Entries stored for the order. */
  length: number;
  /** The stored entry at `brokenAt`; absent when the chain was cut short before it. */
  entry?: Pick<TraceEntry, 'seq' | 'eventId' | 'type' | 'at'>;
}

export type OrderTraceVerification = { orderId: string; valid: true; length: number } | ({ valid: false } & BrokenTrace);

export interface TraceVerificationReport {
  tenantId: string;
  orderId?: string;
  checked: number;
  valid: number;
  brokenCount: number;
  broken: BrokenTrace[];
  /** Where the next page of the tenant's orders starts; absent when all were verified. */
  next?: { sk: string; orderId: string };
}

/** Orders verified at once: each costs two strongly consistent reads. */
const PARALLEL = 8;

/**
 * Verifies one order; undefined when the tenant has no such order. The order (its head)
 * and its trace are two reads, so a command applied in between would look like a cut or
 * extended tail: a failure counts only when the order's version did not move meanwhile.
 */
export async function verifyOrderTrace(store: StoreContext, tenantId: string, orderId: string): Promise<OrderTraceVerification | undefined> {
  const orders = ordersRepository(store);
  for (let attempt = 0; ; attempt++) {
    const order = await orders.get(tenantId, orderId, true);
    if (!order) return undefined;
    const entries = await orders.trace(tenantId, orderId);
    const result = verifyChain(entries, order.traceHead);
    if (result.valid) return { orderId, valid: true, length: result.length };
    const settled = (await orders.get(tenantId, orderId, true))?.version === order.version;
    if (settled || attempt >= 2) {
      const at = entries.find((e) => e.seq === result.brokenAt) ?? entries[result.brokenAt - 1];
      return {
        orderId,
        valid: false,
        brokenAt: result.brokenAt,
        reason: result.reason,
        length: result.length,
        ...(at ? { entry: { seq: at.seq, eventId: at.eventId, type: at.type, at: at.at } } : {}),
      };
    }
  }
}

function report(tenantId: string, results: OrderTraceVerification[], extra: Partial<TraceVerificationReport> = {}): TraceVerificationReport {
  const broken: BrokenTrace[] = [];
  for (const result of results) {
    if (result.valid) continue;
    const { valid: _valid, ...rest } = result;
    broken.push(rest);
  }
  return { tenantId, ...extra, checked: results.length, valid: results.length - broken.length, brokenCount: broken.length, broken };
}

/** One order as a report (undefined when the tenant has no such order). */
export async function verifyOneOrder(store: StoreContext, tenantId: string, orderId: string): Promise<TraceVerificationReport | undefined> {
  const result = await verifyOrderTrace(store, tenantId, orderId);
  return result && report(tenantId, [result], { orderId });
}

/** One page (at most `limit` orders, newest first) of a tenant's orders. */
export async function verifyTenantPage(
  store: StoreContext,
  tenantId: string,
  options: { limit: number; after?: { sk: string; orderId: string } },
): Promise<TraceVerificationReport> {
  const page = await ordersRepository(store).list(tenantId, { filter: { by: 'time' }, limit: options.limit, after: options.after });
  const results: OrderTraceVerification[] = [];
  for (let i = 0; i < page.items.length; i += PARALLEL) {
    const batch = await Promise.all(page.items.slice(i, i + PARALLEL).map((o) => verifyOrderTrace(store, tenantId, o.orderId)));
    results.push(...batch.flatMap((r) => (r ? [r] : [])));
  }
  return report(tenantId, results, page.nextCursor ? { next: page.nextCursor } : {});
}

/** Every order of a tenant (the CLI): pages until the end, `onPage` sees each page's report. */
export async function verifyTenant(
  store: StoreContext,
  tenantId: string,
  onPage: (page: TraceVerificationReport) => void = () => {},
  pageSize = 100,
): Promise<TraceVerificationReport> {
  const total: TraceVerificationReport = { tenantId, checked: 0, valid: 0, brokenCount: 0, broken: [] };
  let after: { sk: string; orderId: string } | undefined;
  do {
    const page = await verifyTenantPage(store, tenantId, { limit: pageSize, after });
    onPage(page);
    total.checked += page.checked;
    total.valid += page.valid;
    total.brokenCount += page.brokenCount;
    total.broken.push(...page.broken);
    after = page.next;
  } while (after);
  return total;
}
