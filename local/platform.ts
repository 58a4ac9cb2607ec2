/**
 * The local platform: runs the topology the CDK app synthesizes, on one machine.
 *
 *   cdk.out ──readTopology──► tables → DynamoDB Local      queues → local SQS endpoint
 *                             KMS keys → local KMS endpoint (local/kms)
 *                             event buses + pattern rules → local EventBridge endpoint (local/eventbridge)
 *                             functions → also the Lambda Invoke endpoint (local/lambda-api)
 *                             functions → worker threads   event-source mappings → pollers
 *                             HTTP API routes + authorizer  schedules → timers
 *
 * Nothing here names a table, queue, route or function of Anxin: all of it comes from the
 * template, so the local platform cannot drift from what `cdk deploy` creates.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { linkOrCopyTree } from './assembly-files';
import { basename, join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDbLocal } from './dynamodb/launcher';
import { startOwnDynamoDbLocal } from './dynamodb/own-dynamodb-local';
import { assertMappingMayPoll } from './esm/role-check';
import { createAsyncInvoker } from './lambda/async-invoke';
import { provideRuntimeSdk, RUNTIME_MODULES } from './lambda/runtime-sdk';
import { ensureTable } from './dynamodb/create-tables';
import { iamGuard, startDynamoDbFront } from './dynamodb/front';
import { intoDatabase, startDatabaseProxy, type SharedDynamoDb } from './dynamodb/database-proxy';
import { createEnforcer, functionCredentials, type Enforcer } from './iam';
import { startEventSourceMapping } from './esm';
import { startHttpApi, type RunningHttpApi } from './http-api';
import { FunctionHost, type FunctionStats, type InvokeOptions, type InvokeResult } from './lambda';
import { createChaos, describeChaos, parseChaosSpec, type ChaosReport, type ChaosSpec } from './chaos';
import { startLambdaApi, type LambdaApi } from './lambda-api';
import { assertPlatformPortsFree, LAMBDA_HOST } from './ports';
import { startSchedules } from './schedules';
import { seedDemoTenants, type DemoKeys, type LocalInsurer } from './seed';
import { createPlatformSinks, startEventBridgeServer, type EventBridgeServer } from './eventbridge';
import { startKmsServer, type KmsServer } from './kms';
import { startSqsServer, type SqsServer } from './sqs';
import { stageBundles } from '../infra/bundling/stage-bundles';
import { synthesize } from './synth';
import { LOCAL_DEFAULTS } from './start-args';
import { readTopology } from './template';
import type { LocalFunction, LocalHttpApi, LocalQueue, Topology } from './topology';

export interface PlatformOptions {
  /** Where data, the synthesized app and local.json live (default .anxin). */
  dataDir: string;
  host: string;
  /** HTTP API port (0 = any free port). */
  port: number;
  sqsPort: number;
  dynamodbPort: number;
  /** Local KMS endpoint port (personal-data keys of the template; 0 = any free port). */
  kmsPort: number;
  /** Local EventBridge endpoint port (the template's buses and event-pattern rules; 0 = any free port). */
  eventsPort: number;
  /** Local Lambda Invoke endpoint port (always on loopback; 0 = any free port). */
  lambdaPort: number;
  stage: string;
  region: string;
  accountId: string;
  /** Seed the demo tenants and keys when they do not exist yet. */
  seed: boolean;
  log: (line: string) => void;
  /**
   * Writes the cloud assembly to run into `outdir` (an empty folder). Default: the Anxin CDK
   * app for `stage`, reusing the assembly already there when nothing changed (local/synth.ts).
   * Tests pass a small fixture app to exercise platform semantics with short timeouts. A
   * callback that synthesizes a CDK app in this process calls AssetStaging.clearAssetHashCache()
   * first: CDK caches staged assets per process by source hash, so a second synthesis (watch
   * mode, a restart) into a fresh outdir would otherwise point at bundles of an outdir that
   * no longer exists.
   */
  synth?: (outdir: string) => void | Promise<void>;
  /**
   * Another app's folder (`anxin start --app-dir`): the AWS SDK packages its functions leave
   * unbundled are taken from its node_modules (and its parents') before Anxin's, as Node
   * would resolve them from the app (local/lambda/runtime-sdk.ts).
   */
  appDir?: string;
  /** Optional metering hooks (the bench, local/metering/); absent = no effect at all. */
  meter?: PlatformMeter;
  /**
   * Enforce the template's IAM (local/iam): each function calls with its own credentials,
   * and the SQS, KMS and EventBridge endpoints and a front in front of DynamoDB Local refuse
   * what its role does not allow, with AWS's AccessDeniedException.
   */
  iam?: boolean;
  /**
   * Chaos mode (local/chaos/): a spec such as `consumer-error=0.2,throttle=0.1,duplicate=1`
   * or one already parsed. Absent = no fault injected and nothing extra started.
   */
  chaos?: string | ChaosSpec;
  /**
   * Keep the tables in a database of an already running DynamoDB Local instead of starting
   * a JVM of its own (local/dynamodb/database-proxy.ts); `dynamodbPort` is then unused.
   */
  dynamodb?: SharedDynamoDb;
  /**
   * The platform's own DynamoDB Local, already starting (`anxin start` starts it before it
   * loads this module, local/cli.ts); the platform stops it with itself. Absent, the platform
   * starts one (in `dataDir`, on `dynamodbPort`) unless `dynamodb` is given.
   */
  ownDynamoDbLocal?: Promise<DynamoDbLocal>;
  /**
   * Most execution environments of one function at once (fewer when the template reserves
   * fewer); default 4. Lambda would start one per concurrent request: locally each costs a
   * worker thread and a cold start.
   */
  lambdaConcurrency?: number;
}

