/**
 * The bench synthesizes the CDK app ONCE (local/synth.ts, exactly what `npm start` runs)
 * into a temp directory and reads everything from that: the functions and routes
 * (readTopology), and the few template facts the topology does not carry (function roles'
 * IAM actions, tracing, the stage's access-log format). Platforms started by the bench get
 * a copy of this assembly instead of synthesizing again.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { copyAssembly } from '../../local/assembly-files';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthesize } from '../../local/synth';
import { readTopology } from '../../local/template';
import type { Topology } from '../../local/topology';
import { onCleanup } from './cleanup';

export const STAGE = 'dev';
export const REGION = 'us-east-1';
export const ACCOUNT_ID = '000000000000';

interface Resource {
  Type: string;
  Properties?: Record<string, any>;
}

export interface Assembly {
  dir: string;
  topology: Topology;
  /** All resources of the stage's stacks, by logical id. */
  resources: Map<string, Resource>;
  /** Copies the assembly into `outdir` (the `synth` option of startPlatform). */
  copyTo(outdir: string): void;
}

export async function synthesizeOnce(): Promise<Assembly> {
  const dir = mkdtempSync(join(tmpdir(), 'anxin-bench-cdk-'));
  onCleanup('synthesized app', () => rmSync(dir, { recursive: true, force: true }));
  await synthesize(dir, STAGE);
  // The SQS endpoint only shapes queue URLs, which the bench does not use from here.
  const topology = readTopology({ cdkOutDir: dir, stage: STAGE, region: REGION, accountId: ACCOUNT_ID, sqsEndpoint: 'http://127.0.0.1:1' });
  const resources = new Map<string, Resource>();
  for (const file of readdirSync(dir).filter((f) => f.startsWith(`Anxin-${STAGE}-`) && f.endsWith('.template.json'))) {
    const template = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { Resources?: Record<string, Resource> };
    for (const [id, resource] of Object.entries(template.Resources ?? {})) resources.set(id, resource);
  }
  return { dir, topology, resources, copyTo: (outdir) => copyAssembly(dir, outdir) };
}

/** IAM actions granted to a function's execution role (inline policies and attached AWS::IAM::Policy resources). */
export function roleActions(assembly: Assembly, functionLogicalId: string): string[] {
  const fn = assembly.resources.get(functionLogicalId);
  const roleRef = fn?.Properties?.Role?.['Fn::GetAtt']?.[0] as string | undefined;
  if (!roleRef) return [];
  const statements: any[] = [];
  for (const policy of assembly.resources.get(roleRef)?.Properties?.Policies ?? []) statements.push(...(policy.PolicyDocument?.Statement ?? []));
  for (const resource of assembly.resources.values()) {
    if (resource.Type !== 'AWS::IAM::Policy') continue;
    const roles = (resource.Properties?.Roles ?? []) as { Ref?: string }[];
    if (roles.some((r) => r.Ref === roleRef)) statements.push(...(resource.Properties?.PolicyDocument?.Statement ?? []));
  }
  return statements.filter((s) => s.Effect === 'Allow').flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])) as string[];
}

export const hasActiveTracing = (assembly: Assembly, functionLogicalId: string): boolean =>
  assembly.resources.get(functionLogicalId)?.Properties?.TracingConfig?.Mode === 'Active';

/** The access-log format of the HTTP API's stage, when it logs access. */
export function accessLogFormat(assembly: Assembly): string | undefined {
  for (const resource of assembly.resources.values()) {
    if (resource.Type === 'AWS::ApiGatewayV2::Stage' && resource.Properties?.AccessLogSettings?.Format) {
      return String(resource.Properties.AccessLogSettings.Format);
    }
  }
  return undefined;
}
