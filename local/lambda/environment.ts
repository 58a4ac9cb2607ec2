/**
 * The process environment a function sees, built from nothing (never from the host's
 * process.env) so that functions are isolated from the developer's shell and from each
 * other. Precedence mirrors Lambda: its defaults, then the function's Environment, then
 * the variables Lambda reserves (a template cannot override them), then the platform's
 * extras (local endpoints, and credentials matching DynamoDB Local's).
 */
import type { LocalFunction } from '../topology';

/**
 * Dummy credentials every local function gets (Lambda always sets all three), the same
 * key as the rest of local/ uses. The platform may override them through extraEnv.
 */
export const LOCAL_CREDENTIALS = {
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_SESSION_TOKEN: 'local',
} as const;

/** arn:<partition>:lambda:<region>:<account>:function:<name> */
export function regionOfFunction(fn: LocalFunction): string {
  const region = fn.arn.split(':')[3];
  if (!region) throw new Error(`cannot read the region from function ARN ${fn.arn}`);
  return region;
}

/** "/aws/lambda/<name>", and a stream name per execution environment like Lambda's. */
export function logNames(fn: LocalFunction, envId: string, now = new Date()) {
  const day = now.toISOString().slice(0, 10).replaceAll('-', '/');
  return { logGroupName: `/aws/lambda/${fn.functionName}`, logStreamName: `${day}/[$LATEST]${envId}` };
}

export function lambdaEnvironment(
  fn: LocalFunction,
  opts: { logStreamName: string; extraEnv?: Record<string, string> },
): Record<string, string> {
  const region = regionOfFunction(fn);
  const { logGroupName } = logNames(fn, '');
  const defaults: Record<string, string> = {
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    // Lambda runs Node 22; on an older local Node the SDK would warn at every cold start
    // about a runtime the function never runs on in AWS.
    ...(Number(process.versions.node.split('.')[0]) < 22 ? { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } : {}),
  };
  const reserved: Record<string, string> = {
    _HANDLER: fn.handler,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime || 'nodejs22.x'}`,
    AWS_LAMBDA_FUNCTION_NAME: fn.functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: logGroupName,
    AWS_LAMBDA_LOG_STREAM_NAME: opts.logStreamName,
    LAMBDA_TASK_ROOT: fn.bundleDir,
    ...LOCAL_CREDENTIALS,
  };
  return { ...defaults, ...fn.environment, ...reserved, ...opts.extraEnv };
}

/**
 * Lambda runs in UTC (TZ=:UTC). A worker thread cannot have its own time zone (it is
 * per process), so the platform should run with TZ=UTC; this says whether it does.
 */
export function hostIsUtc(): boolean {
  const year = new Date().getUTCFullYear();
  return new Date(Date.UTC(year, 0, 1)).getTimezoneOffset() === 0 && new Date(Date.UTC(year, 6, 1)).getTimezoneOffset() === 0;
}
