/**
 * The bundle cache is sound: an unchanged function keeps its bundle (and so its CDK asset
 * hash), a changed module rebuilds exactly the functions that import it, and a function
 * that fails to bundle is named without leaving a half-written cache.
 *
 * The real app's check runs on a copy of the repository's sources (node_modules linked),
 * seeded with the manifest the project's synthesis just wrote, so nothing here edits the
 * working tree and nothing is built twice. Which functions import a module is worked out
 * independently of esbuild, by following the sources' relative imports.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import * as esbuild from 'esbuild';
import { BundlingError, FunctionBundles } from '../../infra/bundling/function-bundles';
import { esbuildOptions } from '../../infra/bundling/esbuild-options';
import { REPO_ROOT } from '../../infra/repo-root';
import { stageConfig } from '../../infra/config';
import { assemblyFingerprint, synthesize } from '../../local/synth';
import { isAssemblyCurrent } from '../../infra/synth-fingerprint';
import { scratchDir } from './scratch';

const tmp = scratchDir('bundles-');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Relative imports of a TypeScript file, resolved to repo-relative paths. */
function relativeImports(root: string, file: string): string[] {
  const source = readFileSync(path.join(root, file), 'utf8');
  const specifiers = [...source.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]!);
  return specifiers.map((spec) => {
    const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
    const candidates = [base, `${base}.ts`, `${base}/index.ts`, base.replace(/\.js$/, '.ts')];
    const found = candidates.find((c) => existsSync(path.join(root, c)) && !c.endsWith('/') && path.extname(c) !== '');
    if (!found) throw new Error(`cannot resolve ${spec} from ${file}`);
    return found;
  });
}

/** Every project file an entry reaches through relative imports. */
function importGraph(root: string, entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (file.endsWith('.ts')) for (const next of relativeImports(root, file)) visit(next);
  };
  visit(entry);
  return seen;
}

function assetHashes(outdir: string): Map<string, string> {
  const api = JSON.parse(readFileSync(path.join(outdir, 'Anxin-dev-Api.template.json'), 'utf8')) as { Resources: Record<string, any> };
  const hashes = new Map<string, string>();
  for (const [id, r] of Object.entries(api.Resources)) {
    if (r.Type === 'AWS::Lambda::Function') hashes.set(id, String(r.Properties.Code.S3Key));
  }
  return hashes;
}

describe('the real app', () => {
  it('a second synthesis with nothing changed gives identical asset hashes (no spurious redeploys)', async () => {
    // The project's assembly, when nothing changed since it was made (a test run on a quiet
    // tree); otherwise a first synthesis of our own.
    let first = inject('anxinCloudAssembly');
    if (!isAssemblyCurrent(first, assemblyFingerprint('dev'))) {
      first = path.join(tmp, 'first-synth');
      await synthesize(first, 'dev');
    }
    const second = path.join(tmp, 'second-synth');
    const result = await synthesize(second, 'dev');
    expect(result.reused).toBe(false); // a new folder: synthesized, not reused
    const before = assetHashes(first);
    expect(before.size).toBeGreaterThan(40);
    expect(assetHashes(second)).toEqual(before);
  });

  it('changing one shared module gives new bundles to exactly the functions that import it', () => {
    // A copy of what the bundles are built from, with its own node_modules folder (each
    // package linked) so its bundle cache sits where the real one does and shares its key;
    // the manifest is copied and the content-addressed bundles linked.
    const root = path.join(tmp, 'repo');
    mkdirSync(path.join(root, 'node_modules'), { recursive: true });
    for (const item of ['functions', 'shared', 'infra']) cpSync(path.join(REPO_ROOT, item), path.join(root, item), { recursive: true });
    for (const item of ['package.json', 'package-lock.json', 'tsconfig.json']) cpSync(path.join(REPO_ROOT, item), path.join(root, item));
    for (const pkg of readdirSync(path.join(REPO_ROOT, 'node_modules')).filter((p) => p !== '.cache')) {
      symlinkSync(path.join(REPO_ROOT, 'node_modules', pkg), path.join(root, 'node_modules', pkg));
    }
    const settings = { sourceMaps: stageConfig('dev').sourceMaps };
    const real = new FunctionBundles({ root: REPO_ROOT, settings });
    const cacheDir = path.join(root, 'node_modules/.cache/anxin-bundles');
    mkdirSync(cacheDir, { recursive: true });
    for (const file of readdirSync(real.cacheDir).filter((f) => f.startsWith('manifest-') && f.endsWith('.json'))) {
      cpSync(path.join(real.cacheDir, file), path.join(cacheDir, file));
    }
    symlinkSync(path.join(real.cacheDir, 'assets'), path.join(cacheDir, 'assets'), 'dir');

    const bundles = new FunctionBundles({ root, settings, cacheDir });
    const entries = bundles.entries();
    // Current after this (on a quiet tree the copied manifest already is: nothing is built).
    bundles.ensure(entries);
    const unchanged = bundles.ensure(entries);
    expect(unchanged.built).toEqual([]);
    expect(unchanged.reused).toEqual(entries);
    const hashesBefore = new Map(entries.map((e) => [e, bundles.bundle(e).hash]));

    // A module some functions import and others do not.
    const module = 'shared/views/order-views.ts';
    const importers = entries.filter((e) => importGraph(root, e).has(module));
    expect(importers.length).toBeGreaterThan(0);
    expect(importers.length).toBeLessThan(entries.length);
    writeFileSync(path.join(root, module), `${readFileSync(path.join(root, module), 'utf8')}\nglobalThis.__anxinBundleProbe = 1;\n`);

    const after = bundles.ensure(entries);
    expect(after.built.sort()).toEqual([...importers].sort());
    expect(after.changed.sort()).toEqual([...importers].sort());
    bundles.invalidate();
    for (const entry of entries) {
      expect(bundles.bundle(entry).hash !== hashesBefore.get(entry), entry).toBe(importers.includes(entry));
    }
  });
});

