/**
 * Employment links (docs/domain.md "Workers"): one person may work for several enterprises
 * over time, each link is kept (history), and at most one is current across all
 * enterprises.
 *
 * The rule when enterprise B registers a person who is current at enterprise A: B is
 * refused (409) until A ends the link. Ending it on B's word instead would let any
 * enterprise holding someone's ID card detach them from their employer — one tenant
 * writing another tenant's data — and A's assignments would start failing without A
 * having done anything. The person resolves to the same worker either way.
 */
export type EmploymentStatus = 'current' | 'ended';

export const END_REASONS = ['resigned', 'dismissed', 'contract-ended', 'other'] as const;
export type EndReason = (typeof END_REASONS)[number];

export type RegistrationDecision =
  /** Already current with this enterprise: nothing changes (a repeated registration). */
  | { kind: 'already-current' }
  /** A new link, or a former one restarted (its earlier period stays in the history). */
  | { kind: 'start'; restart: boolean }
  | { kind: 'refused'; reason: 'employed-elsewhere' };

/**
 * `currentTenantId` is the worker's current employer (from the profile), `ownLink` this
 * enterprise's link if it ever had one.
 */
export function decideRegistration(
  tenantId: string,
  currentTenantId: string | undefined,
  ownLink: EmploymentStatus | undefined,
): RegistrationDecision {
  if (currentTenantId === tenantId && ownLink === 'current') return { kind: 'already-current' };
  if (currentTenantId !== undefined && currentTenantId !== tenantId) return { kind: 'refused', reason: 'employed-elsewhere' };
  return { kind: 'start', restart: ownLink !== undefined };
}

export type EndDecision = { ok: true } | { ok: false; reason: 'not-current' | 'before-start' };

/** Ending a link: only a current one, and not before it started (`endedOn`, `since` as YYYY-MM-DD). */
export function decideEnd(status: EmploymentStatus, sinceDate: string, endedOn: string): EndDecision {
  if (status !== 'current') return { ok: false, reason: 'not-current' };
  if (endedOn < sinceDate) return { ok: false, reason: 'before-start' };
  return { ok: true };
}
