/**
 * IAM's decision for one request, in the order AWS documents for a principal and a
 * resource of the same account: an explicit Deny in any applicable policy wins; then an
 * Allow; else the request is implicitly denied. Two resource kinds differ:
 *
 * - KMS keys: the key policy must allow. A key policy that allows the account
 *   (`arn:…:iam::<acct>:root`) hands the decision to the caller's identity policies, which
 *   must then allow too; one that names the role itself is enough on its own.
 * - Other resources with a policy (SQS queues): the identity policy OR the resource policy
 *   naming the caller (or `*`) is enough.
 *
 * Permissions boundaries, SCPs, session policies and grants do not exist in a CDK
 * template's functions, and are not evaluated (docs/architecture.md "IAM on the local platform").
 */
import type { ConditionContext } from './conditions';
import type { Statement } from './policy';

export interface Caller {
  /** The role's ARN (`arn:aws:iam::<acct>:role/<name>`), what resource policies name. */
  roleArn: string;
  accountId: string;
}

export interface AccessRequest {
  /** `service:Operation`, e.g. `dynamodb:PutItem`. */
  action: string;
  resource: string;
  context: ConditionContext;
}

export type Outcome = 'allow' | 'explicit-deny' | 'none';

export type Decision =
  | { allowed: true }
  | { allowed: false; because: 'identity-deny' | 'resource-deny' | 'no-identity-allow' | 'no-resource-allow' };

const applies = (s: Statement, req: AccessRequest) =>
  s.action(req.action) && s.resource(req.resource) && s.conditions.every((c) => c.test(req.context));

/** An identity policy's outcome (its statements name no principal). */
export function evaluateStatements(statements: readonly Statement[], req: AccessRequest): Outcome {
  let outcome: Outcome = 'none';
  for (const s of statements) {
    if (!applies(s, req)) continue;
    if (s.effect === 'Deny') return 'explicit-deny';
    outcome = 'allow';
  }
  return outcome;
}

/** A resource policy's outcome for one caller: 'allow' only when it names the caller itself (or anyone); 'account' when it names the caller's account. */
export function evaluateResourcePolicy(statements: readonly Statement[], caller: Caller, req: AccessRequest): Outcome | 'account' {
  let outcome: Outcome | 'account' = 'none';
  for (const s of statements) {
    const p = s.principals!;
    const direct = p.anyone || p.aws.includes(caller.roleArn);
    const account = p.accounts.includes(caller.accountId);
    if (!(direct || account) || !applies(s, req)) continue;
    if (s.effect === 'Deny') return 'explicit-deny';
    if (direct) outcome = 'allow';
    else if (outcome === 'none') outcome = 'account';
  }
  return outcome;
}

export function decide(
  identity: readonly Statement[],
  resourcePolicy: { kind: 'kms' | 'other'; statements: readonly Statement[] } | undefined,
  caller: Caller,
  req: AccessRequest,
): Decision {
  const fromIdentity = evaluateStatements(identity, req);
  if (fromIdentity === 'explicit-deny') return { allowed: false, because: 'identity-deny' };
  const fromResource = resourcePolicy ? evaluateResourcePolicy(resourcePolicy.statements, caller, req) : 'none';
  if (fromResource === 'explicit-deny') return { allowed: false, because: 'resource-deny' };
  if (resourcePolicy?.kind === 'kms') {
    if (fromResource === 'allow') return { allowed: true };
    if (fromResource === 'none') return { allowed: false, because: 'no-resource-allow' };
    return fromIdentity === 'allow' ? { allowed: true } : { allowed: false, because: 'no-identity-allow' };
  }
  if (fromIdentity === 'allow' || fromResource === 'allow') return { allowed: true };
  return { allowed: false, because: 'no-identity-allow' };
}

/**
 * A service principal's call — API Gateway or EventBridge invoking a function, EventBridge
 * sending to a queue: the service has no identity policy, so the resource's own policy must
 * allow it (statements naming the service or anyone), and an explicit Deny there wins.
 */
export function decideForService(resourcePolicy: readonly Statement[] | undefined, service: string, req: AccessRequest): Decision {
  let allowed = false;
  for (const s of resourcePolicy ?? []) {
    const p = s.principals!;
    if (!(p.anyone || p.services.includes(service)) || !applies(s, req)) continue;
    if (s.effect === 'Deny') return { allowed: false, because: 'resource-deny' };
    allowed = true;
  }
  return allowed ? { allowed: true } : { allowed: false, because: 'no-resource-allow' };
}

/**
 * AWS's wording of the refusal, e.g. `User: arn:aws:sts::123456789012:assumed-role/r/f is
 * not authorized to perform: kms:Decrypt on resource: arn:… because no identity-based
 * policy allows the kms:Decrypt action`.
 */
export function deniedMessage(principal: string, action: string, resource: string, because: Exclude<Decision, { allowed: true }>['because'], who = 'User'): string {
  const reason = {
    'identity-deny': 'with an explicit deny in an identity-based policy',
    'resource-deny': 'with an explicit deny in a resource-based policy',
    'no-identity-allow': `because no identity-based policy allows the ${action} action`,
    'no-resource-allow': `because no resource-based policy allows the ${action} action`,
  }[because];
  return `${who}: ${principal} is not authorized to perform: ${action} on resource: ${resource} ${reason}`;
}