describe('a small repository', () => {
  function smallRepo(name: string): string {
    const root = path.join(tmp, name);
    mkdirSync(path.join(root, 'functions'), { recursive: true });
    mkdirSync(path.join(root, 'lib'), { recursive: true });
    writeFileSync(path.join(root, 'lib/greeting.ts'), "export const greeting = (n: string) => `hello ${n}`;\n");
    writeFileSync(path.join(root, 'lib/unused.ts'), 'export const unused = 1;\n');
    writeFileSync(path.join(root, 'functions/a.ts'), "import { greeting } from '../lib/greeting';\nexport const handler = async () => greeting('a');\n");
    writeFileSync(path.join(root, 'functions/b.ts'), "import { unused } from '../lib/unused';\nexport const handler = async () => 'b';\nvoid unused;\n");
    return root;
  }

  it('builds a bundle alone with the same bytes as in a pass with others', () => {
    const root = smallRepo('alone');
    const together = new FunctionBundles({ root, settings: { sourceMaps: true }, cacheDir: path.join(root, '.c1') });
    together.ensure(together.entries());
    const alone = new FunctionBundles({ root, settings: { sourceMaps: true }, cacheDir: path.join(root, '.c2') });
    alone.ensure(['functions/a.ts']);
    expect(alone.bundle('functions/a.ts').hash).toBe(together.bundle('functions/a.ts').hash);
    const code = readFileSync(path.join(together.bundle('functions/a.ts').dir, 'index.mjs'), 'utf8');
    expect(code).toContain('createRequire');
    expect(existsSync(path.join(together.bundle('functions/a.ts').dir, 'index.mjs.map'))).toBe(true);
  });

  it("one pass makes both stages' bundles current, byte for byte what esbuild builds for each stage alone", () => {
    const root = smallRepo('stages');
    const cacheDir = path.join(root, '.c');
    const dev = new FunctionBundles({ root, settings: { sourceMaps: true }, cacheDir });
    expect(dev.ensure(dev.entries()).built).toEqual(['functions/a.ts', 'functions/b.ts']);
    const prod = new FunctionBundles({ root, settings: { sourceMaps: false }, cacheDir });
    expect(prod.ensure(prod.entries()).built).toEqual([]);
    for (const [bundles, sourceMaps] of [[dev, true], [prod, false]] as const) {
      const alone = esbuild.buildSync({
        ...esbuildOptions({ sourceMaps }),
        absWorkingDir: root,
        outdir: path.join(cacheDir, 'out'),
        outExtension: { '.js': '.mjs' },
        entryPoints: { 'functions~a/index': path.join(root, 'functions/a.ts') },
        write: false,
      });
      const { dir } = bundles.bundle('functions/a.ts');
      expect(readdirSync(dir).sort()).toEqual(alone.outputFiles.map((f) => path.basename(f.path)).sort());
      for (const file of alone.outputFiles) {
        expect(Buffer.from(readFileSync(path.join(dir, path.basename(file.path)))).equals(Buffer.from(file.contents)), `${file.path}, sourceMaps ${sourceMaps}`).toBe(true);
      }
    }
    expect(dev.bundle('functions/a.ts').hash).not.toBe(prod.bundle('functions/a.ts').hash);
  });

  it('rebuilds a function when a module it imports but tree-shakes away changes', () => {
    const root = smallRepo('shaken');
    const bundles = new FunctionBundles({ root, settings: { sourceMaps: false }, cacheDir: path.join(root, '.c') });
    bundles.ensure(bundles.entries());
    writeFileSync(path.join(root, 'lib/unused.ts'), 'export const unused = 1;\nconsole.log("side effect");\n');
    const report = bundles.ensure(bundles.entries());
    expect(report.built).toEqual(['functions/b.ts']);
    expect(report.changed).toEqual(['functions/b.ts']);
  });

  it('names the function that fails to bundle, keeps the others, and never points at a half-written bundle', () => {
    const root = smallRepo('broken');
    const cacheDir = path.join(root, '.c');
    writeFileSync(path.join(root, 'functions/b.ts'), "import { nothing } from '../lib/missing';\nexport const handler = nothing;\n");
    const bundles = new FunctionBundles({ root, settings: { sourceMaps: false }, cacheDir });
    let error: unknown;
    try {
      bundles.ensure(bundles.entries());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BundlingError);
    expect((error as BundlingError).failures.map((f) => f.entry)).toEqual(['functions/b.ts']);
    expect((error as Error).message).toMatch(/functions\/b\.ts[\s\S]*Could not resolve "\.\.\/lib\/missing"/);

    // The function that built is cached; the manifest names only complete bundles.
    const again = new FunctionBundles({ root, settings: { sourceMaps: false }, cacheDir });
    expect(again.ensure(['functions/a.ts']).built).toEqual([]);
    const manifestFile = readdirSync(cacheDir).find((f) => f.startsWith('manifest-'))!;
    const manifest = JSON.parse(readFileSync(path.join(cacheDir, manifestFile), 'utf8')) as { functions: Record<string, { asset: string }> };
    expect(Object.keys(manifest.functions)).toEqual(['functions/a.ts']);
    for (const { asset } of Object.values(manifest.functions)) expect(existsSync(path.join(cacheDir, 'assets', asset, 'index.mjs'))).toBe(true);
    expect(readdirSync(path.join(cacheDir, 'assets')).filter((d) => d.includes('.tmp-'))).toEqual([]);
    expect(readdirSync(cacheDir).filter((d) => d.startsWith('pass-'))).toEqual([]); // the passes' own folders
  });

  it("leaves no pass folder behind, and removes one a killed process left an hour ago but not another process's pass in progress", async () => {
    const root = smallRepo('pass-folders');
    const cacheDir = path.join(root, '.c');
    const passFolders = () => readdirSync(cacheDir).filter((d) => d.startsWith('pass-')).sort();
    const bundles = new FunctionBundles({ root, settings: { sourceMaps: true }, cacheDir });
    expect(bundles.ensure(bundles.entries()).built).toEqual(['functions/a.ts', 'functions/b.ts']);
    expect(passFolders()).toEqual([]);

    const abandoned = path.join(cacheDir, 'pass-999999-1-1');
    const inProgress = path.join(cacheDir, 'pass-999998-2-1');
    for (const dir of [abandoned, inProgress]) mkdirSync(path.join(dir, 'functions~a'), { recursive: true });
    const hourAndMinuteAgo = new Date(Date.now() - 61 * 60_000);
    utimesSync(abandoned, hourAndMinuteAgo, hourAndMinuteAgo);
    writeFileSync(path.join(root, 'lib/greeting.ts'), "export const greeting = (n: string) => `hi ${n}`;\n");
    expect((await bundles.rebuild()).built).toEqual(['functions/a.ts']);
    expect(passFolders()).toEqual(['pass-999998-2-1']);
    expect(readFileSync(path.join(bundles.bundle('functions/a.ts').dir, 'index.mjs'), 'utf8')).toContain('hi ');
  });

  it('a watch-mode rebuild builds only the functions an edit made stale', async () => {
    const root = smallRepo('watch');
    const bundles = new FunctionBundles({ root, settings: { sourceMaps: true }, cacheDir: path.join(root, '.c') });
    bundles.ensure(bundles.entries());
    const first = await bundles.rebuild();
    expect(first.built).toEqual([]);
    writeFileSync(path.join(root, 'lib/greeting.ts'), "export const greeting = (n: string) => `hi ${n}`;\n");
    const second = await bundles.rebuild();
    expect(second.built).toEqual(['functions/a.ts']);
    expect(second.changed).toEqual(['functions/a.ts']);
    expect(readFileSync(path.join(bundles.bundle('functions/a.ts').dir, 'index.mjs'), 'utf8')).toContain('hi ');
  });

  it('an edit saved while a pass runs is built by the next rebuild, whichever content the pass read', async () => {
    const root = smallRepo('racing-edit');
    const bundles = new FunctionBundles({ root, settings: { sourceMaps: false }, cacheDir: path.join(root, '.c') });
    bundles.ensure(bundles.entries());
    writeFileSync(path.join(root, 'lib/greeting.ts'), "export const greeting = (n: string) => `hi ${n}`;\n");
    const pass = bundles.rebuild(); // has looked at the files; esbuild reads them from here on
    writeFileSync(path.join(root, 'lib/greeting.ts'), "export const greeting = (n: string) => `hey ${n}`;\n");
    expect((await pass).built).toEqual(['functions/a.ts']);
    // The pass may have read either edit: the second must not count as built until a pass began after it.
    expect((await bundles.rebuild()).built).toEqual(['functions/a.ts']);
    expect(readFileSync(path.join(bundles.bundle('functions/a.ts').dir, 'index.mjs'), 'utf8')).toContain('hey ');
    expect((await bundles.rebuild()).built).toEqual([]);
  });
});
