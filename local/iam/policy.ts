/**
 * IAM policy documents as the template writes them, checked once when the platform starts
 * and turned into statements the evaluator can match quickly. Everything the evaluator
 * cannot evaluate faithfully is refused here, by name (an unsupported condition operator or
 * key, NotPrincipal, a statement without Effect): a policy silently skipped could allow in
 * the local platform what AWS denies, or the other way round.
 */
import { compileCondition, type CompiledCondition } from './conditions';
import { compileArnPattern, compileActionPattern, type Matcher } from './wildcard';

export interface PolicyStatementJson {
  Sid?: string;
  Effect?: string;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Principal?: unknown;
  NotPrincipal?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

export interface PolicyDocumentJson {
  Version?: string;
  Statement?: PolicyStatementJson | PolicyStatementJson[];
}

/** Who a resource-policy statement names (identity-policy statements name nobody). */
export interface Principals {
  /** `"*"` or `{"AWS": "*"}`: anyone. */
  anyone: boolean;
  /** IAM principal ARNs (roles, users). */
  aws: string[];
  /** Accounts named as `<acct>` or `arn:<partition>:iam::<acct>:root`: the account delegates to its own identity policies. */
  accounts: string[];
  /** Service principals (`events.amazonaws.com`): never a function's role. */
  services: string[];
}

export interface Statement {
  effect: 'Allow' | 'Deny';
  /** Matches the action (`service:Operation`, case-insensitive); with NotAction, inverted. */
  action: Matcher;
  resource: Matcher;
  conditions: CompiledCondition[];
  principals?: Principals;
  /** Where the statement comes from, for error messages. */
  where: string;
}

/** Raised when the platform starts: names the policy and what in it cannot be evaluated. */
export class UnsupportedPolicyError extends Error {
  constructor(where: string, what: string) {
    super(`${where}: ${what} — the local platform cannot evaluate it, and will not guess (docs/architecture.md "IAM on the local platform")`);
    this.name = 'UnsupportedPolicyError';
  }
}

const list = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

const ACCOUNT_ROOT = /^(?:(\d{12})|arn:[a-z-]+:iam::(\d{12}):root)$/;

function principalsOf(value: unknown, where: string): Principals {
  if (value === '*') return { anyone: true, aws: [], accounts: [], services: [] };
  if (typeof value !== 'object' || value === null) throw new UnsupportedPolicyError(where, `Principal ${JSON.stringify(value)}`);
  const out: Principals = { anyone: false, aws: [], accounts: [], services: [] };
  for (const [kind, names] of Object.entries(value)) {
    if (kind === 'AWS') {
      for (const name of list(names)) {
        const root = ACCOUNT_ROOT.exec(name);
        if (name === '*') out.anyone = true;
        else if (root) out.accounts.push((root[1] ?? root[2])!);
        else out.aws.push(name);
      }
    } else if (kind === 'Service') out.services.push(...list(names));
    else throw new UnsupportedPolicyError(where, `Principal type ${kind}`);
  }
  return out;
}

/**
 * Compiles a policy document. `resourcePolicy` documents must name principals; identity
 * policies must not.
 */
export function compilePolicy(doc: unknown, where: string, opts: { resourcePolicy: boolean }): Statement[] {
  if (typeof doc !== 'object' || doc === null) throw new UnsupportedPolicyError(where, 'the policy document is not an object');
  const statements = (doc as PolicyDocumentJson).Statement;
  const raw = statements === undefined ? [] : Array.isArray(statements) ? statements : [statements];
  return raw.map((s, i) => {
    const at = `${where} Statement[${i}]${s.Sid ? ` (${s.Sid})` : ''}`;
    if (s.Effect !== 'Allow' && s.Effect !== 'Deny') throw new UnsupportedPolicyError(at, `Effect ${JSON.stringify(s.Effect)}`);
    if (s.NotPrincipal !== undefined) throw new UnsupportedPolicyError(at, 'NotPrincipal');
    if ((s.Action === undefined) === (s.NotAction === undefined)) throw new UnsupportedPolicyError(at, 'exactly one of Action and NotAction is required');
    if ((s.Resource === undefined) === (s.NotResource === undefined)) throw new UnsupportedPolicyError(at, 'exactly one of Resource and NotResource is required');
    if (opts.resourcePolicy && s.Principal === undefined) throw new UnsupportedPolicyError(at, 'a resource policy statement without Principal');
    if (!opts.resourcePolicy && s.Principal !== undefined) throw new UnsupportedPolicyError(at, 'Principal in an identity-based policy');
    const action = compileActionPattern(list(s.Action ?? s.NotAction), s.NotAction !== undefined);
    const resource = compileArnPattern(list(s.Resource ?? s.NotResource), s.NotResource !== undefined);
    const conditions: CompiledCondition[] = [];
    for (const [operator, entries] of Object.entries(s.Condition ?? {})) {
      for (const [key, values] of Object.entries(entries)) conditions.push(compileCondition(operator, key, values, at));
    }
    return {
      effect: s.Effect,
      action,
      resource,
      conditions,
      ...(opts.resourcePolicy ? { principals: principalsOf(s.Principal, at) } : {}),
      where: at,
    };
  });
}
