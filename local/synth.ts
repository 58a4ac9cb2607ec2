/**
 * Synthesizes the CDK app into a cloud assembly for the local platform: the same app
 * `cdk synth` runs (infra/anxin-app.ts), with the context from cdk.json, bundling every
 * function with the local esbuild. The platform then reads only what this wrote.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { App } from 'aws-cdk-lib';
import { createAnxinApp } from '../infra/anxin-app';

export function synthesize(outdir: string, stage: string): void {
  const cdkJson = JSON.parse(readFileSync(resolve('cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  const app = new App({ outdir, context: { ...cdkJson.context, stage } });
  createAnxinApp(app);
  app.synth();
}
