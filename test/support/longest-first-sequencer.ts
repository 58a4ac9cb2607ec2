/**
 * The order test files start in. vitest's own order is longest-first by the durations it
 * cached on earlier runs, and on a fresh clone (no cache) the order the files were found:
 * there the slowest files — whole platforms, CI's `cdk synth` — could start last and run
 * alone at the end while the other workers sat idle (one run: crash recovery started at
 * 374 s of 533 s). Scheduling the longest work first keeps the workers busy to the end.
 *
 * Without a cached duration, a file's expected length is its project's depth (an e2e file
 * starts a platform, an infra file synthesizes, an integration file makes tables, a unit
 * file does neither), then its size. Files vitest timed before keep its own measured order.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { statSync } from 'node:fs';

const DEPTH: Record<string, number> = { e2e: 3, infra: 2, integration: 1, unit: 0 };

export default class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const timed = (f: TestSpecification) => this.ctx.cache.getFileTestResults(`${f.project.name}:${relativeTo(this.ctx.config.root, f.moduleId)}`);
    if (files.every((f) => timed(f))) return super.sort(files);
    const size = (f: TestSpecification) => statSync(f.moduleId, { throwIfNoEntry: false })?.size ?? 0;
    const depth = (f: TestSpecification) => DEPTH[f.project.name] ?? 0;
    return [...files].sort((a, b) => depth(b) - depth(a) || size(b) - size(a));
  }
}

function relativeTo(root: string, file: string): string {
  return file.startsWith(`${root}/`) ? file.slice(root.length + 1) : file;
}
