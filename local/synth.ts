/**
 * Synthesizes the CDK app into a cloud assembly for the local platform: the same app
 * `cdk synth` runs (infra/anxin-app.ts), with the context from cdk.json, bundling every
 * function with the local esbuild. The platform then reads only what this wrote.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { App } from 'aws-cdk-lib';
import { createAnxinApp } from '../infra/anxin-app';

/** The `context` of cdk.json: what `cdk synth` and the local platform both synthesize with. */
export function readCdkContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(resolve('cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return cdkJson.context ?? {};
}

export function synthesize(outdir: string, stage: string): void {
  const app = new App({ outdir, context: { ...readCdkContext(), stage } });
  createAnxinApp(app);
  app.synth();
}
