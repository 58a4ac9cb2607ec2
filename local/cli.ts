/** `anxin start` / `npm start`: bring the whole platform up locally and keep it running. */
import { watch } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { JavaMissingError } from './dynamodb/launcher';
import { PortTakenError } from './ports';
import { DEFAULT_OPTIONS, startPlatform, type Platform } from './platform';
import { UnsupportedResourceError } from './template';
import { UnsupportedPolicyError } from './iam';
import { CHAOS_KEYS, ChaosSpecError } from './chaos';
import { prewarmSynthesis } from './synth';
import { insurerWalkthrough, walkthrough } from './walkthrough';
import { AppSynthError, cdkAppSynth } from './app-synth';

const stamp = () => new Date().toISOString().slice(11, 23);

/** Returns -1 while the platform keeps running (the process stays alive on its servers). */
export async function startCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      'sqs-port': { type: 'string' },
      'dynamodb-port': { type: 'string' },
      'kms-port': { type: 'string' },
      'events-port': { type: 'string' },
      'lambda-port': { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      watch: { type: 'boolean' },
      quiet: { type: 'boolean' },
      chaos: { type: 'string' },
      // The template's IAM is enforced unless this is given (docs/architecture.md "IAM on the local platform").
      'no-iam': { type: 'boolean' },
      // Another CDK app instead of Anxin: its own `cdk synth --app <command>`, run in --app-dir (local/app-synth.ts).
      app: { type: 'string' },
      'app-dir': { type: 'string' },
    },
  });
  if (values.app !== undefined && values.watch) {
    console.error('\nanxin start: --watch rebuilds Anxin\'s own functions; it does not apply to --app');
    return 2;
  }
  const appDir = resolve(values['app-dir'] ?? '.');
  const otherApp = values.app !== undefined ? { synth: cdkAppSynth(values.app, appDir), appDir, stage: '', seed: false } : {};
  const dataDir = resolve(values['data-dir'] ?? (values.app !== undefined ? resolve(appDir, '.anxin') : DEFAULT_OPTIONS.dataDir));
  const port = (value: string | undefined, fallback: number) => (value === undefined ? fallback : Number(value));
  const log = values.quiet ? () => undefined : (line: string) => console.log(`${stamp()} ${line}`);
  const started = Date.now();

  let platform: Platform;
  try {
    platform = await startPlatform({
      dataDir,
      host: values.host ?? DEFAULT_OPTIONS.host,
      port: port(values.port, DEFAULT_OPTIONS.port),
      sqsPort: port(values['sqs-port'], DEFAULT_OPTIONS.sqsPort),
      dynamodbPort: port(values['dynamodb-port'], DEFAULT_OPTIONS.dynamodbPort),
      kmsPort: port(values['kms-port'], DEFAULT_OPTIONS.kmsPort),
      eventsPort: port(values['events-port'], DEFAULT_OPTIONS.eventsPort),
      lambdaPort: port(values['lambda-port'], DEFAULT_OPTIONS.lambdaPort),
      log,
      iam: !values['no-iam'],
      ...(values.chaos !== undefined ? { chaos: values.chaos } : {}),
      ...otherApp,
    });
  } catch (error) {
    if (error instanceof ChaosSpecError) {
      console.error(`\nanxin start: ${error.message}\n  keys: ${Object.entries(CHAOS_KEYS).map(([k, what]) => `\n    ${k}  ${what}`).join('')}`);
      return 2;
    }
    if (
      error instanceof JavaMissingError ||
      error instanceof PortTakenError ||
      error instanceof UnsupportedResourceError ||
      error instanceof UnsupportedPolicyError ||
      error instanceof AppSynthError
    ) {
      console.error(`\nanxin start: ${error.message}`);
      return 1;
    }
    throw error;
  }

  if (values.app !== undefined) {
    const { functions, tables, queues, httpApis } = platform.topology;
    console.log(`
"${values.app}" is up in ${((Date.now() - started) / 1000).toFixed(1)} s — every stack of that CDK app, run locally (nothing seeded).
  IAM           ${values['no-iam'] ? 'not enforced (--no-iam)' : "the template's policies (--no-iam turns it off)"}
  HTTP APIs     ${httpApis.map((a) => `${platform.apiUrls[a.logicalId]}  (${a.logicalId})`).join('\n                ') || 'none'}
  functions     ${functions.map((f) => f.functionName).join(', ') || 'none'}
  tables        ${tables.map((t) => t.tableName).join(', ') || 'none'}  on ${platform.dynamodbEndpoint}
  queues        ${queues.map((q) => q.queueName).join(', ') || 'none'}  on ${platform.sqsEndpoint}
  Lambda        ${platform.lambdaEndpoint}  (Invoke, loopback only)
Ctrl-C stops the platform; data is kept in ${dataDir}.
`);
  } else printAnxinWelcome(platform, values, started);

  if (values.watch) {
    void prewarmSynthesis().catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    let running = Promise.resolve();
    const onChange = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        running = running.then(() =>
          platform.reloadFunctions().then(
            () => undefined,
            (error: Error) => log(`[watch] rebuild failed: ${error.message}`),
          ),
        );
      }, 300);
    };
    for (const dir of ['functions', 'shared']) watch(resolve(dir), { recursive: true }, onChange);
  }

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`[platform] ${signal}: stopping`);
    platform.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  return -1;
}

