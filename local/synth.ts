/**
 * Synthesizes the CDK app into a cloud assembly for the local platform: the same app
 * `cdk synth` runs (infra/anxin-app.ts), with the context from cdk.json. Function code
 * comes from the app's one esbuild pass and its cache (infra/bundling/function-bundles.ts).
 * The platform then reads only what this wrote.
 *
 * An assembly already in `outdir` that was written from the same sources, packages and
 * context is reused as it is (infra/synth-fingerprint.ts): an unchanged checkout restarts
 * without loading the CDK at all.
 *
 * CDK's built-in CloudFormation validation is off here: it costs ~8 s per synthesis on this
 * kind of machine and checks the template, not what the platform runs. `cdk synth` and
 * `cdk deploy` keep it (infra/app.ts), and the infra tests run it on both stages.
 */
import { readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { stageBundles } from '../infra/bundling/stage-bundles';
import { REPO_ROOT } from '../infra/repo-root';
import { isAssemblyCurrent, recordAssembly, synthFingerprint } from '../infra/synth-fingerprint';

/** The `context` of cdk.json: what `cdk synth` and the local platform both synthesize with. */
export function readCdkContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(resolve(REPO_ROOT, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return cdkJson.context ?? {};
}

export interface SynthResult {
  /** True when the assembly in outdir was current and kept as it was. */
  readonly reused: boolean;
  readonly ms: number;
}

/** What the assembly of `stage` is written from (sources, packages, cdk.json's context). */
export function assemblyFingerprint(stage: string): string {
  return synthFingerprint(REPO_ROOT, { context: { ...readCdkContext(), stage }, validation: false });
}

export async function synthesize(outdir: string, stage: string, log: (line: string) => void = () => undefined): Promise<SynthResult> {
  const started = Date.now();
  const context = { ...readCdkContext(), stage };
  const fingerprint = assemblyFingerprint(stage);
  if (isAssemblyCurrent(outdir, fingerprint)) return { reused: true, ms: Date.now() - started };

  rmSync(outdir, { recursive: true, force: true });
  // The stale bundles are built (by esbuild's own process) while this one loads the CDK and
  // the app's modules; the app's functions then find every bundle current.
  const bundles = stageBundles(stage, log);
  const [, { App, AssetStaging }, { createAnxinApp }] = await Promise.all([
    bundles.rebuild(),
    import('aws-cdk-lib'),
    import('../infra/anxin-app'),
  ]);
  // CDK caches staged assets per process by source hash; a second synthesis (watch mode)
  // into a fresh outdir would otherwise point at assets of an outdir that no longer exists.
  AssetStaging.clearAssetHashCache();
  const app = new App({ outdir, context, builtinCloudFormationValidation: false });
  createAnxinApp(app);
  app.synth();
  recordAssembly(outdir, fingerprint);
  return { reused: false, ms: Date.now() - started };
}

/**
 * Watch mode: loads the CDK and the app's modules ahead of the first edit, so the first
 * reload does not pay for them (an unchanged start never loads them at all).
 */
export async function prewarmSynthesis(): Promise<void> {
  await Promise.all([import('aws-cdk-lib'), import('../infra/anxin-app')]);
}
