/**
 * The monthly cost of a PROD stage for each workload profile: the prod templates
 * synthesized once (no bundles: only resources and settings are read), their fixed and
 * time-based items counted (fixed.ts), and the profiles' commands priced from this run's
 * per-command measurements (monthly.ts).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCdkContext } from '../../local/synth';
import type { CommandCost } from '../cost/phase';
import { loadPrices } from '../cost/pricing';
import { onCleanup } from '../lib/cleanup';
import type { ScaleGrading } from '../scale/phase';
import { countTemplates, type Template, type TemplateInventory } from './fixed';
import { monthlyCost, type AllPrices, type CommandPrice, type GradingPrice, type MonthlyCost } from './monthly';
import { PROFILES } from './profiles';

export const PRICED_STAGE = 'prod';

export interface MonthlyResult {
  stage: string;
  pricesAsOf: string;
  region: string;
  /** What the China (Ningxia) column would need, and why it is empty. */
  chinaPrices: string;
  inventory: TemplateInventory;
  commands: CommandPrice[];
  grading?: GradingPrice;
  profiles: MonthlyCost[];
}

export const CHINA_PRICES =
  'not priced: no npm package carries AWS price lists (the registry has API clients such as @aws-sdk/client-pricing, which need the network), node_modules holds none, and the China regions’ published CNY prices (amazonaws.cn) cannot be reached from this machine; a prices.cn-northwest-1.json of the same shape would price the same model';

/** The stage's templates, synthesized in this process into a temp dir without bundling. */
export async function prodTemplates(): Promise<Template[]> {
  const outdir = mkdtempSync(join(tmpdir(), `anxin-bench-${PRICED_STAGE}-`));
  const remove = onCleanup(`${PRICED_STAGE} templates`, () => rmSync(outdir, { recursive: true, force: true }));
  try {
    const [{ App }, { createAnxinApp }] = await Promise.all([import('aws-cdk-lib'), import('../../infra/anxin-app')]);
    const context = { ...readCdkContext(), stage: PRICED_STAGE, 'aws:cdk:bundling-stacks': [] };
    createAnxinApp(new App({ outdir, context, builtinCloudFormationValidation: false })).app.synth();
    return readdirSync(outdir)
      .filter((f) => f.startsWith(`Anxin-${PRICED_STAGE}-`) && f.endsWith('.template.json'))
      .map((f) => JSON.parse(readFileSync(join(outdir, f), 'utf8')) as Template);
  } finally {
    await remove();
  }
}

/** Per-command figures from the cost phase, without the pollers' empty receives (the fixed part counts a month of them). */
export function commandPrices(commands: CommandCost[], prices: AllPrices): CommandPrice[] {
  return commands
    .filter((c) => c.measured && c.perMillionUsd !== undefined && c.perCommand)
    .map((c) => {
      const line = (service: string) => (c.linesPerMillion ?? []).find((l) => l.service === service)?.quantity ?? 0;
      const emptyReceivesUsd = (c.perCommand!.sqsEmptyReceives / 1e6) * prices.sqs.perMillionRequests.standard;
      return {
        name: c.name,
        usd: Math.max(0, c.perMillionUsd! / 1e6 - emptyReceivesUsd),
        httpRequests: c.perCommand!.httpRequests,
        logBytes: line('CloudWatch Logs') / 1e6,
        events: line('EventBridge custom events') / 1e6,
        storedBytes: c.storedBytesPerCommand ?? 0,
      };
    });
}

export async function monthlyPhase(costCommands: CommandCost[] | undefined, grading: ScaleGrading | undefined): Promise<MonthlyResult> {
  const prices = loadPrices() as AllPrices;
  if (!prices.monthly) throw new Error('bench/prices.us-east-1.json has no "monthly" section');
  const inventory = countTemplates(await prodTemplates());
  const commands = commandPrices(costCommands ?? [], prices);
  const gradingPrice = grading ? { usdPerRun: grading.first.cost.totalUsd, workers: grading.workers } : undefined;
  return {
    stage: PRICED_STAGE,
    pricesAsOf: prices.asOf,
    region: prices.region,
    chinaPrices: CHINA_PRICES,
    inventory,
    commands,
    grading: gradingPrice,
    profiles: PROFILES.map((profile) => monthlyCost(inventory, profile, commands, prices, gradingPrice)),
  };
}
