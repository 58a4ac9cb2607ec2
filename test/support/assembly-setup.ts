/**
 * Global setup of the infra and e2e projects: the real CDK app (stage dev) synthesized
 * once, exactly as `npm start` does (local/synth.ts), into a folder of this run's own (test
 * runs may overlap on a developer's machine). e2e platforms copy it instead of
 * synthesizing again; infra tests read its bundles. The bundles come from the bundle cache,
 * so only a changed function is built.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { synthesize } from '../../local/synth';
import './provided-context';

export default async function setup(project: TestProject) {
  const assembly = mkdtempSync(join(tmpdir(), 'anxin-assembly-'));
  await synthesize(assembly, 'dev');
  project.provide('anxinCloudAssembly', assembly);
  return () => rmSync(assembly, { recursive: true, force: true });
}
