/**
 * Cold start: every function the synthesized app has, imported in a fresh Node process
 * (median of N runs) beside its floor bundle (floor-bundle.ts). Runs are interleaved
 * function/floor (alternating which goes first) so that load from other work on a shared
 * machine hits both sides alike. The ratio is the median of the per-run ratios
 * (function ÷ the floor measured right beside it): paired, so load that comes and goes
 * cancels out instead of landing on one side's median.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lambdaEnvironment } from '../../local/lambda';
import { resolveHandlerFile, parseHandler } from '../../local/lambda/handler-path';
import { roleActions, STAGE, type Assembly } from '../lib/assembly';
import { onCleanup } from '../lib/cleanup';
import { progress } from '../lib/progress';
import { median, round } from '../lib/stats';
import { buildFloorBundle, FloorUnavailable } from './floor-bundle';
import { importOnce } from './measure';
import { sdkClientsFor } from './sdk-clients';

export const COLD_START_TARGET_RATIO = 1.25;

export interface ColdStartRow {
  function: string;
  service: string;
  clients: string[];
  bundleBytes: number;
  floorBytes?: number;
  medianMs: number;
  floorMedianMs?: number;
  ratio?: number;
  /** 'ok' | 'MISSED' | 'no floor: <why>' */
  verdict: string;
  runs: number;
}

export async function coldStartPhase(assembly: Assembly, runs: number): Promise<ColdStartRow[]> {
  const work = mkdtempSync(join(tmpdir(), 'anxin-bench-floor-'));
  const removeWork = onCleanup('floor bundles', () => rmSync(work, { recursive: true, force: true }));
  try {
    const subjects = await Promise.all(
      assembly.topology.functions.map(async (fn, i) => {
        const rules = sdkClientsFor(fn, roleActions(assembly, fn.logicalId));
        const file = resolveHandlerFile(fn.bundleDir, parseHandler(fn.handler).module);
        // The function's Lambda environment (template variables resolved locally, dummy credentials): module-level init runs as in Lambda.
        const env = lambdaEnvironment(fn, { logStreamName: 'bench', extraEnv: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } });
        const floorDir = join(work, String(i));
        mkdirSync(floorDir);
        let floor: { file: string; bytes: number } | undefined;
        let noFloor: string | undefined;
        try {
          floor = await buildFloorBundle(rules, floorDir, STAGE);
        } catch (error) {
          if (!(error instanceof FloorUnavailable)) throw error;
          noFloor = error.message;
        }
        return { fn, rules, file, env, floor, noFloor, samples: [] as number[], floorSamples: [] as number[] };
      }),
    );

    // One uncounted import of each bundle first: the first read of a file comes from disk, later ones from the page cache.
    for (const s of subjects) {
      await importOnce(s.file, s.env);
      if (s.floor) await importOnce(s.floor.file, s.env);
    }
    const bar = progress('cold start', runs * subjects.length);
    for (let run = 0; run < runs; run++) {
      for (const s of subjects) {
        const sides: [number[], string][] = [[s.samples, s.file]];
        if (s.floor) sides.push([s.floorSamples, s.floor.file]);
        if (run % 2) sides.reverse();
        for (const [samples, file] of sides) samples.push(await importOnce(file, s.env));
        bar.tick();
      }
    }
    bar.done();

    return subjects.map((s) => {
      const medianMs = median(s.samples);
      const floorMedianMs = s.floor ? median(s.floorSamples) : undefined;
      const ratio = s.floor ? median(s.samples.map((ms, i) => ms / s.floorSamples[i]!)) : undefined;
      return {
        function: s.fn.functionName,
        service: s.fn.environment.POWERTOOLS_SERVICE_NAME ?? s.fn.logicalId,
        clients: s.rules.map((r) => r.label),
        bundleBytes: statSync(s.file).size,
        floorBytes: s.floor?.bytes,
        medianMs: round(medianMs),
        floorMedianMs: floorMedianMs === undefined ? undefined : round(floorMedianMs),
        // Three decimals: a ratio of 1.254 misses the target and must not print as 1.25.
        ratio: ratio === undefined ? undefined : round(ratio, 3),
        verdict: ratio === undefined ? `no floor: ${s.noFloor}` : ratio <= COLD_START_TARGET_RATIO ? 'ok' : 'MISSED',
        runs,
      };
    });
  } finally {
    await removeWork();
  }
}
