/**
 * Which station services a certified worker counts for (docs/stations.md "Certified
 * workers"): a certificate lists the service categories its holder is trained for (the
 * order service types); each maps to at most one of the five station services. A worker
 * counts once per station service, however many of its categories map there.
 *
 * 医疗护理 (medical care) and 转介服务 (referral) have no certificate category today — a
 * referral is the station's own work, not a worker's — so no count is given for them.
 */
import type { StationService } from './station';

export const SERVICE_OF_CATEGORY: Readonly<Record<string, StationService>> = {
  cleaning: 'home',
  cooking: 'home',
  nanny: 'home',
  maternity_matron: 'maternal-infant',
  childcare: 'maternal-infant',
  elderly_care: 'elderly-care',
};

/** The station services a count is kept for, in the programme's order. */
export const COUNTED_SERVICES: readonly StationService[] = ['home', 'maternal-infant', 'elderly-care'];

export type ServiceCounts = Partial<Record<StationService, number>>;

/** The station services one worker's certificate categories count for. */
export const servicesOfCategories = (categories: readonly string[]): StationService[] =>
  COUNTED_SERVICES.filter((service) => categories.some((c) => SERVICE_OF_CATEGORY[c] === service));

/** Counts per counted service over many workers' categories. */
export function countByService(workers: readonly (readonly string[])[]): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(COUNTED_SERVICES.map((s) => [s, 0]));
  for (const categories of workers) for (const service of servicesOfCategories(categories)) counts[service]!++;
  return counts;
}
