/**
 * The template's IAM, compiled once when the platform starts, asked by the local endpoints
 * for each request a function signs. A request signed with a key that names no function
 * (tests, the `anxin` CLI, the platform's own pollers and deliveries) is not checked:
 * those act as an administrator.
 *
 * Decisions are cached per (function, action, resource): the statements that can apply are
 * found once, and only their conditions (rare; they read the request, e.g. an encryption
 * context) are evaluated per call, so a warm path costs one map lookup.
 */
import type { LocalIam, Topology } from '../topology';
import type { ConditionContext } from './conditions';
import { accessKeyIdOf, functionOfAccessKeyId } from './credentials';
import { decide, decideForService, deniedMessage, type Caller, type Decision } from './evaluate';
import { compilePolicy, UnsupportedPolicyError, type Statement } from './policy';

export interface IamRefusal {
  /** AWS's message (`User: … is not authorized to perform: …`). */
  message: string;
}

interface Principal extends Caller {
  /** What AWS names in a refusal: `arn:<p>:sts::<acct>:assumed-role/<role>/<function name>`. */
  sessionArn: string;
  identity: Statement[];
}

export interface Enforcer {
  /**
   * Undefined when allowed (or the caller is not a function); else AWS's refusal.
   * `context` holds the request's own condition keys (lower-case), e.g. kms:encryptioncontext:tenant.
   */
  check(authorization: string | string[] | undefined, action: string, resource: string, context?: Record<string, string>): IamRefusal | undefined;
  /** The function a request's Authorization header names, if any. */
  callerOf(authorization: string | string[] | undefined): string | undefined;
  /** As `check`, for a call the function's role makes without a request (an event-source mapping's polling). */
  checkFunction(functionLogicalId: string, action: string, resource: string, context?: Record<string, string>): IamRefusal | undefined;
  /**
   * A call an AWS service makes on the app's behalf — API Gateway or EventBridge invoking a
   * function, EventBridge sending to a queue — from `sourceArn` (the route, authorizer or
   * rule): allowed only by the resource's own policy (AWS::Lambda::Permission, the queue
   * policy). Undefined when allowed; else the refusal, for the platform log (AWS tells the
   * caller nothing: API Gateway answers 500, EventBridge counts a failed invocation).
   */
  checkService(service: string, action: string, resource: string, sourceArn: string): IamRefusal | undefined;
}

const NO_CONTEXT: Record<string, string> = {};

export interface EnforcerOptions {
  /** Told every refusal (the platform logs it: a missing grant shows in the log, whatever the function does with the error). */
  onRefusal?(message: string): void;
}

export function createEnforcer(topology: Pick<Topology, 'functions' | 'iam' | 'accountId' | 'region'>, opts: EnforcerOptions = {}): Enforcer {
  const { iam } = topology;
  const partition = topology.functions[0]?.arn.split(':')[1] ?? 'aws';
  const principals = new Map<string, Principal>();
  for (const fn of topology.functions) {
    const role = iam.functionRoles[fn.logicalId];
    if (!role || role.external) {
      throw new UnsupportedPolicyError(`function ${fn.functionName}`, `its role ${role?.roleArn ?? '(none)'} is not in the selected stacks, so its policies are unknown`);
    }
    principals.set(fn.logicalId, {
      roleArn: role.roleArn,
      accountId: topology.accountId,
      sessionArn: `arn:${partition}:sts::${topology.accountId}:assumed-role/${role.roleName}/${fn.functionName}`,
      identity: role.policies.flatMap((p) => compilePolicy(p.document, p.where, { resourcePolicy: false })),
    });
  }
  const resourcePolicies = compileResourcePolicies(iam);
  const cache = new Map<string, { identity: Statement[]; resource?: { kind: 'kms' | 'other'; statements: Statement[] } }>();

  const serviceDecisions = new Map<string, Decision>();

  const callerOf = (authorization: string | string[] | undefined) => {
    const id = functionOfAccessKeyId(accessKeyIdOf(authorization));
    return id !== undefined && principals.has(id) ? id : undefined;
  };

  const checkFunction = (fnId: string, action: string, resource: string, context = NO_CONTEXT): IamRefusal | undefined => {
    const principal = principals.get(fnId);
    if (!principal) throw new Error(`no function ${fnId} in the template's IAM`);
    const key = `${fnId}\n${action}\n${resource}`;
    let applicable = cache.get(key);
    if (!applicable) {
      // Keep the statements whose action and resource match; their conditions are per call.
      const matches = (s: Statement) => s.action(action) && s.resource(resource);
      const own = resourcePolicies.get(resource);
      applicable = {
        identity: principal.identity.filter(matches),
        ...(own ? { resource: { kind: own.kind, statements: own.statements.filter(matches) } } : {}),
      };
      cache.set(key, applicable);
    }
    const decision = decide(applicable.identity, applicable.resource, principal, { action, resource, context: requestContext(principal, context) });
    if (decision.allowed) return undefined;
    const message = deniedMessage(principal.sessionArn, action, resource, decision.because);
    opts.onRefusal?.(message);
    return { message };
  };

  return {
    callerOf,
    checkFunction,
    check(authorization, action, resource, context = NO_CONTEXT) {
      const fnId = callerOf(authorization);
      return fnId === undefined ? undefined : checkFunction(fnId, action, resource, context);
    },
    checkService(service, action, resource, sourceArn) {
      // Asked on every HTTP request: the decision depends on nothing else, so it is kept.
      const key = `${service}\n${action}\n${resource}\n${sourceArn}`;
      let decision = serviceDecisions.get(key);
      if (!decision) {
        const context: ConditionContext = new Map([
          ['aws:securetransport', 'true'],
          ['aws:sourcearn', sourceArn],
          ['aws:sourceaccount', topology.accountId],
        ]);
        decision = decideForService(resourcePolicies.get(resource)?.statements, service, { action, resource, context });
        serviceDecisions.set(key, decision);
      }
      if (decision.allowed) return undefined;
      const message = deniedMessage(service, action, resource, decision.because, 'Service');
      opts.onRefusal?.(`${message} (source ${sourceArn})`);
      return { message };
    },
  };
}

function compileResourcePolicies(iam: LocalIam): Map<string, { kind: 'kms' | 'other'; statements: Statement[] }> {
  const out = new Map<string, { kind: 'kms' | 'other'; statements: Statement[] }>();
  for (const [arn, policy] of Object.entries(iam.keyPolicies)) {
    out.set(arn, { kind: 'kms', statements: compilePolicy(policy.document, policy.where, { resourcePolicy: true }) });
  }
  for (const [arn, policies] of [...Object.entries(iam.queuePolicies), ...Object.entries(iam.functionPolicies)]) {
    out.set(arn, { kind: 'other', statements: policies.flatMap((p) => compilePolicy(p.document, p.where, { resourcePolicy: true })) });
  }
  return out;
}

/**
 * The global keys every request a function makes carries, plus the request's own. Calls
 * are treated as made over TLS (`aws:SecureTransport` true): the SDK always uses HTTPS in
 * AWS, and only the local endpoints are plain HTTP on this machine.
 */
function requestContext(principal: Principal, own: Record<string, string>): ConditionContext {
  return new Map([
    ['aws:securetransport', 'true'],
    ['aws:principalarn', principal.roleArn],
    ['aws:principalaccount', principal.accountId],
    ...Object.entries(own),
  ]);
}
