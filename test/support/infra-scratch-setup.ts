/**
 * Global setup of the infra project: one scratch folder for the run, which every infra file
 * writes its temporary output into (synthesized apps, the prod `cdk synth`, bundle-cache
 * copies) and which the teardown removes. Cleaning up in the test worker is not enough:
 * `process.on('exit')` does not fire in vitest's workers, and a file that fails or times
 * out may skip its afterAll, so folders used to pile up in the system's temporary folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import './provided-context';

export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'anxin-infra-run-'));
  project.provide('infraScratchDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
