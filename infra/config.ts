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
import { ID_PATTERNS } from '../shared/lib/ids';
import { STANDARD_WEBHOOKS_RETRY_DELAYS_SECONDS, webhookAttempts, type WebhookSettings } from '../shared/webhooks/settings';

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
  /**
   * Insurers that receive claim events on their own SQS queue (issue 6): CDK context
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

/**
 * An insurer with its own delivery queue (`anxin-<stage>-insurer-<name>`), from CDK context:
 *
 *   "insurers": { "dev": [{ "name": "demo", "tenantId": "ten_…", "accountId": "111111111111" }], "prod": [] }
 *
 * - name: short kebab-case id used in physical names (queue, DLQ, rule, alarms); unique per stage.
 * - tenantId: the insurer's Anxin tenant (role insurer); events are routed on `anxininsurer` = this id.
 * - accountId: the insurer's AWS account, granted read (receive/delete) on its queue.
 * The context may also be given as a JSON string (`cdk deploy -c insurers='{"prod":[…]}'`).
 */
export interface InsurerConfig {
  readonly name: string;
  readonly tenantId: string;
  readonly accountId: string;
}

export { STANDARD_WEBHOOKS_RETRY_DELAYS_SECONDS, webhookAttempts, type WebhookSettings };

const INSURER_NAME = /^(?=.{2,24}$)[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const ACCOUNT_ID = /^\d{12}$/;

/**
 * Validates the `insurers` context for one stage. Throws with every problem found, naming
 * the entry, so a typo fails `cdk synth` instead of deploying a queue nobody can read.
 */
export function parseInsurers(context: unknown, stage: Stage): InsurerConfig[] {
  if (context === undefined || context === null) return [];
  let value: unknown = context;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      throw new Error('Invalid context insurers: not JSON');
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error('Invalid context insurers: expected an object per stage, e.g. {"dev": [...], "prod": []}');
  }
  const list = (value as Record<string, unknown>)[stage];
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new Error(`Invalid context insurers.${stage}: expected an array`);
  const problems: string[] = [];
  const insurers: InsurerConfig[] = [];
  list.forEach((entry: unknown, i) => {
    const at = `insurers.${stage}[${i}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push(`${at}: expected { name, tenantId, accountId }`);
      return;
    }
    const { name, tenantId, accountId, ...rest } = entry as Record<string, unknown>;
    const before = problems.length;
    if (typeof name !== 'string' || !INSURER_NAME.test(name)) problems.push(`${at}.name: expected 2-24 characters of kebab-case (a-z, 0-9, -), got ${JSON.stringify(name)}`);
    if (typeof tenantId !== 'string' || !ID_PATTERNS.tenant.test(tenantId)) problems.push(`${at}.tenantId: expected a tenant id (ten_ + 26 Crockford base32 characters), got ${JSON.stringify(tenantId)}`);
    if (typeof accountId !== 'string' || !ACCOUNT_ID.test(accountId)) problems.push(`${at}.accountId: expected a 12-digit AWS account id (a string), got ${JSON.stringify(accountId)}`);
    if (Object.keys(rest).length > 0) problems.push(`${at}: unknown field(s) ${Object.keys(rest).join(', ')}`);
    if (problems.length === before) insurers.push({ name: name as string, tenantId: tenantId as string, accountId: accountId as string });
  });
  for (const field of ['name', 'tenantId'] as const) {
    const seen = new Set<string>();
    for (const insurer of insurers) {
      if (seen.has(insurer[field])) problems.push(`insurers.${stage}: ${field} ${insurer[field]} appears twice`);
      seen.add(insurer[field]);
    }
  }
  if (problems.length > 0) throw new Error(`Invalid context insurers:\n  ${problems.join('\n  ')}`);
  return insurers;
}

export function isStage(value: unknown): value is Stage {
  return typeof value === 'string' && (STAGES as readonly string[]).includes(value);
}

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
    prefix: `anxin-${value}`,
    removalPolicy: isProd ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    logRetention: isProd ? RetentionDays.ONE_YEAR : RetentionDays.ONE_MONTH,
    logLevel: isProd ? 'INFO' : 'DEBUG',
    sourceMaps: !isProd,
    throttle: isProd ? { rateLimit: 200, burstLimit: 400 } : { rateLimit: 50, burstLimit: 100 },
    assignment: { allowYellow: true, requireCertificate: true },
    insurers: parseInsurers(context.insurers, value),
    webhooks: isProd
      ? { retryDelaysSeconds: STANDARD_WEBHOOKS_RETRY_DELAYS_SECONDS, attemptTimeoutSeconds: 15, allowLoopback: false }
      : { retryDelaysSeconds: [1, 2, 4, 8], attemptTimeoutSeconds: 3, allowLoopback: true },
  };
}

/** `anxin-<stage>-<name>` — deterministic physical names (table, queues, topic, alarms). */
export function physicalName(config: StageConfig, name: string): string {
  return `${config.prefix}-${name}`;
}

/** The insurer's delivery queue and its DLQ: `anxin-<stage>-insurer-<name>`, `…-dlq`. */
export function insurerQueueNames(config: StageConfig, insurer: Pick<InsurerConfig, 'name'>): { queue: string; dlq: string } {
  const queue = physicalName(config, `insurer-${insurer.name}`);
  return { queue, dlq: `${queue}-dlq` };
}

/** Stack names: `Anxin-<stage>-Stateful`, `Anxin-<stage>-Api`. */
export function stackName(config: StageConfig, kind: 'Stateful' | 'Api'): string {
  return `Anxin-${config.stage}-${kind}`;
}