function printAnxinWelcome(platform: Platform, values: { 'data-dir'?: string; chaos?: string; 'no-iam'?: boolean; watch?: boolean }, started: number): void {
  const dataDir = values['data-dir'] ?? '.anxin';
  // The functions people invoke by hand are the scheduled jobs; their names carry hashes.
  const { functions, schedules } = platform.topology;
  const scheduledJobs = schedules.map((s) => functions.find((f) => f.logicalId === s.functionLogicalId)?.functionName).filter(Boolean);
  console.log(`
Anxin is up in ${((Date.now() - started) / 1000).toFixed(1)} s — the topology of the CDK app (stage dev), run locally.${platform.chaos ? `\n  CHAOS MODE    seed ${platform.chaos.spec.seed} (--chaos ${values.chaos}); faults are injected on purpose` : ''}
  IAM           ${values['no-iam'] ? 'not enforced (--no-iam)' : "the template's policies, on every call a function makes (--no-iam turns it off)"}
  HTTP API      ${platform.apiUrl}
  SQS endpoint  ${platform.sqsEndpoint}
  DynamoDB      ${platform.dynamodbEndpoint}  (table ${platform.topology.tables.map((t) => t.tableName).join(', ')})
  KMS           ${platform.kmsEndpoint}  (${platform.topology.keys.length} keys)
  EventBridge   ${platform.eventsEndpoint}  (buses ${['default', ...platform.topology.eventBuses.map((b) => b.name)].join(', ')}; recent events: ${platform.eventsEndpoint}/_anxin/events)
  Lambda        ${platform.lambdaEndpoint}  (Invoke, loopback only; scheduled jobs: ${scheduledJobs.join(', ') || 'none'})
  admin key     ${platform.keys.admin}
  enterprise    ${platform.keys.enterprise}${platform.insurers.map((i) => `\n  insurer       ${i.apiKey}  (${i.name}, ${i.tenantId})`).join('')}
  (the same facts are in ${dataDir}/local.json)

Try it:

${walkthrough(platform.apiUrl, platform.keys.enterprise)}
${platform.insurers.length > 0 ? `\n${insurerWalkthrough(platform.apiUrl, platform.sqsEndpoint, platform.insurers)}\n` : ''}
Ctrl-C stops the platform; data is kept in ${dataDir}/.${values.watch ? ' Watching functions/ and shared/ for changes.' : ''}
`);
}
