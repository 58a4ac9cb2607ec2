/**
 * cdk-nag (v3) AwsSolutions checks on the whole app, and the findings we acknowledge.
 *
 * cdk-nag 3 runs as a CDK policy-validation plugin: any unacknowledged finding (error or
 * warning) fails `cdk synth`. Acknowledgments use CDK's `Validations.of(x).acknowledge()`
 * (v3 replaced NagSuppressions) and are also written into the template Metadata
 * (`cdk_nag.rules_to_suppress`) as an audit trail. Each one is exact (a rule id, or a
 * rule id + finding) and carries its reason; there are no stack-wide acknowledgments.
 *
 * Acknowledged, on every AnxinFunction (applied by an aspect, so new functions are
 * covered without touching this file):
 *   - AwsSolutions-L1 (runtime is not the newest Node.js): see LAMBDA_RUNTIME.
 *   - AwsSolutions-IAM5[Resource::*] on the function role: X-Ray only, see XRAY_WILDCARD;
 *     a guard below fails synthesis if anything else in that role is granted on "*".
 *
 * Not acknowledged because they are fixed instead: AwsSolutions-IAM4 (roles have an inline
 * policy for their own log group instead of AWSLambdaBasicExecutionRole), AwsSolutions-IAM5
 * for `<table>/index/*` (grants name the GSIs), APIG1 (access logs on), APIG4 (every
 * route has the Lambda authorizer), SQS2/3/4 (SSE, DLQ, TLS-only policy), SNS3 (TLS-only
 * topic policy), KMS5 (rotation on every symmetric key; the personal-data HMAC key cannot
 * rotate in KMS and KMS5 does not apply to HMAC keys, see stateful-stack.ts), DDB3 (PITR on).
 */
import { Annotations, Aspects, Stack, Validations, type App, type IAspect } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import type { CloudFormationValidationInWorker } from './cloudformation-validation';
import { AnxinFunction } from './constructs/anxin-function';

export interface NagAcknowledgment {
  readonly id: string;
  readonly reason: string;
}

export const LAMBDA_RUNTIME: NagAcknowledgment = {
  id: 'AwsSolutions-L1',
  reason:
    'Node.js 22 (nodejs22.x) is pinned on purpose: bundles are built with esbuild target node22 and the ' +
    'cold-start budget, local platform and tests are measured against it. It is a supported LTS runtime ' +
    '(Node.js 22 end of life: 2027-04-30). Moving to a newer runtime is a deliberate change of RUNTIME and ' +
    'ESBUILD_TARGET in infra/constructs/anxin-function.ts and infra/bundling/esbuild-options.ts, not a side effect of a CDK upgrade.',
};

export const XRAY_WILDCARD: NagAcknowledgment = {
  id: 'AwsSolutions-IAM5[Resource::*]',
  reason:
    'Active tracing grants xray:PutTraceSegments and xray:PutTelemetryRecords, which do not support ' +
    'resource-level permissions, so their resource must be "*". infra/nag.ts fails synthesis if any other ' +
    'action in a function role is granted on "*".',
};

/** Acknowledged on each route marked `public` in ROUTES (infra/stacks/api-stack.ts), and only there. */
export const PUBLIC_ROUTE: NagAcknowledgment = {
  id: 'AwsSolutions-APIG4',
  reason:
    'Public by design: households rate a service with a one-time rating token carried in the body (or read ' +
    'public certificate data). The handler verifies the token (stored hashed, single use, 30-day expiry) and ' +
    'answers forged and expired tokens alike; stage throttling limits guessing.',
};

/** Acknowledged on the HTTP API's `$default` route only (infra/constructs/no-route.ts). */
export const NO_ROUTE: NagAcknowledgment = {
  id: 'AwsSolutions-APIG4',
  reason:
    'The catch-all $default route answers every request no other route matches with a problem+json 404 and ' +
    'nothing else: its function reads no table, holds no key and sees no caller, so there is nothing to ' +
    'authorize, and skipping the authorizer spares an invocation per stray request. Stage throttling applies.',
};

export const ACKNOWLEDGMENTS: readonly NagAcknowledgment[] = [LAMBDA_RUNTIME, XRAY_WILDCARD, PUBLIC_ROUTE, NO_ROUTE];

/** Actions allowed on Resource "*" in a function role. */
const WILDCARD_RESOURCE_ACTIONS = /^xray:/;

interface PolicyStatementJson {
  Action?: string | string[];
  Resource?: unknown;
}

/** Acknowledges the per-function findings and guards the X-Ray acknowledgment. */
class AnxinFunctionNagAspect implements IAspect {
  visit(node: IConstruct): void {
    if (!(node instanceof AnxinFunction)) return;
    Validations.of(node).acknowledge(LAMBDA_RUNTIME);

    const role = node.role;
    if (!(role instanceof iam.Role)) return;
    Validations.of(role).acknowledge(XRAY_WILDCARD);

    const policy = role.node.tryFindChild('DefaultPolicy');
    if (!(policy instanceof iam.Policy)) return;
    const doc = Stack.of(policy).resolve(policy.document.toJSON()) as { Statement?: PolicyStatementJson[] } | undefined;
    for (const statement of doc?.Statement ?? []) {
      const resources = ([] as unknown[]).concat(statement.Resource ?? []);
      if (!resources.includes('*')) continue;
      const actions = ([] as string[]).concat(statement.Action ?? []);
      const offending = actions.filter((action) => !WILDCARD_RESOURCE_ACTIONS.test(action));
      if (offending.length > 0) {
        Annotations.of(policy).addError(
          `${node.node.path}: ${offending.join(', ')} granted on Resource "*"; only X-Ray actions may be ` +
            `(the ${XRAY_WILDCARD.id} acknowledgment covers X-Ray only). Grant on specific ARNs instead.`,
        );
      }
    }
  }
}

/**
 * @param cloudFormationValidation when given, registered after cdk-nag (where the CDK puts its
 *   default one) and started by it: cdk-nag checks the construct tree while that validation's
 *   worker checks the templates (infra/cloudformation-validation.ts).
 */
export function applyNagChecks(app: App, cloudFormationValidation?: CloudFormationValidationInWorker): void {
  const nag = new AwsSolutionsChecks(app, { verbose: true, writeSuppressionsToCloudFormation: true });
  if (cloudFormationValidation) Validations.of(app).addPlugins(cloudFormationValidation.startedBy(nag), cloudFormationValidation);
  else Validations.of(app).addPlugins(nag);
  Aspects.of(app).add(new AnxinFunctionNagAspect());
}