/**
 * What a meter may observe. The platform calls these hooks and nothing else; it does not
 * know what is done with them.
 */
export interface PlatformMeter {
  /** The endpoint functions and pollers should use instead of `endpoint` (e.g. a metering proxy in front of it). */
  endpointFor?(service: 'dynamodb' | 'sqs' | 'kms' | 'eventbridge', endpoint: string): Promise<string>;
  /** After every invocation of a function, by any caller. */
  onInvoke?(fn: LocalFunction, result: InvokeResult): void;
  /** Every line a function's host logs (prefixed with the function name, as in the platform log). */
  onFunctionLog?(fn: LocalFunction, line: string): void;
}

export interface Platform {
  /** The first HTTP API's URL ('' when the template has none). */
  apiUrl: string;
  /** Every HTTP API's URL, by the API's logical id. */
  apiUrls: Record<string, string>;
  sqsEndpoint: string;
  dynamodbEndpoint: string;
  /** Where the functions reach DynamoDB: the IAM front (local/dynamodb/front.ts) when enforcing, else dynamodbEndpoint. */
  functionsDynamodbEndpoint: string;
  kmsEndpoint: string;
  /** Local EventBridge endpoint (AWS_ENDPOINT_URL_EVENTBRIDGE of the functions). */
  eventsEndpoint: string;
  /** Local Lambda endpoint, Invoke only (AWS_ENDPOINT_URL_LAMBDA of the functions). */
  lambdaEndpoint: string;
  topology: Topology;
  keys: DemoKeys;
  /** The stage's insurers (cdk.json `insurers`) with their demo keys and local queue URLs (seeded). */
  insurers: LocalInsurer[];
  /** Re-synthesizes the app and swaps in functions whose bundle changed (watch mode). */
  reloadFunctions(): Promise<string[]>;
  /** Invokes a function of the template directly (as `aws lambda invoke` would). */
  invoke(logicalId: string, event: unknown): Promise<InvokeResult>;
  /** A function's execution environments as they are now. */
  functionStats(logicalId: string): FunctionStats;
  /** Present in chaos mode: the spec it runs and what it injected so far. */
  chaos?: { spec: ChaosSpec; report(): ChaosReport };
  stop(): Promise<void>;
}

export const DEFAULT_OPTIONS: PlatformOptions = {
  ...LOCAL_DEFAULTS,
  stage: 'dev',
  region: 'us-east-1',
  accountId: '000000000000',
  seed: true,
  log: (line) => console.log(line),
};


