/**
 * The one Lambda function construct: every function in the app is an AnxinFunction, so the
 * defaults live here and nowhere else (DESIGN.md "Conventions").
 *
 * - Node.js 22 on ARM64, X-Ray tracing active, 10 s timeout, 256 MB (overridable).
 * - ESM bundle built by the LOCAL esbuild (no Docker): minified, `mainFields: module,main`,
 *   target node22, the AWS SDK bundled (externalModules: []) so cold starts are measured
 *   against our own bundle, a banner defining `require` for CJS dependencies inside the
 *   ESM bundle, source maps + `--enable-source-maps` outside prod only.
 * - An explicit log group with retention (no LogRetention custom resource) and an
 *   execution role that may write to THAT log group only (no AWSLambdaBasicExecutionRole,
 *   which allows writing to every log group in the account).
 * - Environment merged over defaults: POWERTOOLS_SERVICE_NAME, POWERTOOLS_METRICS_NAMESPACE,
 *   STAGE, LOG_LEVEL (+ NODE_OPTIONS outside prod).
 */
import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import {
  Charset,
  LogLevel,
  NodejsFunction,
  OutputFormat,
  type BundlingOptions,
  type NodejsFunctionProps,
} from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import path from 'node:path';
import { DEPS_LOCK_FILE, REPO_ROOT, type StageConfig } from '../config';

export const RUNTIME = lambda.Runtime.NODEJS_22_X;
export const ESBUILD_TARGET = 'node22';
export const DEFAULT_TIMEOUT = Duration.seconds(10);
export const DEFAULT_MEMORY_MB = 256;
export const METRICS_NAMESPACE = 'Anxin';

/**
 * esbuild turns `require()` calls of CommonJS dependencies into a shim that throws
 * "Dynamic require of X is not supported" in an ESM bundle unless `require` exists.
 * The alias keeps the banner's import from colliding with a bundled `createRequire`.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __anxinCreateRequire } from 'node:module'; const require = __anxinCreateRequire(import.meta.url);";

/** Settings an AnxinFunction decides itself; callers cannot override them. */
type FixedProps =
  | 'entry'
  | 'runtime'
  | 'architecture'
  | 'tracing'
  | 'logGroup'
  | 'logRetention'
  | 'role'
  | 'bundling'
  | 'depsLockFilePath'
  | 'projectRoot';

export interface AnxinFunctionProps extends Omit<NodejsFunctionProps, FixedProps> {
  readonly config: StageConfig;
  /** Entry file relative to the repository root, e.g. `functions/http/orders-create.ts`. */
  readonly entry: string;
  /** POWERTOOLS_SERVICE_NAME (logger `service` key, metrics `service` dimension). */
  readonly serviceName: string;
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

export function bundlingOptions(config: StageConfig): BundlingOptions {
  return {
    format: OutputFormat.ESM,
    mainFields: ['module', 'main'],
    target: ESBUILD_TARGET,
    minify: true,
    sourceMap: config.sourceMaps,
    // Stack traces need file/line mappings, not the sources: keeps the map (and the
    // asset) small.
    sourcesContent: false,
    banner: ESM_REQUIRE_BANNER,
    // Bundle @aws-sdk/* (and @smithy/*) instead of using the runtime's copy: a pinned,
    // tree-shaken SDK we measure cold starts against. externalModules: [] overrides the
    // runtime default externals; bundleAwsSDK states the same intent.
    bundleAwsSDK: true,
    externalModules: [],
    charset: Charset.UTF8,
    logLevel: LogLevel.WARNING,
  };
}

export class AnxinFunction extends NodejsFunction {
  /** The function's own log group (retention set, RETAIN in prod). */
  readonly functionLogGroup: logs.LogGroup;
  readonly serviceName: string;
  /** Entry file relative to the repository root. */
  readonly entryPath: string;

  constructor(scope: Construct, id: string, props: AnxinFunctionProps) {
    const { config, entry, serviceName, environment, ...rest } = props;

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
      entry: path.resolve(REPO_ROOT, entry),
      handler: rest.handler ?? 'handler',
      runtime: RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      tracing: lambda.Tracing.ACTIVE,
      logGroup,
      role,
      projectRoot: REPO_ROOT,
      depsLockFilePath: DEPS_LOCK_FILE,
      bundling: bundlingOptions(config),
      environment: { ...defaultEnvironment(config, serviceName), ...environment },
    });

    // Write access to this function's log group only (CreateLogStream, PutLogEvents).
    logGroup.grantWrite(role);
    this.functionLogGroup = logGroup;
    this.serviceName = serviceName;
    this.entryPath = entry;
  }
}
