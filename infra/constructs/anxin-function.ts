/**
 * The one Lambda function construct: every function in the app is an AnxinFunction, so the
 * defaults live here and nowhere else (docs/conventions.md).
 *
 * - Node.js 22 on ARM64, X-Ray tracing active, 10 s timeout, 256 MB (overridable).
 * - Code: the function's ESM bundle from the app's one esbuild pass
 *   (infra/bundling/function-bundles.ts; settings in infra/bundling/esbuild-options.ts),
 *   staged as an asset whose hash is the hash of the bundle's bytes, so an unchanged
 *   function never changes its asset (no spurious redeploys).
 * - An explicit log group with retention (no LogRetention custom resource) and an
 *   execution role that may write to THAT log group only (no AWSLambdaBasicExecutionRole,
 *   which allows writing to every log group in the account).
 * - Environment merged over defaults: POWERTOOLS_SERVICE_NAME, POWERTOOLS_METRICS_NAMESPACE,
 *   STAGE, LOG_LEVEL (+ NODE_OPTIONS=--enable-source-maps outside prod, where bundles carry maps).
 */
import { AssetHashType, Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, type StageConfig } from '../config';
import { functionBundlesFor } from '../bundling/function-bundles';

export { ESBUILD_TARGET, ESM_REQUIRE_BANNER } from '../bundling/esbuild-options';

export const RUNTIME = lambda.Runtime.NODEJS_22_X;
export const DEFAULT_TIMEOUT = Duration.seconds(10);
export const DEFAULT_MEMORY_MB = 256;
export const METRICS_NAMESPACE = 'Anxin';

/** Settings an AnxinFunction decides itself; callers cannot override them. */
type FixedProps = 'code' | 'handler' | 'runtime' | 'architecture' | 'tracing' | 'logGroup' | 'logRetention' | 'role';

export interface AnxinFunctionProps extends Omit<lambda.FunctionProps, FixedProps> {
  readonly config: StageConfig;
  /** Entry file relative to the repository root, e.g. `functions/http/orders-create.ts`. */
  readonly entry: string;
  /** POWERTOOLS_SERVICE_NAME (logger `service` key, metrics `service` dimension). */
  readonly serviceName: string;
  /** Exported handler name in the entry file (default `handler`). */
  readonly handler?: string;
}

/** Environment every function gets; a function's own environment is merged over it. */
export function defaultEnvironment(config: StageConfig, serviceName: string): Record<string, string> {
  return {
    POWERTOOLS_SERVICE_NAME: serviceName,
    POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
    STAGE: config.stage,
    LOG_LEVEL: config.logLevel,
    ...(config.sourceMaps ? { NODE_OPTIONS: '--enable-source-maps' } : {}),
  };
}

/**
 * The function's code. When the CLI skips bundling for this stack (`cdk ls`, `cdk deploy
 * --exclusively` of another stack, or tests passing context `aws:cdk:bundling-stacks: []`)
 * a placeholder stands in, as NodejsFunction does, and nothing is built.
 */
function functionCode(scope: Construct, config: StageConfig, entry: string): lambda.Code {
  if (!Stack.of(scope).bundlingRequired) {
    const dir = path.join(REPO_ROOT, 'node_modules/.cache/anxin-bundles/skipped');
    if (!existsSync(path.join(dir, 'index.mjs'))) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'index.mjs'), '// bundling was skipped for this stack\n');
    }
    return lambda.Code.fromAsset(dir, { assetHash: `skipped-${entry}`, assetHashType: AssetHashType.CUSTOM });
  }
  const bundle = functionBundlesFor(REPO_ROOT, { sourceMaps: config.sourceMaps }).bundle(entry);
  return lambda.Code.fromAsset(bundle.dir, { assetHash: bundle.hash, assetHashType: AssetHashType.CUSTOM });
}

export class AnxinFunction extends lambda.Function {
  /** The function's own log group (retention set, RETAIN in prod). */
  readonly functionLogGroup: logs.LogGroup;
  readonly serviceName: string;
  /** Entry file relative to the repository root. */
  readonly entryPath: string;

  constructor(scope: Construct, id: string, props: AnxinFunctionProps) {
    const { config, entry, serviceName, environment, handler, ...rest } = props;

    // Siblings, not children: they must exist before super() runs.
    const logGroup = new logs.LogGroup(scope, `${id}LogGroup`, {
      retention: config.logRetention,
      removalPolicy: config.removalPolicy,
    });
    const role = new iam.Role(scope, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${entry} (${config.stage})`,
    });

    super(scope, id, {
      ...rest,
      timeout: rest.timeout ?? DEFAULT_TIMEOUT,
      memorySize: rest.memorySize ?? DEFAULT_MEMORY_MB,
      description: rest.description ?? `${entry} (${config.stage})`,
      code: functionCode(scope, config, entry),
      handler: `index.${handler ?? 'handler'}`,
      runtime: RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      tracing: lambda.Tracing.ACTIVE,
      logGroup,
      role,
      environment: { ...defaultEnvironment(config, serviceName), ...environment },
    });

    // Write access to this function's log group only (CreateLogStream, PutLogEvents).
    logGroup.grantWrite(role);
    this.functionLogGroup = logGroup;
    this.serviceName = serviceName;
    this.entryPath = entry;
  }
}
