/**
 * Gathers what a grade is computed from (domain/credit/facts.ts) out of the store: the
 * window's monthly counters (credit-facts consumer), the staff snapshot kept for the period
 * (or a fresh one when the period has none yet), the admin's public-credit records in
 * effect during the window, and the day the enterprise joined the programme.
 *
 * Grading, preview and recompute all call this, so they cannot disagree on the inputs.
 */
import { ENTERPRISE_MONTH_COUNTERS, type EnterpriseCreditInputs, type EnterpriseMonthFacts, type PublicCreditRecord, type StaffSnapshot } from '../domain/credit/facts';
import { lastDayOf, windowMonths, windowOf } from '../domain/credit/period';
import { dayOf } from '../lib/shanghai-day';
import type { StoreContext } from '../store/client';
import { creditFactsRepository } from '../store/credit-facts-repository';
import { creditGradesRepository, type StoredPublicRecord } from '../store/credit-grades-repository';
import type { Tenant } from '../store/tenants-repository';

/** Every month of the window, oldest first; a month without an item has all counters 0. */
export function fillWindow(periods: readonly string[], stored: readonly EnterpriseMonthFacts[]): EnterpriseMonthFacts[] {
  const byPeriod = new Map(stored.map((m) => [m.period, m]));
  return periods.map((period) => {
    const found = byPeriod.get(period);
    const month = { period } as EnterpriseMonthFacts;
    // Field by field in the documented order: the inputs hash must not depend on how an item came back.
    for (const counter of ENTERPRISE_MONTH_COUNTERS) month[counter] = Number(found?.[counter] ?? 0);
    return month;
  });
}

/** Records that count for the window: not revoked, and in effect on at least one of its days. */
export function recordsInWindow(records: readonly StoredPublicRecord[], window: { firstDay: string; lastDay: string }): PublicCreditRecord[] {
  return records
    .filter((r) => r.revokedAt === undefined && r.effectiveOn <= window.lastDay && (r.until === undefined || r.until >= window.firstDay))
    .sort((a, b) => (a.effectiveOn === b.effectiveOn ? a.recordId.localeCompare(b.recordId) : a.effectiveOn.localeCompare(b.effectiveOn)))
    .map((r) => ({
      recordId: r.recordId,
      kind: r.kind,
      points: r.points,
      effectiveOn: r.effectiveOn,
      ...(r.until !== undefined ? { until: r.until } : {}),
      evidenceRef: r.evidenceRef,
    }));
}

export const joinedOnOf = (tenant: Tenant): string => tenant.joinedOn ?? dayOf(tenant.createdAt)!;

export async function gatherInputs(store: StoreContext, tenant: Tenant, period: string, staff: StaffSnapshot): Promise<EnterpriseCreditInputs> {
  const window = windowOf(period);
  const [stored, records] = await Promise.all([
    creditFactsRepository(store).enterpriseMonths(tenant.tenantId, window.from, window.to),
    creditGradesRepository(store).publicRecords(tenant.tenantId),
  ]);
  return {
    tenantId: tenant.tenantId,
    period,
    joinedOn: joinedOnOf(tenant),
    months: fillWindow(windowMonths(period), stored),
    staff: { currentWorkers: staff.currentWorkers, certified: staff.certified, greenLights: staff.greenLights, trained: staff.trained, insured: staff.insured },
    publicRecords: recordsInWindow(records, { firstDay: `${window.from}-01`, lastDay: lastDayOf(period) }),
  };
}