/**
 * Copies each function's bundle out of cdk.out into `<dataDir>/bundles/<asset hash>` (hard
 * links: bundles never change in place, see assembly-files.ts) and
 * points the function there, so that a later synth (watch mode) can replace cdk.out while
 * warm functions keep their code, and an unchanged function keeps the very same path.
 * Bundles are content-addressed: one already there is kept (a restart copies nothing), and
 * bundles no function uses any more are removed.
 */
function keepBundles(topology: Topology, bundlesDir: string, keep: Set<string> = new Set([RUNTIME_MODULES])): Topology {
  mkdirSync(bundlesDir, { recursive: true });
  for (const fn of topology.functions) {
    const name = basename(fn.bundleDir);
    const target = join(bundlesDir, name);
    if (!existsSync(target)) {
      linkOrCopyTree(fn.bundleDir, `${target}.partial`);
      renameSync(`${target}.partial`, target);
    }
    fn.bundleDir = target;
    keep.add(name);
  }
  for (const name of readdirSync(bundlesDir)) if (!keep.has(name)) rmSync(join(bundlesDir, name), { recursive: true, force: true });
  return topology;
}

/** Queues whose RedrivePolicy points at another queue must be created after it. */
function dlqFirst(queues: LocalQueue[]): LocalQueue[] {
  const targets = new Set(queues.map((q) => q.redrive?.deadLetterTargetArn).filter(Boolean));
  return [...queues.filter((q) => targets.has(q.arn)), ...queues.filter((q) => !targets.has(q.arn))];
}

function queueAttributes(q: LocalQueue): Record<string, string> {
  return {
    ...(q.fifo ? { FifoQueue: 'true', ContentBasedDeduplication: String(q.contentBasedDeduplication) } : {}),
    VisibilityTimeout: String(q.visibilityTimeoutSeconds),
    MessageRetentionPeriod: String(q.messageRetentionSeconds),
    DelaySeconds: String(q.delaySeconds),
    ReceiveMessageWaitTimeSeconds: String(q.receiveWaitTimeSeconds),
    ...(q.redrive
      ? { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: q.redrive.deadLetterTargetArn, maxReceiveCount: q.redrive.maxReceiveCount }) }
      : {}),
  };
}

