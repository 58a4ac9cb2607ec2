/**
 * May a worker be assigned to an order, given their certificate? A worker without a valid
 * certificate (red or missing) is refused; yellow is allowed or refused by a documented
 * setting (docs/domain.md "Assignment and the certificate"). Pure: the orders consumer
 * reads the settings from its environment (`assignmentPolicyFromEnv`) and the light from
 * the store.
 *
 * - red (identity/background problem, or the certificate suspended, revoked or expired):
 *   always refused.
 * - yellow (health check or insurance lapsed/missing): allowed unless ALLOW_YELLOW_ASSIGNMENT
 *   is "false". Default true: a lapsed health check or missing insurance is the
 *   enterprise's to fix, not a safety finding.
 * - none (the worker has no certificate yet): refused when REQUIRE_CERTIFICATE_FOR_ASSIGNMENT
 *   is "true". Default false when unset, so code and tests that predate certificates keep
 *   working; the CDK app sets it to "true" for the orders consumer in every stage.
 */

export type AssignmentLight = 'green' | 'yellow' | 'red' | 'none';

export interface AssignmentPolicy {
  allowYellow: boolean;
  requireCertificate: boolean;
}

export const DEFAULT_ASSIGNMENT_POLICY: AssignmentPolicy = { allowYellow: true, requireCertificate: false };

/** Settings as environment strings: "true"/"false"; anything else keeps the default. */
export function assignmentPolicyFromEnv(env: Record<string, string | undefined>): AssignmentPolicy {
  const flag = (value: string | undefined, fallback: boolean) => (value === 'true' ? true : value === 'false' ? false : fallback);
  return {
    allowYellow: flag(env.ALLOW_YELLOW_ASSIGNMENT, DEFAULT_ASSIGNMENT_POLICY.allowYellow),
    requireCertificate: flag(env.REQUIRE_CERTIFICATE_FOR_ASSIGNMENT, DEFAULT_ASSIGNMENT_POLICY.requireCertificate),
  };
}

/** Why the assignment is refused, or undefined when the certificate allows it. */
export function certificateRefusal(workerId: string, light: AssignmentLight, policy: AssignmentPolicy = DEFAULT_ASSIGNMENT_POLICY): string | undefined {
  switch (light) {
    case 'green':
      return undefined;
    case 'yellow':
      return policy.allowYellow ? undefined : `worker ${workerId}'s certificate is yellow (health check or insurance lapsed); yellow assignments are not allowed`;
    case 'red':
      return `worker ${workerId} has no valid certificate (red)`;
    case 'none':
      return policy.requireCertificate ? `worker ${workerId} has no certificate yet` : undefined;
  }
}
