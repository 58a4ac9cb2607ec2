/**
 * The worker's entry file. The runtime is written in TypeScript like the rest of local/,
 * but a worker thread starts as bare Node (no tsx, no vitest transform), so we bundle
 * worker-runtime.ts once per process with esbuild (already the project's bundler) into a
 * content-addressed .mjs file. Content addressing makes concurrent test processes safe:
 * they write the same bytes to the same name, via an atomic rename.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { writeFileAtomic } from '../atomic-file';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

let cached: string | undefined;

export function workerScriptPath(): string {
  if (cached) return cached;
  const entry = fileURLToPath(new URL('./worker-runtime.ts', import.meta.url));
  const { outputFiles } = buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  });
  const code = outputFiles[0]!.text;
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), 'anxin-lambda-runtime');
  const file = join(dir, `runtime-${hash}.mjs`);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileAtomic(file, code);
  }
  cached = file;
  return file;
}
