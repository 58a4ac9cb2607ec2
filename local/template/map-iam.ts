/**
 * The template's IAM, for the local platform to enforce (local/iam): each function's role
 * with every identity policy attached to it — AWS::IAM::Policy and AWS::IAM::ManagedPolicy
 * naming the role in `Roles`, the role's inline `Policies`, its `ManagedPolicyArns` (the
 * template's own managed policies, or AWS managed ones the platform knows) — and the
 * resource policies of KMS keys (KeyPolicy), SQS queues (AWS::SQS::QueuePolicy) and Lambda
 * functions (AWS::Lambda::Permission, written as the policy statement Lambda makes of it).
 * Documents come out with every intrinsic resolved to local ARNs; they are compiled, and
 * refused if they cannot be evaluated, by local/iam.
 */
import { AWS_MANAGED_POLICIES } from '../iam/managed-policies';
import type { LocalIam, LocalPolicy } from '../topology';
import { TemplateError } from './errors';
import { eachResource, isRecord, type MapContext } from './map-context';

const asList = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export function mapIam(ctx: MapContext): LocalIam {
  // Role name → its policies (names are unique in an account, so across the selected stacks).
  const byRoleName = new Map<string, LocalPolicy[]>();
  const attach = (roleName: unknown, policy: LocalPolicy) => {
    const name = String(roleName);
    byRoleName.set(name, [...(byRoleName.get(name) ?? []), policy]);
  };
  const managedByArn = new Map<string, LocalPolicy>();
  eachResource(ctx, 'AWS::IAM::ManagedPolicy', (r) => {
    const policy = { where: r.where, document: r.prop('PolicyDocument') };
    managedByArn.set(String(r.stack.ref(r.logicalId, r.where)), policy);
    for (const role of asList(r.prop('Roles'))) attach(role, policy);
    return undefined;
  });
  eachResource(ctx, 'AWS::IAM::Policy', (r) => {
    for (const role of asList(r.prop('Roles'))) attach(role, { where: r.where, document: r.prop('PolicyDocument') });
    return undefined;
  });
  const roleArns = new Map<string, string>();
  eachResource(ctx, 'AWS::IAM::Role', (r) => {
    const name = String(r.stack.ref(r.logicalId, r.where));
    roleArns.set(String(r.stack.getAtt(r.logicalId, 'Arn', r.where)), name);
    for (const [i, inline] of asList(r.prop('Policies')).entries()) {
      if (!isRecord(inline)) continue;
      attach(name, { where: `${r.where} Policies[${i}] (${String(inline.PolicyName)})`, document: inline.PolicyDocument });
    }
    for (const arn of asList(r.prop('ManagedPolicyArns')).map(String)) {
      const managed = managedByArn.get(arn) ?? awsManaged(arn);
      if (!managed) throw new TemplateError(r.where, `ManagedPolicyArns: ${arn} is neither a managed policy of the template nor an AWS managed policy the local platform knows (local/iam/managed-policies.ts)`);
      attach(name, managed);
    }
    return undefined;
  });

  const functionRoles: LocalIam['functionRoles'] = {};
  eachResource(ctx, 'AWS::Lambda::Function', (r) => {
    const roleArn = String(r.prop('Role'));
    const roleName = roleArns.get(roleArn);
    // A role from outside the template has policies the platform cannot see: local/iam
    // refuses to enforce such a function rather than guess.
    functionRoles[r.logicalId] =
      roleName === undefined
        ? { roleArn, roleName: roleArn.split('/').pop() ?? roleArn, policies: [], external: true }
        : { roleArn, roleName, policies: byRoleName.get(roleName) ?? [] };
    return undefined;
  });

  const keyPolicies: LocalIam['keyPolicies'] = {};
  eachResource(ctx, 'AWS::KMS::Key', (r) => {
    keyPolicies[String(r.stack.getAtt(r.logicalId, 'Arn', r.where))] = { where: `${r.where} KeyPolicy`, document: r.prop('KeyPolicy') };
    return undefined;
  });
  const queuePolicies: LocalIam['queuePolicies'] = {};
  const queueArnByUrl = new Map<string, string>();
  eachResource(ctx, 'AWS::SQS::Queue', (r) => {
    queueArnByUrl.set(String(r.stack.ref(r.logicalId, r.where)), String(r.stack.getAtt(r.logicalId, 'Arn', r.where)));
    return undefined;
  });
  eachResource(ctx, 'AWS::SQS::QueuePolicy', (r) => {
    for (const url of asList(r.prop('Queues')).map(String)) {
      const arn = queueArnByUrl.get(url);
      if (!arn) throw new TemplateError(r.where, `Queues: ${url} is not a queue of the selected stacks`);
      (queuePolicies[arn] ??= []).push({ where: r.where, document: r.prop('PolicyDocument') });
    }
    return undefined;
  });

  // Lambda keeps each AWS::Lambda::Permission as one statement of the function's resource
  // policy: Allow <Action> on the function to <Principal>, under ArnLike aws:SourceArn and
  // StringEquals aws:SourceAccount when given. Written so here, it is evaluated like any other.
  const functionArnByName = new Map<string, string>();
  eachResource(ctx, 'AWS::Lambda::Function', (r) => {
    const arn = String(r.stack.getAtt(r.logicalId, 'Arn', r.where));
    functionArnByName.set(arn, arn);
    functionArnByName.set(String(r.stack.ref(r.logicalId, r.where)), arn);
    return undefined;
  });
  // FunctionName may also name a version or alias (`…:function:name:live`, `name:live`).
  // Lambda keeps such a permission in the policy of that qualified ARN only: it never lets
  // anyone invoke the unqualified function (nor another alias). So it is kept under the
  // qualified ARN here, where no check of the unqualified function finds it.
  const permissionTarget = (name: string): string | undefined => {
    const exact = functionArnByName.get(name);
    if (exact) return exact;
    const cut = name.lastIndexOf(':');
    const unqualified = cut > 0 ? functionArnByName.get(name.slice(0, cut)) : undefined;
    return unqualified && `${unqualified}:${name.slice(cut + 1)}`;
  };
  const functionPolicies: LocalIam['functionPolicies'] = {};
  eachResource(ctx, 'AWS::Lambda::Permission', (r) => {
    const arn = permissionTarget(String(r.prop('FunctionName')));
    // A function outside the selected stacks does not run locally; its permission has nothing to allow.
    if (!arn) return undefined;
    const principal = String(r.prop('Principal'));
    const sourceArn = r.prop('SourceArn');
    const sourceAccount = r.prop('SourceAccount');
    for (const unsupportedProp of ['PrincipalOrgID', 'FunctionUrlAuthType', 'EventSourceToken']) {
      if (r.prop(unsupportedProp) !== undefined) throw new TemplateError(r.where, `${unsupportedProp} is not evaluated by the local platform (local/iam)`);
    }
    const condition = {
      ...(sourceArn !== undefined ? { ArnLike: { 'aws:SourceArn': String(sourceArn) } } : {}),
      ...(sourceAccount !== undefined ? { StringEquals: { 'aws:SourceAccount': String(sourceAccount) } } : {}),
    };
    const statement = {
      Effect: 'Allow',
      Principal: principal.endsWith('.amazonaws.com') || principal.endsWith('.amazonaws.com.cn') ? { Service: principal } : { AWS: principal },
      Action: String(r.prop('Action')),
      Resource: arn,
      ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}),
    };
    (functionPolicies[arn] ??= []).push({ where: r.where, document: { Version: '2012-10-17', Statement: [statement] } });
    return undefined;
  });
  return { functionRoles, keyPolicies, queuePolicies, functionPolicies };
}

function awsManaged(arn: string): LocalPolicy | undefined {
  const name = /^arn:[a-z-]+:iam::aws:policy\/(?:service-role\/)?(.+)$/.exec(arn)?.[1];
  const document = name ? AWS_MANAGED_POLICIES[name] : undefined;
  return document ? { where: `AWS managed policy ${name}`, document } : undefined;
}
