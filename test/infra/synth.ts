/**
 * Synthesizes the real Anxin app once per stage — without bundles: the assertions here are
 * about resources and settings, and the bundles themselves are built (and checked) by the
 * project's one synthesis (test/support/assembly-setup.ts). It exposes the templates plus a
 * few lookup helpers. Imported by the infra tests; each test process synthesizes at most
 * once per stage and context.
 */
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { Template } from 'aws-cdk-lib/assertions';
import fs from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { createAnxinApp, type AnxinApp } from '../../infra/anxin-app';
import type { Stage } from '../../infra/config';
import { scratchDir } from './scratch';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Synthesized extends AnxinApp {
  readonly stage: Stage;
  readonly assembly: CloudAssembly;
  readonly stateful: AnxinApp['stateful'];
  readonly api: AnxinApp['api'];
  readonly statefulTemplate: Template;
  readonly apiTemplate: Template;
  readonly programmeTemplate: Template;
  readonly statefulJson: Json;
  readonly apiJson: Json;
  readonly programmeJson: Json;
  readonly outdir: string;
  cleanup(): void;
}

/**
 * One synthesis per stage and context in each test worker: the infra project runs its files
 * in one worker thread with one module cache (vitest.config.ts), so the files that read the
 * same dev app — the whole app, programme, stations, wage survey — synthesize it once
 * instead of once each (~5–8 s apiece). Nothing here mutates an app after synthesis; the
 * folders are in the run's scratch folder, which the project's teardown removes
 * (test/support/infra-scratch-setup.ts).
 */
const synthesized = new Map<string, Synthesized>();

export function synthesize(stage: Stage, extraContext: Record<string, unknown> = {}): Synthesized {
  const key = JSON.stringify([stage, extraContext]);
  let found = synthesized.get(key);
  if (!found) synthesized.set(key, (found = synthesizeOnce(stage, extraContext)));
  return found;
}

function synthesizeOnce(stage: Stage, extraContext: Record<string, unknown>): Synthesized {
  const outdir = scratchDir(`${stage}-`);
  const anxin = createAnxinApp({ context: { stage, 'aws:cdk:bundling-stacks': [], ...extraContext }, outdir });
  const assembly = anxin.app.synth();
  const statefulTemplate = Template.fromStack(anxin.stateful);
  const apiTemplate = Template.fromStack(anxin.api);
  const programmeTemplate = Template.fromStack(anxin.programme);
  return {
    ...anxin,
    stage,
    assembly,
    statefulTemplate,
    apiTemplate,
    programmeTemplate,
    statefulJson: statefulTemplate.toJSON(),
    apiJson: apiTemplate.toJSON(),
    programmeJson: programmeTemplate.toJSON(),
    outdir,
    // Shared with the worker's other files: removed with the run's scratch folder.
    cleanup: () => undefined,
  };
}

/** Resources of one type: [logicalId, resource][] */
export function resourcesOfType(template: Json, type: string): [string, Json][] {
  return Object.entries(template.Resources as Record<string, Json>).filter(([, r]) => r.Type === type);
}

export function resource(template: Json, logicalId: string): Json {
  const r = template.Resources[logicalId];
  if (!r) throw new Error(`no resource ${logicalId}`);
  return r;
}

/** `{ Ref: X }` / `{ 'Fn::GetAtt': [X, ...] }` -> X */
export function refTarget(value: unknown): string | undefined {
  if (value && typeof value === 'object') {
    const v = value as Json;
    if (typeof v.Ref === 'string') return v.Ref;
    if (Array.isArray(v['Fn::GetAtt'])) return v['Fn::GetAtt'][0];
  }
  return undefined;
}

/**
 * Follows `{ 'Fn::ImportValue': name }` into the producing (stateful) template's outputs and
 * returns the exported value, e.g. `{ Ref: 'OrdersQueuesQueueDFF32FC5' }`.
 */
