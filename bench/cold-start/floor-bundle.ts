/**
 * The floor a function's cold start is compared with: a bundle that does nothing but
 * construct the SDK clients the function needs (sdk-clients.ts), built with the SAME
 * esbuild settings as the function (infra/bundling/esbuild-options.ts), so the difference
 * between the two is exactly what the function's own code and libraries cost.
 */
import { createRequire } from 'node:module';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { stageConfig, REPO_ROOT } from '../../infra/config';
import { esbuildOptions } from '../../infra/bundling/esbuild-options';
import type { SdkClientRule } from './sdk-clients';

export interface FloorBundle {
  file: string;
  bytes: number;
}

export class FloorUnavailable extends Error {}

export async function buildFloorBundle(rules: SdkClientRule[], outDir: string, stage: string): Promise<FloorBundle> {
  const resolve = createRequire(join(REPO_ROOT, 'package.json')).resolve;
  for (const pkg of rules.flatMap((r) => r.packages)) {
    try {
      resolve(pkg);
    } catch {
      throw new FloorUnavailable(`${pkg} is not installed`);
    }
  }
  const contents = ['const clients = [];', ...rules.map((r) => r.code), 'export const handler = async () => clients.length;'].join('\n');
  const file = join(outDir, 'index.mjs');
  await build({
    ...esbuildOptions({ sourceMaps: stageConfig(stage).sourceMaps }),
    absWorkingDir: REPO_ROOT,
    stdin: { contents, resolveDir: REPO_ROOT, sourcefile: 'floor.mjs', loader: 'js' },
    outfile: file,
  });
  return { file, bytes: statSync(file).size };
}
