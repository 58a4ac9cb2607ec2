/**
 * What the certificate rules need to know about a worker (docs/domain.md "Issuance").
 * The worker registry gathers these from its records (shared/services/worker-facts.ts);
 * the certificate domain (issuance, traffic light) only ever reads this shape, so the two
 * evolve apart.
 * Dates are RFC 3339 strings (date-only YYYY-MM-DD where noted).
 */
export interface CertificationFacts {
  workerId: string;
  /** Identity checked against the ID document by the enterprise or platform. */
  identityVerified: boolean;
  /** Latest background check; `flagged` is a red light. */
  backgroundCheck?: { result: 'clear' | 'flagged'; date: string };
  /** Latest health check; valid until at most one year after the exam (YYYY-MM-DD). */
  healthCheck?: { examDate: string; passed: boolean; validUntil: string };
  /** At least one passed training exam on record (from a training base). */
  trainingPassed: boolean;
  /** The credit-information consent is granted and not revoked. */
  creditConsentSigned: boolean;
  /** Cover through the current employer's policies (last day); undefined = "missing" (yellow). */
  insurance?: { activeUntil: string };
  /** The enterprise of the current employment link, shown on the public check. */
  currentEnterprise?: { tenantId: string; name: string };
  /** Service categories the worker is trained for (e.g. nanny, maternity_matron). */
  serviceCategories: string[];
  /**
   * The name as the public check shows it, masked with maskName (domain/worker/masking.ts),
   * e.g. `王**`. The certificate masks it again (masking is idempotent), so a plain name
   * handed over by mistake is never stored or shown. Missing → the check shows no name.
   */
  maskedName?: string;
}
