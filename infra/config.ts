/**
 * Stage configuration: the only place where dev and prod differ.
 *
 * The stage comes from CDK context (`cdk synth -c stage=prod`, default `dev` from cdk.json)
 * and is validated here; everything else in infra/ takes a StageConfig, never a raw string.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const STAGES = ['dev', 'prod'] as const;
export type Stage = (typeof STAGES)[number];

/** Business domains that own a FIFO queue (one message group per aggregate). */
export const DOMAINS = ['orders', 'training', 'claims'] as const;
export type Domain = (typeof DOMAINS)[number];

/** Repository root: NodejsFunction `projectRoot`; function entries are relative to it. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEPS_LOCK_FILE = path.join(REPO_ROOT, 'package-lock.json');

/**
 * Timeout of every SQS consumer function. The queue pair derives its visibility timeout
 * from it (6x, the AWS recommendation for Lambda event sources), so the two cannot drift.
 */
export const CONSUMER_TIMEOUT = Duration.seconds(30);
export const VISIBILITY_TIMEOUT_FACTOR = 6;

export interface StageConfig {
  readonly stage: Stage;
  readonly isProd: boolean;
  /** Prefix of deterministic physical names: `anxin-<stage>`. */
  readonly prefix: string;
  /** RETAIN in prod (data, keys, logs survive a stack deletion), DESTROY in dev. */
  readonly removalPolicy: RemovalPolicy;
  /**
   * Retention of function logs and API access logs. Prod keeps one year: China's
   * Cybersecurity Law (Art. 21) asks network operators to keep network logs for at least
   * six months, and a year covers a full annual audit cycle. Dev keeps one month.
   */
  readonly logRetention: RetentionDays;
  /** Powertools LOG_LEVEL. */
  readonly logLevel: 'DEBUG' | 'INFO';
  /** Source maps + NODE_OPTIONS=--enable-source-maps (outside prod only). */
  readonly sourceMaps: boolean;
  /** HTTP API default route throttling (requests per second / burst bucket). */
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  /**
   * Order assignment and the 安心服务证 (domain/certificate/assignment.ts), given to the
   * orders consumer as ALLOW_YELLOW_ASSIGNMENT / REQUIRE_CERTIFICATE_FOR_ASSIGNMENT.
   * Red is always refused. Both stages require a certificate and allow yellow (every light
   * is at best yellow until insurance exists, issue 6).
   */
  readonly assignment: { readonly allowYellow: boolean; readonly requireCertificate: boolean };
}

export function isStage(value: unknown): value is Stage {
  return typeof value === 'string' && (STAGES as readonly string[]).includes(value);
}

/** Validates a stage name (from context) and returns its configuration. */
export function stageConfig(value: unknown): StageConfig {
  if (!isStage(value)) {
    throw new Error(
      `Invalid stage ${JSON.stringify(value)}: expected one of ${STAGES.join(', ')} (cdk synth -c stage=<stage>)`,
    );
  }
  const isProd = value === 'prod';
  return {
    stage: value,
    isProd,
    prefix: `anxin-${value}`,
    removalPolicy: isProd ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    logRetention: isProd ? RetentionDays.ONE_YEAR : RetentionDays.ONE_MONTH,
    logLevel: isProd ? 'INFO' : 'DEBUG',
    sourceMaps: !isProd,
    throttle: isProd ? { rateLimit: 200, burstLimit: 400 } : { rateLimit: 50, burstLimit: 100 },
    assignment: { allowYellow: true, requireCertificate: true },
  };
}

/** `anxin-<stage>-<name>` — deterministic physical names (table, queues, topic, alarms). */
export function physicalName(config: StageConfig, name: string): string {
  return `${config.prefix}-${name}`;
}

/** Stack names: `Anxin-<stage>-Stateful`, `Anxin-<stage>-Api`. */
export function stackName(config: StageConfig, kind: 'Stateful' | 'Api'): string {
  return `Anxin-${config.stage}-${kind}`;
}