export async function startPlatform(options: Partial<PlatformOptions> = {}): Promise<Platform> {
  const opts: PlatformOptions = { ...DEFAULT_OPTIONS, ...options };
  const { log } = opts;
  // Parsed first, so a wrong spec stops the start before anything runs.
  const chaosSpec = typeof opts.chaos === 'string' ? parseChaosSpec(opts.chaos) : opts.chaos;
  const cdkOut = join(opts.dataDir, 'cdk.out');
  /** Writes (or keeps) the assembly in cdk.out; says what it did. */
  const synth = async (): Promise<string> => {
    if (!opts.synth) {
      const result = await synthesize(cdkOut, opts.stage, log);
      return result.reused
        ? `[platform] the CDK app (stage ${opts.stage}) is unchanged: reused its assembly, no function re-bundled (${result.ms} ms)`
        : `[platform] synthesized the CDK app (stage ${opts.stage}) in ${result.ms} ms`;
    }
    const started = Date.now();
    rmSync(cdkOut, { recursive: true, force: true });
    // Not loading aws-cdk-lib here: most callbacks copy an assembly and never need it (~1 s
    // of CPU per start). One that synthesizes in this process clears CDK's asset cache itself.
    await opts.synth(cdkOut);
    return `[platform] synthesized the app in ${Date.now() - started} ms`;
  };
  const bundlesDir = join(opts.dataDir, 'bundles');
  mkdirSync(opts.dataDir, { recursive: true });
  // The SDK packages functions may leave unbundled, as Lambda's runtime provides them.
  const runtimeSdk = provideRuntimeSdk(bundlesDir, opts.appDir);

  await assertPlatformPortsFree(opts);

  const cleanups: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup().catch((error: Error) => log(`[platform] while stopping: ${error.message}`));
    }
  };
  const chaos = chaosSpec ? createChaos(chaosSpec) : undefined;
  if (chaos) {
    log(describeChaos(chaos.spec));
    cleanups.push(() => chaos.close());
  }

  // Started before the synthesis and awaited after it: the JVM boots while the app is
  // synthesized (or its assembly checked), instead of one after the other.
  let ddbStarting: Promise<{ endpoint: string }> | undefined;
  // DynamoDB Local of its own (local/dynamodb/own-dynamodb-local.ts), stopped last.
  const takeOver = async (starting: Promise<DynamoDbLocal>): Promise<DynamoDbLocal> => {
    const started = await starting;
    cleanups.push(() => started.stop());
    return started;
  };
  // Or this platform's own database in a DynamoDB Local shared with others (the tests').
  const ownDatabaseIn = async (shared: SharedDynamoDb): Promise<{ endpoint: string }> => {
    const proxy = await startDatabaseProxy({ ...shared, host: opts.host });
    cleanups.push(() => proxy.close());
    return proxy;
  };
  try {
    ddbStarting = opts.dynamodb
      ? ownDatabaseIn(opts.dynamodb)
      : takeOver(opts.ownDynamoDbLocal ?? startOwnDynamoDbLocal({ dataDir: opts.dataDir, host: opts.host, port: opts.dynamodbPort, log }));
    // Its failure (a port taken, no Java) is thrown by the await below, after the synthesis.
    ddbStarting.catch(() => undefined);
    log(await synth());
    const ddb = await ddbStarting;

    // The template's IAM (local/iam), compiled once the topology is read and again on each
    // reload; the endpoints started before that ask it through this gate.
    let enforcer: Enforcer | undefined;
    const iamOptions = { onRefusal: (message: string) => log(`[iam] AccessDeniedException: ${message}`) };
    const iam: Enforcer | undefined = opts.iam
      ? {
          callerOf: (auth) => enforcer?.callerOf(auth),
          check: (auth, action, resource, context) => enforcer?.check(auth, action, resource, context),
          checkFunction: (fnId, action, resource, context) => enforcer?.checkFunction(fnId, action, resource, context),
          checkService: (service, action, resource, sourceArn) => enforcer?.checkService(service, action, resource, sourceArn),
        }
      : undefined;

    // AWS services reach the app's functions and queues only where those resources' policies
    // let them (AWS::Lambda::Permission, queue policies): API Gateway, EventBridge rules and
    // schedules. Looked up at call time, so a watch-mode reload is picked up.
    const serviceRefusal = (service: string, action: string, resourceArn: string | undefined, sourceArn: string): string | undefined =>
      iam && resourceArn ? iam.checkService(service, action, resourceArn, sourceArn)?.message : undefined;
    const functionArn = (logicalId: string) => topology.functions.find((f) => f.logicalId === logicalId)?.arn;
    const queueArn = (logicalId: string) => topology.queues.find((q) => q.logicalId === logicalId)?.arn;

    const sqs: SqsServer = await startSqsServer({
      host: opts.host,
      port: opts.sqsPort,
      dataDir: join(opts.dataDir, 'sqs'),
      region: opts.region,
      accountId: opts.accountId,
      log: (line) => log(`[sqs] ${line}`),
      ...(iam ? { iam } : {}),
    });
    cleanups.push(() => sqs.close());

    // Functions and pollers reach DynamoDB and SQS (and below, KMS and EventBridge) through the meter's endpoints when one is given.
    const { meter } = opts;
    const sqsEndpoint = (await meter?.endpointFor?.('sqs', sqs.endpoint)) ?? sqs.endpoint;
    const meteredDdbEndpoint = (await meter?.endpointFor?.('dynamodb', ddb.endpoint)) ?? ddb.endpoint;
    // With IAM or chaos throttling, functions reach DynamoDB through one front whose guards
    // may refuse a call (local/dynamodb/front.ts): IAM first, as AWS authorizes before it
    // throttles; in front of the meter, as AWS bills neither a refused nor a throttled call.
    const ddbGuards = [
      ...(iam ? [iamGuard(iam, `arn:${opts.region.startsWith('cn-') ? 'aws-cn' : 'aws'}:dynamodb:${opts.region}:${opts.accountId}:`)] : []),
      ...(chaos?.dynamoDbGuard ? [chaos.dynamoDbGuard] : []),
    ];
    // In a DynamoDB Local shared with other platforms and without a meter between, the front
    // itself points each call at this platform's database and calls the JVM directly.
    const frontTarget =
      opts.dynamodb && meteredDdbEndpoint === ddb.endpoint
        ? { target: opts.dynamodb.endpoint, rewrite: intoDatabase(opts.dynamodb.database) }
        : { target: meteredDdbEndpoint };
    const ddbFront = ddbGuards.length > 0 ? await startDynamoDbFront({ ...frontTarget, host: opts.host, guards: ddbGuards }) : undefined;
    if (ddbFront) cleanups.push(() => ddbFront.close());

    const read = () =>
      keepBundles(
        readTopology({ cdkOutDir: cdkOut, stage: opts.stage, region: opts.region, accountId: opts.accountId, sqsEndpoint }),
        bundlesDir,
      );
    let topology = read();
    if (opts.iam) {
      enforcer = createEnforcer(topology, iamOptions);
      log(`[iam] enforcing the template's IAM for ${topology.functions.length} function(s) (--no-iam turns it off)`);
    }

    // KMS endpoint (local/kms): serves the template's keys; material kept in <dataDir>/kms.
    const kms: KmsServer = await startKmsServer({
      host: opts.host,
      port: opts.kmsPort,
      dataDir: join(opts.dataDir, 'kms'),
      region: opts.region,
      accountId: opts.accountId,
      keys: topology.keys,
      log: (line) => log(`[kms] ${line}`),
      ...(iam ? { iam } : {}),
    });
    cleanups.push(() => kms.close());

    // ---- EventBridge endpoint (local/eventbridge): the template's buses and pattern rules.
    // Targets are looked up at delivery time (queues of the current topology; functions
    // through `invoke`, defined below), so watch-mode reloads are picked up.
    const eventSinks = createPlatformSinks({
      queues: () => topology.queues,
      sqsEndpoint,
      region: opts.region,
      invokeAsync: (logicalId, event) => asyncInvoker.invoke(logicalId, event),
    });
    const events: EventBridgeServer = await startEventBridgeServer({
      host: opts.host,
      port: opts.eventsPort,
      region: opts.region,
      accountId: opts.accountId,
      buses: topology.eventBuses,
      rules: topology.eventRules,
      ...(iam ? { iam } : {}),
      targetRefusal: (rule, target) =>
        target.kind === 'sqs'
          ? serviceRefusal('events.amazonaws.com', 'sqs:SendMessage', queueArn(target.queueLogicalId), rule.arn)
          : serviceRefusal('events.amazonaws.com', 'lambda:InvokeFunction', functionArn(target.functionLogicalId), rule.arn),
      sinks: chaos ? chaos.eventSinks(eventSinks) : eventSinks,
      log,
    });
    cleanups.push(async () => {
      await events.close();
      eventSinks.close();
    });
    log(`[events] buses ${['default', ...topology.eventBuses.map((b) => b.name)].join(', ')}; ${topology.eventRules.length} rule(s) on ${events.endpoint}`);
    // ---- end EventBridge

    // Lambda endpoint (local/lambda-api): Invoke on demand, through `invoke` below.
    // Synchronous callers are throttled at reserved concurrency like the HTTP API's.
    const lambdaApi: LambdaApi = await startLambdaApi({
      host: LAMBDA_HOST,
      port: opts.lambdaPort,
      region: opts.region,
      accountId: opts.accountId,
      functions: () => topology.functions,
      invoke: (logicalId, event, invokeOptions) => invoke(logicalId, event, { throttle: invokeOptions.throttle }),
      invokeAsync: (logicalId, event) => asyncInvoker.invoke(logicalId, event),
      log,
      ...(iam ? { iam } : {}),
    });
    cleanups.push(() => lambdaApi.close());

    const dynamo = new DynamoDBClient({
      endpoint: ddb.endpoint,
      region: opts.region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    cleanups.push(async () => dynamo.destroy());
    for (const table of topology.tables) {
      const outcome = await ensureTable(dynamo, table);
      log(`[dynamodb] table ${table.tableName} ${outcome === 'created' ? 'created' : 'found (data kept)'}`);
    }
    for (const queue of dlqFirst(topology.queues)) {
      await sqs.ensureQueue(queue.queueName, queueAttributes(queue));
    }
    const released = sqs.releaseInFlight();
    if (released > 0) log(`[sqs] ${released} message(s) in flight when the platform last stopped are visible again`);
    log(`[sqs] ${topology.queues.length} queues ready: ${topology.queues.map((q) => q.queueName).join(', ')}`);

    // Functions: one host each; looked up at call time so watch mode can swap them.
    const endpoints = {
      AWS_ENDPOINT_URL_DYNAMODB: ddbFront?.endpoint ?? meteredDdbEndpoint,
      AWS_ENDPOINT_URL_SQS: sqsEndpoint,
      AWS_ENDPOINT_URL_KMS: (await meter?.endpointFor?.('kms', kms.endpoint)) ?? kms.endpoint,
      AWS_ENDPOINT_URL_EVENTBRIDGE: (await meter?.endpointFor?.('eventbridge', events.endpoint)) ?? events.endpoint,
      AWS_ENDPOINT_URL_LAMBDA: lambdaApi.endpoint,
      // Lambda runs Node 22+; the SDK would warn on every client on this machine's Node 20.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    const hosts = new Map<string, FunctionHost>();
    const hostLog = (fn: LocalFunction) =>
      meter?.onFunctionLog ? (line: string) => (meter.onFunctionLog!(fn, line), log(line)) : log;
    const newHost = (fn: LocalFunction) => new FunctionHost(fn, { log: hostLog(fn), extraEnv: iam ? { ...endpoints, ...functionCredentials(fn.logicalId) } : endpoints, runtimeSdk, maxConcurrency: opts.lambdaConcurrency });
    for (const fn of topology.functions) hosts.set(fn.logicalId, newHost(fn));
    cleanups.push(async () => {
      await Promise.all([...hosts.values()].map((h) => h.close()));
    });
    // Synchronous callers (the HTTP API) are throttled when a function's reserved
    // concurrency is used up, as Lambda does; pollers and schedules queue instead.
    const invoke = (logicalId: string, event: unknown, invokeOptions: InvokeOptions = {}): Promise<InvokeResult> => {
      const host = hosts.get(logicalId);
      if (!host) throw new Error(`no function ${logicalId} in the template`);
      const result = host.invoke(event, invokeOptions);
      return meter?.onInvoke ? result.then((r) => (meter.onInvoke!(host.fn, r), r)) : result;
    };

    // Asynchronous invocations (EventBridge targets, Invoke with InvocationType Event): retried
    // and sent to their destinations as each function's EventInvokeConfig says.
    const asyncInvoker = createAsyncInvoker({
      functions: () => topology.functions,
      invoke: (logicalId, event) => invoke(logicalId, event),
      sendToQueue: (queueLogicalId, body) => eventSinks.sendToQueue(queueLogicalId, body),
      destinationRefusal: (fn, destination) =>
        enforcer?.checkFunction(fn.logicalId, destination.kind === 'sqs' ? 'sqs:SendMessage' : 'lambda:InvokeFunction', destination.arn)?.message,
      log,
    });
    cleanups.push(async () => {
      asyncInvoker.stop();
      await asyncInvoker.idle();
    });

    for (const mapping of topology.eventSourceMappings) {
      const queue = topology.queues.find((q) => q.logicalId === mapping.queueLogicalId);
      if (!queue || !mapping.enabled) continue;
      if (enforcer) assertMappingMayPoll(enforcer, mapping, queue);
      const poller = startEventSourceMapping({
        mapping,
        queue,
        sqsEndpoint,
        region: opts.region,
        invoke: chaos
          ? chaos.consumerInvoke({
              mapping,
              queue,
              sqsEndpoint,
              region: opts.region,
              invoke: (event, invokeOptions) => invoke(mapping.functionLogicalId, event, invokeOptions),
            })
          : (event) => invoke(mapping.functionLogicalId, event),
        log,
      });
      cleanups.push(() => poller.stop());
    }

    const schedules = startSchedules({
      schedules: topology.schedules,
      invoke: (logicalId, event) => invoke(logicalId, event),
      invokeAsync: (logicalId, event) => asyncInvoker.invoke(logicalId, event),
      mayInvoke: (logicalId, ruleArn) => !serviceRefusal('events.amazonaws.com', 'lambda:InvokeFunction', functionArn(logicalId), ruleArn),
      log,
      region: opts.region,
      accountId: opts.accountId,
    });
    cleanups.push(async () => schedules.stop());

    // Every HTTP API of the template, each on a port of its own: the first on --port (Anxin
    // synthesizes one), the others on free ports. A fixture app may have none.
    const apis: { api: LocalHttpApi; running: RunningHttpApi }[] = [];
    for (const [i, api] of topology.httpApis.entries()) {
      const running = await startHttpApi({
        api,
        host: opts.host,
        port: i === 0 ? opts.port : 0,
        invoke: (logicalId, event) => invoke(logicalId, event, { throttle: true }),
        mayInvoke: (logicalId, sourceArn) => !serviceRefusal('apigateway.amazonaws.com', 'lambda:InvokeFunction', functionArn(logicalId), sourceArn),
        log,
        region: opts.region,
        accountId: opts.accountId,
      });
      cleanups.push(() => running.close());
      apis.push({ api, running });
    }
    const http = apis[0]?.running;

    const tableName = topology.tables[0]?.tableName;
    const seeded =
      opts.seed && tableName && http
        ? await seedDemoTenants({
            dataDir: opts.dataDir,
            dynamo,
            tableName,
            info: { apiUrl: http.url, sqsEndpoint: sqs.endpoint, dynamodbEndpoint: ddb.endpoint, kmsEndpoint: kms.endpoint, eventsEndpoint: events.endpoint, lambdaEndpoint: lambdaApi.endpoint, region: opts.region },
            stage: opts.stage,
            queues: topology.queues,
          })
        : undefined;
    const keys = seeded?.keys ?? ({} as DemoKeys);

    return {
      apiUrl: http?.url ?? '',
      apiUrls: Object.fromEntries(apis.map(({ api, running }) => [api.logicalId, running.url])),
      sqsEndpoint: sqs.endpoint,
      dynamodbEndpoint: ddb.endpoint,
      functionsDynamodbEndpoint: endpoints.AWS_ENDPOINT_URL_DYNAMODB,
      kmsEndpoint: kms.endpoint,
      eventsEndpoint: events.endpoint,
      lambdaEndpoint: lambdaApi.endpoint,
      get topology() {
        return topology;
      },
      keys,
      insurers: seeded?.insurers ?? [],
      async reloadFunctions() {
        const started = Date.now();
        // The Anxin app: rebuild the bundles the edit made stale first (without blocking
        // the event loop), so the synthesis below finds every bundle current.
        if (!opts.synth) await stageBundles(opts.stage, log).rebuild();
        log(await synth());
        const next = read();
        if (opts.iam) enforcer = createEnforcer(next, iamOptions);
        kms.applyKeys(next.keys); // keys added or changed in the template; existing material is kept
        events.update(next.eventBuses, next.eventRules); // buses and rules as the template now says
        const changed: string[] = [];
        for (const fn of next.functions) {
          const old = hosts.get(fn.logicalId);
          if (old && old.fn.bundleDir === fn.bundleDir && JSON.stringify(old.fn.environment) === JSON.stringify(fn.environment)) continue;
          hosts.set(fn.logicalId, newHost(fn));
          changed.push(fn.functionName);
          // In-flight invocations finish on the old environment, as during a Lambda deployment.
          void old?.close();
        }
        topology = next;
        log(`[platform] rebuilt in ${Date.now() - started} ms; reloaded: ${changed.join(', ') || 'nothing changed'}`);
        return changed;
      },
      invoke: (logicalId, event) => invoke(logicalId, event),
      functionStats: (logicalId) => {
        const host = hosts.get(logicalId);
        if (!host) throw new Error(`no function ${logicalId} in the template`);
        return host.stats();
      },
      ...(chaos ? { chaos: { spec: chaos.spec, report: () => chaos.report() } } : {}),
      stop: stopAll,
    };
  } catch (error) {
    await ddbStarting?.catch(() => undefined); // registered its cleanup if it started
    await stopAll();
    throw error;
  }
}

