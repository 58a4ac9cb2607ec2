/**
 * Cold start: every function the synthesized app has, imported in a fresh Node process
 * (median of N runs) beside its floor bundle (floor-bundle.ts). Functions needing the same
 * SDK clients share a floor bundle; in every run each function is imported right next to
 * its own import of the floor, with the function's environment (floor first or second,
 * alternating by run and by function), so load from other work on a shared machine hits
 * both sides of a pair alike. The ratio is the median of the per-pair ratios: paired, so
 * load that comes and goes cancels out instead of landing on one side's median. (Pairing a
 * whole group with ONE floor import per run let the ratio of a function imported seconds
 * away from its floor drift with the machine: ±0.05 between runs of the same bundles.)
 */
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lambdaEnvironment } from '../../local/lambda';
import type { LocalFunction } from '../../local/topology';
import { resolveHandlerFile, parseHandler } from '../../local/lambda/handler-path';
import { roleActions, STAGE, type Assembly } from '../lib/assembly';
import { onCleanup } from '../lib/cleanup';
import { progress } from '../lib/progress';
import { median, round } from '../lib/stats';
import { buildFloorBundle, FloorUnavailable } from './floor-bundle';
import { importOnce } from './measure';
import { sdkClientsFor, type SdkClientRule } from './sdk-clients';

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

/**
 * `perFloor`: measure only that many functions of each floor group (the largest bundles) —
 * the quick run's sample, one per distinct set of SDK clients; absent = every function.
 */
export async function coldStartPhase(assembly: Assembly, runs: number, perFloor?: number): Promise<ColdStartRow[]> {
  const work = mkdtempSync(join(tmpdir(), 'anxin-bench-floor-'));
  const removeWork = onCleanup('floor bundles', () => rmSync(work, { recursive: true, force: true }));
  try {
    const subjects = assembly.topology.functions.map((fn) => ({
      fn,
      rules: sdkClientsFor(fn, roleActions(assembly, fn.logicalId)),
      file: resolveHandlerFile(fn.bundleDir, parseHandler(fn.handler).module),
      // The function's Lambda environment (template variables resolved locally, dummy credentials): module-level init runs as in Lambda.
      env: lambdaEnvironment(fn, { logStreamName: 'bench', extraEnv: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } }),
      samples: [] as number[],
      /** The floor's import beside each of this function's imports (same run, same environment). */
      floorSamples: [] as number[],
    }));

    // Functions that need the same clients share one floor: built once, imported once per run,
    // and each function's run is paired with its floor's import of the same run.
    const floors = new Map<string, Floor>();
    for (const s of subjects) {
      const key = s.rules.map((r) => r.id).join('+');
      if (!floors.has(key)) floors.set(key, { key, env: s.env, members: [] });
      floors.get(key)!.members.push(s);
    }
    if (perFloor !== undefined) {
      for (const floor of floors.values()) {
        floor.members = floor.members.sort((a, b) => statSync(b.file).size - statSync(a.file).size).slice(0, perFloor);
      }
    }
    const measured = [...floors.values()].reduce((n, f) => n + f.members.length, 0);
    await Promise.all(
      [...floors.values()].map(async (floor, i) => {
        const dir = join(work, String(i));
        mkdirSync(dir);
        try {
          floor.bundle = await buildFloorBundle(floor.members[0]!.rules, dir, STAGE);
        } catch (error) {
          if (!(error instanceof FloorUnavailable)) throw error;
          floor.unavailable = error.message;
        }
      }),
    );

    // One uncounted import of each bundle first: the first read of a file comes from disk, later ones from the page cache.
    for (const floor of floors.values()) {
      if (floor.bundle) await importOnce(floor.bundle.file, floor.env);
      for (const s of floor.members) await importOnce(s.file, s.env);
    }
    const bar = progress('cold start', runs * measured);
    for (let run = 0; run < runs; run++) {
      for (const floor of floors.values()) {
        for (const [i, s] of floor.members.entries()) {
          // Alternate whether the floor goes before or after the function.
          const floorFirst = (run + i) % 2 === 0;
          if (floor.bundle && floorFirst) s.floorSamples.push(await importOnce(floor.bundle.file, s.env));
          s.samples.push(await importOnce(s.file, s.env));
          if (floor.bundle && !floorFirst) s.floorSamples.push(await importOnce(floor.bundle.file, s.env));
          bar.tick();
        }
      }
    }
    bar.done();

    const rows = [...floors.values()].flatMap((floor) =>
      floor.members.map((s) => {
        const medianMs = median(s.samples);
        const floorMedianMs = floor.bundle ? median(s.floorSamples) : undefined;
        const ratio = floor.bundle ? median(s.samples.map((ms, i) => ms / s.floorSamples[i]!)) : undefined;
        return {
          function: s.fn.functionName,
          service: s.fn.environment.POWERTOOLS_SERVICE_NAME ?? s.fn.logicalId,
          clients: s.rules.map((r) => r.label),
          bundleBytes: statSync(s.file).size,
          floorBytes: floor.bundle?.bytes,
          medianMs: round(medianMs),
          floorMedianMs: floorMedianMs === undefined ? undefined : round(floorMedianMs),
          // Three decimals: a ratio of 1.254 misses the target and must not print as 1.25.
          ratio: ratio === undefined ? undefined : round(ratio, 3),
          verdict: ratio === undefined ? `no floor: ${floor.unavailable}` : ratio <= COLD_START_TARGET_RATIO ? 'ok' : 'MISSED',
          runs,
        };
      }),
    );
    // Back in the template's order.
    const order = assembly.topology.functions.map((f) => f.functionName);
    return rows.sort((a, b) => order.indexOf(a.function) - order.indexOf(b.function));
  } finally {
    await removeWork();
  }
}

interface Floor {
  key: string;
  env: Record<string, string>;
  bundle?: { file: string; bytes: number };
  unavailable?: string;
  members: { fn: LocalFunction; rules: SdkClientRule[]; file: string; env: Record<string, string>; samples: number[]; floorSamples: number[] }[];
}
