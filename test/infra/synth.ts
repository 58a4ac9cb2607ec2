/**
 * Synthesizes the real Anxin app (bundling with the local esbuild) once per stage and
 * exposes the templates plus a few lookup helpers. Imported by the infra tests; each test
 * file synthesizes at most once per stage.
 */
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { Template } from 'aws-cdk-lib/assertions';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAnxinApp, type AnxinApp } from '../../infra/anxin-app';
import type { Stage } from '../../infra/config';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Synthesized extends AnxinApp {
  readonly stage: Stage;
  readonly assembly: CloudAssembly;
  readonly stateful: AnxinApp['stateful'];
  readonly api: AnxinApp['api'];
  readonly statefulTemplate: Template;
  readonly apiTemplate: Template;
  readonly statefulJson: Json;
  readonly apiJson: Json;
  readonly outdir: string;
  cleanup(): void;
}

export function synthesize(stage: Stage, extraContext: Record<string, unknown> = {}): Synthesized {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `anxin-infra-${stage}-`));
  const anxin = createAnxinApp({ context: { stage, ...extraContext }, outdir });
  const assembly = anxin.app.synth();
  const statefulTemplate = Template.fromStack(anxin.stateful);
  const apiTemplate = Template.fromStack(anxin.api);
  return {
    ...anxin,
    stage,
    assembly,
    statefulTemplate,
    apiTemplate,
    statefulJson: statefulTemplate.toJSON(),
    apiJson: apiTemplate.toJSON(),
    outdir,
    cleanup: () => fs.rmSync(outdir, { recursive: true, force: true }),
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
