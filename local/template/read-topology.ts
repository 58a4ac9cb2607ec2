/**
 * cdk.out → Topology: the local platform's whole picture of the deployment, derived only
 * from what `cdk synth` wrote (never from infra/ code), with every intrinsic resolved to
 * its local value.
 */
import type { Topology } from '../topology';
import { AssemblyContext } from './assembly-context';
import { findUnsupportedTypes } from './check-types';
import { readCloudAssembly } from './cloud-assembly';
import { TemplateError, UnsupportedResourceError } from './errors';
import { FunctionIndex } from './function-index';
import { createLocalEnv } from './local-env';
import type { MapContext } from './map-context';
import { mapEventBuses } from './map-event-buses';
import { mapEventRules } from './map-event-rules';
import { mapEventSourceMappings } from './map-event-source-mappings';
import { mapFunctions } from './map-functions';
import { mapHttpApis } from './map-http-apis';
import { mapIam } from './map-iam';
import { mapKmsKeys } from './map-kms-keys';
import { mapQueues } from './map-queues';
import { mapSchedules } from './map-schedules';
import { mapTables } from './map-tables';
import { selectStacks } from './select-stacks';
import { mapAsyncInvokeConfigs } from './map-async-invoke';

export interface ReadTopologyOptions {
  cdkOutDir: string;
  /** Picks the stacks of one stage (`Anxin-<stage>-*`) when stackNames is not given. */
  stage?: string;
  region: string;
  accountId: string;
  /** Base URL of the local SQS endpoint; queue URLs are `<endpoint>/<account>/<queue name>`. */
  sqsEndpoint: string;
  /** Stacks to run (stack names or artifact ids); default: all stacks (of the stage). */
  stackNames?: string[];
  /** Base URL of the local HTTP API front end, for Api.ApiEndpoint (optional). */
  httpApiEndpoint?: string;
  /** Values for template parameters that have no Default (optional). */
  parameters?: Record<string, string>;
}

export function readTopology(opts: ReadTopologyOptions): Topology {
  const artifacts = readCloudAssembly(opts.cdkOutDir);
  const selected = new Set(selectStacks(artifacts, opts, opts.cdkOutDir));
  const env = createLocalEnv(opts);
  const assembly = new AssemblyContext(artifacts, env, opts.parameters);
  const stacks = assembly.stacks.filter((s) => selected.has(s.stack));

  const unknownTypes = findUnsupportedTypes(stacks);
  if (unknownTypes.length > 0) throw new UnsupportedResourceError(unknownTypes);

  const ctx: MapContext = { stacks, unsupported: [] };
  const tables = mapTables(ctx);
  const queues = mapQueues(ctx);
  const functions = mapFunctions(ctx);
  const index = new FunctionIndex(functions);
  mapAsyncInvokeConfigs(ctx, functions, queues, index);
  const eventSourceMappings = mapEventSourceMappings(ctx, queues, index);
  const httpApis = mapHttpApis(ctx, index);
  const schedules = mapSchedules(ctx, index);
  const eventBuses = mapEventBuses(ctx);
  const eventRules = mapEventRules(ctx, queues, index);
  const keys = mapKmsKeys(ctx);
  const iam = mapIam(ctx);
  if (ctx.unsupported.length > 0) throw new UnsupportedResourceError(ctx.unsupported);

  const topology: Topology = {
    region: env.region,
    accountId: env.accountId,
    tables,
    queues,
    functions,
    eventSourceMappings,
    httpApis,
    schedules,
    keys,
    eventBuses,
    eventRules,
    iam,
  };
  assertUniqueLogicalIds(topology, opts.cdkOutDir);
  return topology;
}

/**
 * The rest of local/ keys resources by logical id. Two stacks could in principle both hold
 * a `Queue1234` — refuse that loudly rather than run the wrong one.
 */
function assertUniqueLogicalIds(t: Topology, where: string): void {
  const kinds: [string, { logicalId: string }[]][] = [
    ['table', t.tables],
    ['queue', t.queues],
    ['function', t.functions],
    ['event-source mapping', t.eventSourceMappings],
    ['HTTP API', t.httpApis],
    ['schedule', t.schedules],
    ['event bus', t.eventBuses],
    ['event rule', t.eventRules],
    ['KMS key', t.keys],
  ];
  for (const [kind, items] of kinds) {
    const seen = new Set<string>();
    for (const { logicalId } of items) {
      if (seen.has(logicalId)) throw new TemplateError(where, `two selected stacks define a ${kind} with logical id ${logicalId}`);
      seen.add(logicalId);
    }
  }
}
