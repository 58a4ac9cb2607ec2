/**
 * CDK app entry (cdk.json: `node --single-threaded-gc --liftoff-only --import tsx/esm infra/app.ts`).
 *
 * `tsx/esm` registers tsx's ES module loader only, not its CommonJS hook: the app's own code is
 * ES modules, and the hook scanned every CommonJS module the app loads with tsx's lexer —
 * aws-cdk-lib's hundreds, cdk-nag's rules' ~80 more after the synthesis (loading aws-cdk-lib,
 * the app and cdk-nag's rules: 1.65–1.7 s against 1.4 s, measured 2026-12-07; the assembly is
 * byte for byte the same).
 *
 * CDK's CloudFormation validation runs in a worker thread of this process
 * (infra/cloudformation-validation.ts): its engine is built while the app constructs the stacks
 * (after the esbuild pass, which keeps both cores busy), and the templates are validated while
 * cdk-nag checks the construct tree.
 *
 * The two V8 flags are for that validation: its engine is 9 MB of WebAssembly that grows a
 * large memory. V8's background GC helpers and its optimizing WebAssembly compiler more than
 * doubled what that validation cost on two cores
 * (measured 2026-12-07: the synthesis with the bundles current 17.5 → 11.2 CPU-s and
 * 11.3 → 9.7 s; the assembly is byte for byte the same). Neither flag changes what the app
 * computes; a Node whose V8 lacked one would refuse to start, and the infra tests' prod
 * `cdk synth` would fail.
 *
 *   npx cdk synth --quiet                 # dev (default context in cdk.json)
 *   npx cdk synth --quiet -c stage=prod
 *   npx cdk deploy --all -c stage=prod [-c alarmEmail=ops@example.com]
 *
 * Function bundles come from the app's one esbuild pass and its cache
 * (infra/bundling/function-bundles.ts). When the sources, packages and the context the CLI
 * passes are what the assembly in the output folder was written from, that assembly is
 * kept as it is (infra/synth-fingerprint.ts) and aws-cdk-lib is not even loaded.
 */
import { REPO_ROOT } from './repo-root';
import { isStage } from './stages';
import { isAssemblyCurrent, recordAssembly, synthFingerprint } from './synth-fingerprint';

const outdir = process.env.CDK_OUTDIR;
// The CLI passes the context (cdk.json, -c, its own flags) in one of these.
const fingerprint = outdir
  ? synthFingerprint(REPO_ROOT, {
      context: process.env.CDK_CONTEXT_JSON ?? null,
      contextFile: process.env.CONTEXT_OVERFLOW_LOCATION_ENV ?? process.env.CDK_CONTEXT_OVERFLOW_LOCATION ?? null,
      validation: process.env.CDK_VALIDATION ?? 'default',
    })
  : undefined;

if (outdir && fingerprint && isAssemblyCurrent(outdir, fingerprint)) {
  console.error(`Anxin: sources, packages and context are unchanged: kept the cloud assembly in ${outdir}`);
} else {
  // Stale bundles are built (in esbuild's own process) while the CDK and the app load.
  const context = JSON.parse(process.env.CDK_CONTEXT_JSON ?? '{}') as { stage?: unknown; 'aws:cdk:bundling-stacks'?: unknown };
  const bundlingSkipped = Array.isArray(context['aws:cdk:bundling-stacks']) && context['aws:cdk:bundling-stacks'].length === 0;
  const stage = typeof context.stage === 'string' ? context.stage : 'dev';
  // Imported here, not at the top: an unchanged checkout never needs esbuild (25–50 ms of an
  // unchanged synth). Awaited before the CDK's import starts, so the pass starts as early as it did.
  const prebuild = bundlingSkipped || !isStage(stage) ? undefined : (await import('./bundling/stage-bundles')).stageBundles(stage).rebuild();
  // Settled or not, it is awaited below: a pass that fails while the CDK loads is reported there.
  prebuild?.catch(() => undefined);
  const [{ App }, { createAnxinApp }, validation] = await Promise.all([import('aws-cdk-lib'), import('./anxin-app'), import('./cloudformation-validation')]);
  const app = new App();
  await prebuild;
  // Its worker builds the validation's engine while the app constructs and synthesizes the
  // stacks (infra/cloudformation-validation.ts): only once the pass is done, since esbuild
  // keeps both cores busy until then and the app's own thread is alone on them after it.
  // Measured 2026-12-08 (fresh `npx cdk synth`, 14 pairs alternating, load 0.7–1.9): median
  // 12.09 s against 12.54 s with the worker started during the pass; 12 of the 14 pairs faster.
  const cloudFormationValidation = validation.validationEnabled() ? new validation.CloudFormationValidationInWorker() : undefined;
  createAnxinApp(app, { cloudFormationValidation });
  app.synth();
  // A synthesis that failed validation sets the exit code: its assembly must not be reused.
  if (outdir && fingerprint && !process.exitCode) recordAssembly(outdir, fingerprint);
}
