/**
 * Skips a synthesis whose result is already on disk. A cloud assembly is a function of the
 * app's sources (infra/, and the shared/ and functions/ code it imports or bundles), the
 * installed packages (package-lock.json), cdk.json, and what the caller passes (context,
 * stage, options). When all of these hash to what the assembly in `outdir` was written
 * from, running the app again would write the same files: `cdk synth` and `npm start`
 * then reuse it instead of paying for constructing, validating and writing the app.
 *
 * Deliberately coarse (every file under those folders, not the import graph): an edit
 * anywhere re-synthesizes, and the bundles themselves stay cached per function
 * (infra/bundling/function-bundles.ts), so a re-synthesis after a small edit stays cheap.
 * No imports from aws-cdk-lib here: a reused assembly must not pay for loading it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const SOURCE_DIRS = ['infra', 'shared', 'functions'];
const SOURCE_FILES = ['package-lock.json', 'cdk.json', 'tsconfig.json'];
const FINGERPRINT_FILE = 'anxin-synth.fingerprint';

/** A hash of everything the assembly depends on, plus `inputs` (context, stage, options). */
export function synthFingerprint(root: string, inputs: unknown): string {
  const hash = createHash('sha256').update(JSON.stringify(inputs ?? null));
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const item of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${item.name}`;
      if (item.isDirectory()) walk(rel);
      else files.push(rel);
    }
  };
  for (const dir of SOURCE_DIRS) if (existsSync(path.join(root, dir))) walk(dir);
  files.push(...SOURCE_FILES.filter((f) => existsSync(path.join(root, f))));
  for (const file of files.sort()) hash.update('\0').update(file).update('\0').update(readFileSync(path.join(root, file)));
  return hash.digest('hex');
}

/** True when `outdir` holds a complete assembly written from this fingerprint. */
export function isAssemblyCurrent(outdir: string, fingerprint: string): boolean {
  try {
    return (
      existsSync(path.join(outdir, 'manifest.json')) &&
      readFileSync(path.join(outdir, FINGERPRINT_FILE), 'utf8') === fingerprint
    );
  } catch {
    return false;
  }
}

/** Records that `outdir` now holds the assembly of `fingerprint` (after a complete synthesis). */
export function recordAssembly(outdir: string, fingerprint: string): void {
  writeFileSync(path.join(outdir, FINGERPRINT_FILE), fingerprint);
}
