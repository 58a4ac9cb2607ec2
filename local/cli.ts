/**
 * `anxin start` / `npm start`: bring the whole platform up locally and keep it running.
 *
 * DynamoDB Local starts first, before this command loads the platform's modules: its JVM's
 * ~2 s boot was the longest step of a restart, and it now overlaps the ~0.7 s those modules
 * take to load. Hence the light imports here and the platform's imported below.
 */
import { watch } from 'node:fs';
import { resolve } from 'node:path';
import { JavaMissingError } from './dynamodb/launcher';
import { startOwnDynamoDbLocal } from './dynamodb/own-dynamodb-local';
import { assertPlatformPortsFree, PortTakenError } from './ports';
import { parseStartArgs, startSettings, type StartValues } from './start-args';
import { insurerWalkthrough, walkthrough } from './walkthrough';
import type { Platform } from './platform';

const stamp = () => new Date().toISOString().slice(11, 23);

/** Returns -1 while the platform keeps running (the process stays alive on its servers). */
export async function startCommand(argv: string[]): Promise<number> {
  const values = parseStartArgs(argv);
  if (values.app !== undefined && values.watch) {
    console.error('\nanxin start: --watch rebuilds Anxin\'s own functions; it does not apply to --app');
    return 2;
  }
  const settings = startSettings(values);
  // The app's folder matters to the platform only for another app (otherApp, below).
  const { appDir, ...where } = settings;
  const log = values.quiet ? () => undefined : (line: string) => console.log(`${stamp()} ${line}`);
  const started = Date.now();

  // The endpoints' ports first, as the platform checks them before its JVM: a platform
  // already running on them may use this data folder, and its JVM must not be taken for one
  // a killed start left behind. A failure (a port taken, no Java) is reported where the
  // platform fails on it or awaits the JVM.
  const ownDynamoDbLocal = assertPlatformPortsFree(settings).then(() =>
    startOwnDynamoDbLocal({ dataDir: settings.dataDir, host: settings.host, port: settings.dynamodbPort, log }),
  );
  ownDynamoDbLocal.catch(() => undefined);
  const [{ startPlatform }, { cdkAppSynth, AppSynthError }, { ChaosSpecError, CHAOS_KEYS }, { UnsupportedResourceError }, { UnsupportedPolicyError }] = await Promise.all([
    import('./platform'),
    import('./app-synth'),
    import('./chaos'),
    import('./template'),
    import('./iam'),
  ]);
  const otherApp = values.app !== undefined ? { synth: cdkAppSynth(values.app, appDir), appDir, stage: '', seed: false } : {};

  let platform: Platform;
  try {
    platform = await startPlatform({
      ...where,
      ownDynamoDbLocal,
      log,
      iam: !values['no-iam'],
      ...(values.chaos !== undefined ? { chaos: values.chaos } : {}),
      ...otherApp,
    });
  } catch (error) {
    // Started here, so stopped here too when the platform never took it over.
    await ownDynamoDbLocal.then((ddb) => ddb.stop(), () => undefined);
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
Ctrl-C stops the platform; data is kept in ${settings.dataDir}.
`);
  } else printAnxinWelcome(platform, values, started);

  if (values.watch) {
    void import('./synth').then(({ prewarmSynthesis }) => prewarmSynthesis()).catch(() => undefined);
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

function printAnxinWelcome(platform: Platform, values: StartValues, started: number): void {
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
