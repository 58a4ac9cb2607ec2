/**
 * `npm run bench` (full, 13–17 minutes on this 2-core machine) or `npm run bench -- --quick`
 * (under 3 minutes): cold starts, throughput/latency, cost per million, and reads at scale.
 * Prints a table and writes bench/results/latest.json and latest.md (gitignored).
 * `--only=cold,throughput,cost,scale,monthly` runs a subset (for working on one phase);
 * `--workers=N` seeds N workers for the scale phase's credit grading instead of the plan's.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { coldStartPhase } from './cold-start/phase';
import { costPhase } from './cost/phase';
import { synthesizeOnce } from './lib/assembly';
import { cleanupAll } from './lib/cleanup';
import { machineStamp } from './lib/machine';
import { monthlyPhase } from './monthly/phase';
import { DATA_ROOT } from './lib/platform';
import { step } from './lib/progress';
import { renderMarkdown, renderText } from './report/render';
import type { BenchResults } from './report/results';
import { scalePhase } from './scale/phase';
import { throughputPhase, type LambdaSample } from './throughput/phase';

// The AWS SDK warns on every client that Node 20 is old; Lambda runs Node 22 (the bench's own clients only talk to local endpoints).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** The throughput phase posts order creates: its Lambda sample stands in for the metered create's. */
const CREATE_COMMAND = 'order create';

const PLANS = {
  // Every phase end to end with small samples, within three minutes on this 2-core machine (a
  // check that the bench works; its figures are rough). The README's figures come from `full`.
  // Measured 2026-12-07 on a fresh clone with the samples before these (10 cold runs, 20
  // commands of each kind, 100 + 50 reads per measure): 283 s, 158 of them the scale phase.
  quick: {
    coldRuns: 5,
    /** One function per distinct set of SDK clients (the largest bundle of each): a sample, said in the notes. */
    coldPerFloor: 1 as number | undefined,
    levels: [
      { concurrency: 1, orders: 20 },
      { concurrency: 8, orders: 64 },
      { concurrency: 32, orders: 96 },
    ],
    cost: { count: 10, concurrency: 8 },
    // Grading timed on the metered platform only: the unmetered twin runs cost ~20 s.
    scale: { sizes: [1_000, 10_000] as [number, number], requests: 40, warmUp: 10, seedConcurrency: 4, gradingWorkers: 1_000, timedGrading: false },
  },
  full: {
    coldRuns: 21,
    coldPerFloor: undefined as number | undefined,
    levels: [
      { concurrency: 1, orders: 200 },
      { concurrency: 8, orders: 1_200 },
      { concurrency: 32, orders: 2_000 },
    ],
    cost: { count: 1_000, concurrency: 8 },
    scale: { sizes: [10_000, 400_000] as [number, number], requests: 300, warmUp: 300, seedConcurrency: 4, gradingWorkers: 26_000, timedGrading: true },
  },
};

const NOTES = [
  'Cold start: import time of index.mjs in a fresh `node` process with the function’s Lambda environment from the template (module-level init included, Node’s own start-up excluded). Dev-stage bundles, as `cdk synth` and `npm start` build them (source maps + NODE_OPTIONS=--enable-source-maps; the floor is built and run the same way). Floor clients come from the template: TABLE_NAME or dynamodb:* → DynamoDB DocumentClient; *_QUEUE_URL or sqs:SendMessage → SQS; a KMS key variable or kms:Encrypt/Decrypt/GenerateDataKey → KMS; an event bus variable or events:PutEvents → EventBridge.',
  'Throughput runs on an unmetered platform (metering adds a proxy hop and side reads); cost runs on a metered one. Local limits apply: at most 4 execution environments per function, 5 concurrent consumer batches (the mapping’s MaximumConcurrency), and everything — DynamoDB Local’s JVM, the platform, the load generator — shares this machine’s cores with other work.',
  `Platform data (DynamoDB Local’s file, the SQS journal) lives in ${DATA_ROOT}.`,
  'Cost: request counts (HTTP API, SQS, EventBridge, KMS), durations and item sizes are measured; DynamoDB capacity is computed from item sizes by AWS’s rules (DynamoDB Local under-reports transactions); Lambda duration is the local worker’s handler time on this machine at the template’s memory (Lambda’s CPU share at 256 MB is smaller, so real durations may be longer); Lambda’s own START/END/REPORT/XRAY lines and the API access-log lines are modelled from AWS’s formats and the stage’s access-log format; CloudWatch GB = 1024³ bytes. Not included: the INIT phase of cold starts (billed by Lambda since August 2025; cold starts are counted per function), X-Ray traces ($5 per million recorded: the default sampling rule records the first request each second and 5% of the rest, so between ~$0.25 and ~$10 per million creates depending on traffic), KMS key-months, data transfer, storage, free tiers.',
];

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const mode = args.includes('--quick') ? 'quick' : 'full';
  const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
  const workers = args.find((a) => a.startsWith('--workers='))?.slice('--workers='.length);
  const wants = (phase: string) => !only || only.includes(phase);
  const plan = PLANS[mode];
  const started = Date.now();
  const results: BenchResults = { mode, stamp: machineStamp(), wallSeconds: 0, phaseSeconds: {}, notes: NOTES };
  const timed = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const t = Date.now();
    step(`${name}…`);
    try {
      return await run();
    } finally {
      results.phaseSeconds[name] = (Date.now() - t) / 1000;
    }
  };

  const assembly = await timed('synth', async () => synthesizeOnce());
  if (wants('cold')) {
    results.coldStart = await timed('cold start', () => coldStartPhase(assembly, plan.coldRuns, plan.coldPerFloor));
    if (plan.coldPerFloor !== undefined) {
      results.notes = [
        ...results.notes,
        `Quick run: cold start measured for ${results.coldStart.length} of ${assembly.topology.functions.length} functions (the largest bundle per set of SDK clients); the full run measures every function.`,
      ];
    }
  }
  let lambdaSample: LambdaSample | undefined;
  if (wants('throughput')) {
    const throughput = await timed('throughput', () => throughputPhase(assembly, plan.levels));
    results.throughput = throughput.rows;
    lambdaSample = throughput.lambda.find((l) => l.concurrency === plan.cost.concurrency);
  }
  if (wants('cost')) {
    const lambdaFrom = lambdaSample ? { [CREATE_COMMAND]: lambdaSample } : undefined;
    const cost = await timed('cost', () => costPhase(assembly, { ...plan.cost, lambdaFrom }));
    results.cost = { pricesAsOf: cost.prices.asOf, region: cost.prices.region, commands: cost.commands, ...plan.cost };
  }
  if (wants('scale')) {
    const scale = workers === undefined ? plan.scale : { ...plan.scale, gradingWorkers: Number(workers) };
    if (!Number.isInteger(scale.gradingWorkers) || scale.gradingWorkers < 0) throw new Error(`--workers=${workers}: a whole number of workers, please`);
    results.scale = await timed('scale', () => scalePhase(assembly, scale));
  }
  // The monthly cost of a prod stage: its fixed items from the prod templates, its commands priced from this run's cost phase.
  if (wants('monthly')) {
    results.monthly = await timed('monthly', () => monthlyPhase(results.cost?.commands, results.scale?.grading));
  }
  results.wallSeconds = (Date.now() - started) / 1000;

  const dir = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}latest.json`, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(`${dir}latest.md`, renderMarkdown(results));
  process.stdout.write(`\n${renderText(results)}\n\nWritten: bench/results/latest.json, bench/results/latest.md\n`);
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`\nbench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => cleanupAll());
