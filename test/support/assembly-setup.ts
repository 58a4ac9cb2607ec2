/**
 * Global setup of the infra and e2e projects: the real CDK app (stage dev) synthesized
 * once, exactly as `npm start` does (local/synth.ts), into a folder of this run's own (test
 * runs may overlap on a developer's machine). e2e platforms copy it instead of
 * synthesizing again; infra tests read its bundles. The bundles come from the bundle cache,
 * so only a changed function is built.
 *
 * Both projects' setups run in vitest's main process: the first one synthesizes, the other
 * shares its folder, and the last teardown removes it (run-shared.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { synthesize } from '../../local/synth';
import { acquireRunShared } from './run-shared';
import './provided-context';

export default async function setup(project: TestProject) {
  const { value: dir, release } = await acquireRunShared(
    'assembly',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'anxin-assembly-'));
      await synthesize(dir, 'dev');
      return dir;
    },
    (dir) => rmSync(dir, { recursive: true, force: true }),
  );
  project.provide('anxinCloudAssembly', dir);
  return release;
}