export function resolveImport(producer: Json, value: unknown): Json {
  const name = (value as Json | undefined)?.['Fn::ImportValue'];
  if (typeof name !== 'string') throw new Error(`not an import: ${JSON.stringify(value)}`);
  const output = Object.values(producer.Outputs as Record<string, Json>).find((o) => o.Export?.Name === name);
  if (!output) throw new Error(`no export ${name}`);
  return output.Value;
}

/** Logical id of the stateful resource an imported value points to. */
export function importedLogicalId(producer: Json, value: unknown): string {
  const target = refTarget(resolveImport(producer, value));
  if (!target) throw new Error(`export is not a Ref/GetAtt: ${JSON.stringify(value)}`);
  return target;
}

/** Logical id of the function whose Description starts with the entry path. */
export function functionByEntry(template: Json, entry: string): [string, Json] {
  const matches = resourcesOfType(template, 'AWS::Lambda::Function').filter(([, f]) =>
    String(f.Properties.Description ?? '').startsWith(`${entry} `),
  );
  if (matches.length !== 1) throw new Error(`expected one function for ${entry}, found ${matches.length}`);
  return matches[0]!;
}

/** The inline policy statements attached to a function's role. */
export function roleStatements(template: Json, functionLogicalId: string): Json[] {
  const fn = resource(template, functionLogicalId);
  const roleId = refTarget(fn.Properties.Role);
  const policies = resourcesOfType(template, 'AWS::IAM::Policy').filter(([, p]) =>
    (p.Properties.Roles as unknown[]).some((r) => refTarget(r) === roleId),
  );
  return policies.flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Json[]);
}

export function actionsOf(statement: Json): string[] {
  return ([] as string[]).concat(statement.Action ?? []);
}

export function resourcesOf(statement: Json): unknown[] {
  return ([] as unknown[]).concat(statement.Resource ?? []);
}

export interface BundledAssembly {
  readonly outdir: string;
  readonly apiJson: Json;
  readonly seconds: number;
  /**
   * What CDK's CloudFormation validation found (its validation-report.json), for the stages
   * synthesized by `cdk synth` with it on; undefined for dev, synthesized without it.
   */
  readonly validationFindings: Json[] | undefined;
  cleanup(): void;
}

const bundledAssemblies = new Map<Stage, Promise<BundledAssembly>>();

/**
 * A cloud assembly WITH bundles for a stage, built without blocking the test worker: dev is
 * the run's global synthesis (local/synth.ts); other stages run `npx cdk synth` as a child
 * process — which is also the offline, Docker-free synth the README promises. Started once
 * per stage: a file can start it early (app.test.ts does) and await it when it needs it, so
 * the infra project's one thread runs other tests meanwhile instead of waiting on it.
 */
export function bundledAssembly(stage: Stage): Promise<BundledAssembly> {
  let found = bundledAssemblies.get(stage);
  if (!found) bundledAssemblies.set(stage, (found = makeBundledAssembly(stage)));
  return found;
}

async function makeBundledAssembly(stage: Stage): Promise<BundledAssembly> {
  const { execFile } = await import('node:child_process');
  const { promisify } = await import('node:util');
  const started = Date.now();
  let outdir: string;
  let owned = false;
  let validationFindings: Json[] | undefined;
  if (stage === 'dev') {
    outdir = inject('anxinCloudAssembly');
  } else {
    outdir = scratchDir(`cdk-synth-${stage}-`);
    owned = true;
    await promisify(execFile)('npx', ['cdk', 'synth', '--quiet', '-c', `stage=${stage}`, '-o', outdir], {
      timeout: 300_000,
      // Validation on: this is the run's one synthesis with CDK's CloudFormation validation.
      env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true', CDK_VALIDATION: 'true' },
    });
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')) as { pluginReports: Json[] };
    validationFindings = report.pluginReports.flatMap((r) => (r.violations ?? []) as Json[]);
  }
  const apiJson = JSON.parse(fs.readFileSync(path.join(outdir, `Anxin-${stage}-Api.template.json`), 'utf8')) as Json;
  return {
    outdir,
    apiJson,
    seconds: (Date.now() - started) / 1000,
    validationFindings,
    cleanup: () => {
      if (owned) fs.rmSync(outdir, { recursive: true, force: true });
    },
  };
}
