/**
 * Stage configuration: the only place where dev and prod differ.
 *
 * The stage comes from CDK context (`cdk synth -c stage=prod`, default `dev` from cdk.json)
 * and is validated here; everything else in infra/ takes a StageConfig, never a raw string.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { STAGES, isStage, parseInsurers, stagePrefix, stageSourceMaps, type InsurerConfig, type Stage } from './stages';
import { STANDARD_WEBHOOKS_RETRY_DELAYS_SECONDS, webhookAttempts, type WebhookSettings } from '../shared/webhooks/settings';

export { STAGES, isStage, stagePrefix, stageSourceMaps, parseInsurers, physicalName, insurerQueueNames, type Stage, type InsurerConfig } from './stages';

/** Business domains that own a FIFO queue (one message group per aggregate). */
export const DOMAINS = ['orders', 'training', 'claims'] as const;
export type Domain = (typeof DOMAINS)[number];

export { REPO_ROOT } from './repo-root';

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
   * Red is always refused. Both stages require a certificate and allow yellow: a lapsed
   * health check or missing insurance is the enterprise's to fix, not a safety finding
   * (docs/domain.md "Assignment and the certificate").
   */
  readonly assignment: { readonly allowYellow: boolean; readonly requireCertificate: boolean };
  /**
   * Insurers that receive claim events on their own SQS queue: CDK context
   * `insurers`, per stage (see {@link parseInsurers}). Empty when the context names none.
   */
  readonly insurers: readonly InsurerConfig[];
  /**
   * Webhook delivery to insurers (Standard Webhooks; shared/webhooks/settings.ts). Prod
   * retries on the schedule the specification recommends (8 attempts over ~28 h, 15 s per
   * attempt) and refuses loopback receivers; dev retries after 1, 2, 4, 8 s (5 attempts,
   * 3 s each) and allows http://127.0.0.1 / localhost, so failures show within seconds.
   */
  readonly webhooks: WebhookSettings;
}

export { STANDARD_WEBHOOKS_RETRY_DELAYS_SECONDS, webhookAttempts, type WebhookSettings };

export interface StageContext {
  /** CDK context `insurers` (all stages); validated for this stage by {@link parseInsurers}. */
  readonly insurers?: unknown;
}

/** Validates a stage name (from context) and returns its configuration. */
export function stageConfig(value: unknown, context: StageContext = {}): StageConfig {
  if (!isStage(value)) {
    throw new Error(
      `Invalid stage ${JSON.stringify(value)}: expected one of ${STAGES.join(', ')} (cdk synth -c stage=<stage>)`,
    );
  }
  const isProd = value === 'prod';
  return {
    stage: value,
    isProd,
    prefix: stagePrefix(value),
    removalPolicy: isProd ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    logRetention: isProd ? RetentionDays.ONE_YEAR : RetentionDays.ONE_MONTH,
    logLevel: isProd ? 'INFO' : 'DEBUG',
    sourceMaps: stageSourceMaps(value),
    throttle: isProd ? { rateLimit: 200, burstLimit: 400 } : { rateLimit: 50, burstLimit: 100 },
    assignment: { allowYellow: true, requireCertificate: true },
    insurers: parseInsurers(context.insurers, value),
    webhooks: isProd
      ? { retryDelaysSeconds: STANDARD_WEBHOOKS_RETRY_DELAYS_SECONDS, attemptTimeoutSeconds: 15, allowLoopback: false }
      : { retryDelaysSeconds: [1, 2, 4, 8], attemptTimeoutSeconds: 3, allowLoopback: true },
  };
}

/** Stack names: `Anxin-<stage>-Stateful`, `Anxin-<stage>-Api`, `Anxin-<stage>-Programme`. */
export function stackName(config: StageConfig, kind: 'Stateful' | 'Api' | 'Programme'): string {
  return `Anxin-${config.stage}-${kind}`;
}
