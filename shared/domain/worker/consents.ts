/**
 * Consents a worker gives (PIPL: separate consent per purpose, each to a versioned text).
 * A consent is a period: granted at some time under a version, then revoked, or superseded
 * when the worker grants a newer version. The registry keeps every period (history); the
 * profile keeps the open one per scope, which is what the certificate rules read.
 */
export const CONSENT_SCOPES = [
  /** Credit information (信用信息) may be collected and used: required for the 安心服务证. */
  'credit-information',
  /** More than the minimal public check (masked name, certificate, light) may be shown. */
  'public-profile',
  /** The worker's data may go to the insurer on the enterprise's group policy roster. */
  'insurance-roster',
  /**
   * The worker's graduation (year, school type) may be recorded and read for the graduate
   * employment subsidy. Revoking it deletes the recorded graduation (docs/subsidies.md "Facts").
   */
  'subsidy-graduate',
] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];

/** The open (granted, not revoked) consent of one scope, as the profile holds it. */
export interface OpenConsent {
  version: string;
  grantedAt: string;
  /** Sequence number of the trace entry that opened it; names its history item. */
  seq: number;
}

export interface ConsentRequest {
  scope: ConsentScope;
  version: string;
  granted: boolean;
}

export type ConsentDecision =
  /** A new period opens (nothing was open). */
  | { ok: true; change: 'granted' }
  /** The same version again: recorded on the trace, the open period stays. */
  | { ok: true; change: 'confirmed' }
  /** A newer version replaces the open one: that period ends as superseded, a new one opens. */
  | { ok: true; change: 'superseded'; previous: OpenConsent }
  /** The open period ends. */
  | { ok: true; change: 'revoked'; previous: OpenConsent }
  | { ok: false; reason: string };

export function decideConsent(open: OpenConsent | undefined, request: ConsentRequest): ConsentDecision {
  if (!request.granted) {
    if (!open) return { ok: false, reason: `no ${request.scope} consent is granted, so none can be revoked` };
    return { ok: true, change: 'revoked', previous: open };
  }
  if (!open) return { ok: true, change: 'granted' };
  if (open.version === request.version) return { ok: true, change: 'confirmed' };
  return { ok: true, change: 'superseded', previous: open };
}
