/**
 * The local deployment environment that intrinsics resolve against, and the naming rules
 * that stand in for the names CloudFormation would generate.
 */
import { createHash } from 'node:crypto';

export interface LocalEnv {
  region: string;
  accountId: string;
  /** `aws`, `aws-cn` or `aws-us-gov`, derived from the region like AWS does. */
  partition: string;
  /** `amazonaws.com`, or `amazonaws.com.cn` in the China partition (AWS::URLSuffix). */
  urlSuffix: string;
  /** Base URL of the local SQS endpoint; queue URLs are `<endpoint>/<account>/<name>`. */
  sqsEndpoint: string;
  /** Base URL of the local HTTP API front end, when known (Api.ApiEndpoint). */
  httpApiEndpoint?: string;
}

export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

export function createLocalEnv(opts: {
  region: string;
  accountId: string;
  sqsEndpoint: string;
  httpApiEndpoint?: string;
}): LocalEnv {
  const partition = partitionOf(opts.region);
  return {
    region: opts.region,
    accountId: opts.accountId,
    partition,
    urlSuffix: partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com',
    sqsEndpoint: opts.sqsEndpoint.replace(/\/+$/, ''),
    httpApiEndpoint: opts.httpApiEndpoint?.replace(/\/+$/, ''),
  };
}

/**
 * The name CloudFormation would generate, minus its random suffix: `<stack>-<logicalId>`,
 * truncated to the service's limit. Keeping it deterministic lets the local platform
 * restart onto the same tables and queues.
 */
export function generatedName(stackName: string, logicalId: string, maxLength: number, suffix = ''): string {
  const base = `${stackName}-${logicalId}`;
  return base.slice(0, maxLength - suffix.length) + suffix;
}

/**
 * A deterministic lower-case alphanumeric id standing in for ids AWS assigns (API ids,
 * integration ids, key ids...). Stable across restarts because it hashes stack + logical id.
 */
export function localId(stackName: string, logicalId: string, length = 10): string {
  const digest = createHash('sha256').update(`${stackName}/${logicalId}`).digest();
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[digest[i % digest.length]! % alphabet.length];
  return out;
}

/** A deterministic UUID-shaped id (KMS key ids, event-source-mapping UUIDs). */
export function localUuid(stackName: string, logicalId: string): string {
  const hex = createHash('sha256').update(`uuid:${stackName}/${logicalId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function arn(env: LocalEnv, service: string, resource: string, regional = true): string {
  return `arn:${env.partition}:${service}:${regional ? env.region : ''}:${env.accountId}:${resource}`;
}

export function queueUrl(env: LocalEnv, queueName: string): string {
  return `${env.sqsEndpoint}/${env.accountId}/${queueName}`;
}
