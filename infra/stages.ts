/**
 * Stage names, physical names and the insurers of a stage: the part of the stage
 * configuration that needs no CDK types, so the local platform's seed can read it without
 * loading aws-cdk-lib (config.ts builds the full StageConfig on top of it).
 */
import { ID_PATTERNS } from '../shared/lib/ids';
import type { StageConfig } from './config';

export const STAGES = ['dev', 'prod'] as const;
export type Stage = (typeof STAGES)[number];

/** Prefix of a stage's deterministic physical names: `anxin-<stage>`. */
export function stagePrefix(stage: Stage): string {
  return `anxin-${stage}`;
}

/**
 * Bundles carry source maps (and functions run with --enable-source-maps) outside prod.
 * Here rather than in config.ts so the bundler can start before aws-cdk-lib is loaded.
 */
export function stageSourceMaps(stage: Stage): boolean {
  return stage !== 'prod';
}

export function isStage(value: unknown): value is Stage {
  return typeof value === 'string' && (STAGES as readonly string[]).includes(value);
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

/** `anxin-<stage>-<name>` — deterministic physical names (table, queues, topic, alarms). */
export function physicalName(config: Pick<StageConfig, 'prefix'>, name: string): string {
  return `${config.prefix}-${name}`;
}

/** The insurer's delivery queue and its DLQ: `anxin-<stage>-insurer-<name>`, `…-dlq`. */
export function insurerQueueNames(config: Pick<StageConfig, 'prefix'>, insurer: Pick<InsurerConfig, 'name'>): { queue: string; dlq: string } {
  const queue = physicalName(config, `insurer-${insurer.name}`);
  return { queue, dlq: `${queue}-dlq` };
}

