/**
 * `anxin start --app "<command>"`: another CDK app's cloud assembly, written by the CDK CLI
 * this project ships — the same `cdk synth` its owner would run, in the app's own folder
 * (its cdk.json, its context, its assets' relative paths) — offline: no notices, no version
 * reporting, no telemetry. The platform then runs every stack of it (no stage is assumed)
 * and seeds nothing.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const CDK_CLI = createRequire(import.meta.url).resolve('aws-cdk/bin/cdk');

export class AppSynthError extends Error {
  constructor(app: string, detail: string) {
    super(`cdk synth --app "${app}" failed:\n${detail}`);
    this.name = 'AppSynthError';
  }
}

/** A `synth` callback for startPlatform: `cdk synth --app <app> --output <outdir>`, run in `cwd`. */
export function cdkAppSynth(app: string, cwd: string): (outdir: string) => Promise<void> {
  return (outdir) =>
    new Promise((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [CDK_CLI, 'synth', '--app', app, '--output', outdir, '--quiet', '--no-notices', '--no-version-reporting', '--ci'],
        { cwd, env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let output = '';
      const keep = (chunk: Buffer) => {
        output = (output + chunk.toString()).slice(-4000);
      };
      child.stdout.on('data', keep);
      child.stderr.on('data', keep);
      child.once('error', (error) => reject(new AppSynthError(app, error.message)));
      child.once('exit', (code, signal) => {
        if (code === 0) resolve();
        else reject(new AppSynthError(app, `${output.trim()}\n(exit ${code ?? signal})`));
      });
    });
}
