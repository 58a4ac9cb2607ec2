/**
 * Every Lambda function of the app bundled in ONE esbuild pass, with a cache keyed by the
 * bundles' inputs, so `cdk synth`, `cdk deploy`, `npm start`, the tests and the bench all
 * reuse the same bundles and an unchanged function is never built again.
 *
 * Why by hand: NodejsFunction bundles each function in its own esbuild process at every
 * synthesis (49 processes, ~1 minute on 2 cores, growing with every function). esbuild
 * itself builds many entry points in one pass (each file parsed once), and its metafile
 * names each bundle's inputs — which is all a sound cache needs.
 *
 * Layout of the cache directory (node_modules/.cache/anxin-bundles by default, so `npm ci`
 * starts it afresh):
 *   assets/<sha256>/index.mjs[.map]   one folder per bundle, named by the hash of its bytes:
 *                                     the CDK asset hash, so an unchanged bundle never
 *                                     causes a redeploy
 *   manifest-<key>.json               per settings key: entry → asset hash + the content
 *                                     hash of each project file the bundle was built from
 * The key covers everything else a bundle depends on: the esbuild options and version,
 * package-lock.json (so node_modules) and tsconfig.json.
 *
 * A bundle is current when every project file it was built from still has the recorded
 * content hash (a new import means an edited importer, so it is caught too). Stale entries
 * are rebuilt together in one pass, and the hashes recorded for them are taken before it
 * (see store()).
 *
 * One pass serves both stages: the stages' bundles differ only by the source map (dev) and
 * esbuild's code is the same bytes with or without one. The pass writes the map to a
 * separate file (`sourcemap: 'external'`); a bundle with source maps is that code plus the
 * `//# sourceMappingURL` line esbuild itself appends, one without is the code alone
 * (function-bundles.test.ts holds both to esbuild's own builds). So whichever stage builds
 * first also makes the other stage's bundles current: the prod `cdk synth` after a dev
 * synthesis (the tests, a deploy after `npm start`) only synthesizes. The price is the map of
 * a pass that only prod needed. Assets are written to a temporary folder and renamed,
 * and the manifest is replaced atomically after its assets exist: an interrupted or failed
 * build never leaves a manifest pointing at a half-written bundle.
 *
 * esbuild writes each pass's files itself, into a folder of that pass (`pass-XXXXXX`, a
 * sibling of assets/, removed once stored). Handed back through esbuild's pipe instead, the
 * ~60 MB of code and maps of a whole pass cost Node ~0.6 s of one core after the pass
 * (measured 2026-12-07: 1.2–1.5 against 0.6–0.7 CPU-s, the pass 0.5–1.3 s shorter), at the
 * end of every fresh synth and start, where nothing else runs beside it.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { esbuildOptions, type BundleSettings } from './esbuild-options';

/** Bumped when the cache layout or the way bundles are built changes. */
const CACHE_FORMAT = 2;
const BUNDLE_FILE = 'index.mjs';
const MAP_FILE = `${BUNDLE_FILE}.map`;
/** What esbuild appends to a bundle built with `sourcemap: true` (linked). */
const SOURCE_MAP_LINK = `//# sourceMappingURL=${MAP_FILE}\n`;
/** A pass's folder left by a process killed mid-pass is removed by a later pass after this long. */
const ABANDONED_PASS_MS = 60 * 60_000;

export interface FunctionBundle {
  /** Entry file relative to the repository root, e.g. `functions/http/orders-create.ts`. */
  readonly entry: string;
  /** sha256 of the bundle's files (names and bytes): the CDK asset hash. */
  readonly hash: string;
  /** Absolute folder holding `index.mjs` (and its map). */
  readonly dir: string;
}

export interface BuildReport {
  /** Entries built by this call. */
  readonly built: string[];
  /** Entries whose cached bundle was current. */
  readonly reused: string[];
  /** Entries whose bundle bytes changed (built and different from before). */
  readonly changed: string[];
  readonly ms: number;
}

/** One or more functions failed to bundle; the others' bundles are cached. */
export class BundlingError extends Error {
  constructor(readonly failures: { entry: string; message: string }[]) {
    super(
      `esbuild could not bundle ${failures.length} function(s):\n` +
        failures.map((f) => `  ${f.entry}:\n    ${f.message.split('\n').join('\n    ')}`).join('\n'),
    );
    this.name = 'BundlingError';
  }
}

interface ManifestEntry {
  readonly asset: string;
  /** Project file (repo-relative) → sha256 of its content when the bundle was built. */
  readonly inputs: Record<string, string>;
}

type PassResult = esbuild.BuildResult<{ metafile: true }>;

interface Manifest {
  readonly key: string;
  readonly functions: Record<string, ManifestEntry>;
}

/** What one ensure() or rebuild() works from: the manifest, what is stale, and file hashes. */
interface Plan {
  readonly manifest: Manifest;
  readonly stale: string[];
  readonly reused: string[];
  readonly hashes: ContentHashes;
}

/** Never a sha256: recorded for an input that changed while the pass read it. */
const CHANGED_WHILE_BUILDING = 'changed-while-building';

/** Content hashes of the repository's files, each read once per check or build. */
class ContentHashes {
  private readonly known = new Map<string, { hash: string; bytes: number }>();
  constructor(private readonly root: string) {}

  /** sha256 of the file (repo-relative) as it is now, or as it was when first asked. */
  of(file: string): string {
    return this.read(file).hash;
  }

  /** The hash to record for an input esbuild read as `bytes` bytes. */
  asRead(file: string, bytes: number): string {
    const { hash, bytes: size } = this.read(file);
    return size === bytes ? hash : CHANGED_WHILE_BUILDING;
  }

  private read(file: string): { hash: string; bytes: number } {
    let found = this.known.get(file);
    if (!found) {
      let content: Buffer | undefined;
      try {
        content = readFileSync(path.join(this.root, file));
      } catch {
        // missing: recorded as such, so the bundle is stale once the file exists again
      }
      found = content ? { hash: sha256(content), bytes: content.length } : { hash: 'missing', bytes: -1 };
      this.known.set(file, found);
    }
    return found;
  }
}

export interface FunctionBundlesOptions {
  /** Repository root: entries, inputs and the lockfile are relative to it. */
  readonly root: string;
  readonly settings: BundleSettings;
  /** Default `<root>/node_modules/.cache/anxin-bundles`; env ANXIN_BUNDLE_CACHE overrides it. */
  readonly cacheDir?: string;
  /** Folders (relative to root) whose `.ts` files are function entries. Default `functions`. */
  readonly entryDirs?: readonly string[];
  /** Progress lines (what was built, what was reused). */
  readonly log?: (line: string) => void;
}

export class FunctionBundles {
  readonly root: string;
  readonly cacheDir: string;
  private readonly options: esbuild.BuildOptions;
  private readonly key: string;
  /** Every stage's variant of the bundles one pass yields: this one's settings first. */
  private readonly variants: readonly { readonly settings: BundleSettings; readonly key: string }[];
  private readonly entryDirs: readonly string[];
  private readonly log: (line: string) => void;
  /** The manifest as this process last read or wrote it. */
  private manifest: Manifest | undefined;
  /** True once every known entry was checked (or built) since the last invalidate(). */
  private checked = false;

  constructor(opts: FunctionBundlesOptions) {
    this.root = path.resolve(opts.root);
    this.cacheDir = path.resolve(opts.cacheDir ?? process.env.ANXIN_BUNDLE_CACHE ?? path.join(this.root, 'node_modules/.cache/anxin-bundles'));
    this.entryDirs = opts.entryDirs ?? ['functions'];
    this.log = opts.log ?? (() => undefined);
    const passOptions = (settings: BundleSettings): esbuild.BuildOptions => ({
      ...esbuildOptions(settings),
      absWorkingDir: this.root,
      // outdir is set per pass (passDir()).
      outExtension: { '.js': '.mjs' },
      write: true,
      metafile: true,
    });
    // The code, and its map beside it without a link: every variant derives from these.
    this.options = { ...passOptions(opts.settings), sourcemap: 'external' };
    const files = new ContentHashes(this.root);
    const lockfile = files.of('package-lock.json');
    const tsconfig = files.of('tsconfig.json');
    const keyOf = (settings: BundleSettings) =>
      sha256(
        JSON.stringify({
          format: CACHE_FORMAT,
          esbuild: esbuild.version,
          // Paths inside the manifest are relative to the root, and the bundles depend on
          // where the sources are only through the source maps' paths relative to the cache:
          // the same checkout in another folder shares the key.
          options: { ...passOptions(settings), absWorkingDir: undefined },
          sourcesFromCache: path.relative(this.cacheDir, this.root),
          lockfile,
          tsconfig,
        }),
      ).slice(0, 16);
    this.variants = [opts.settings, { ...opts.settings, sourceMaps: !opts.settings.sourceMaps }].map((settings) => ({ settings, key: keyOf(settings) }));
    this.key = this.variants[0]!.key;
  }

  /** The function entries of the repository (every `.ts` under the entry folders). */
  entries(): string[] {
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const item of readdirSync(path.join(this.root, dir), { withFileTypes: true })) {
        const rel = `${dir}/${item.name}`;
        if (item.isDirectory()) walk(rel);
        else if (item.name.endsWith('.ts') && !item.name.endsWith('.d.ts')) found.push(rel);
      }
    };
    for (const dir of this.entryDirs) if (existsSync(path.join(this.root, dir))) walk(dir);
    return found.sort();
  }

  /**
   * The current bundle of `entry`, building whatever is stale first. The first call checks
   * (and if needed builds, in one pass) every entry of the repository, so the whole app
   * costs one esbuild pass; later calls are lookups.
   */
  bundle(entry: string): FunctionBundle {
    const rel = this.relative(entry);
    if (!this.checked) {
      const all = this.entries();
      this.ensure(all.includes(rel) ? all : [...all, rel]);
      this.checked = true;
    }
    let found = this.manifest?.functions[rel];
    if (!found) {
      this.ensure([rel]);
      found = this.manifest?.functions[rel];
    }
    if (!found) throw new Error(`no bundle for ${rel}`);
    return { entry: rel, hash: found.asset, dir: this.assetDir(found.asset) };
  }

  /** Makes sure `entries` have current bundles (one esbuild pass for all stale ones). */
  ensure(entries: string[]): BuildReport {
    const started = Date.now();
    const plan = this.staleness(entries);
    if (plan.stale.length === 0) return this.nothingStale(plan, started);
    const outdir = this.passDir();
    try {
      let result: PassResult;
      try {
        result = esbuild.buildSync({ ...this.options, outdir, entryPoints: this.entryPoints(plan.stale) }) as PassResult;
      } catch {
        return this.ensureOneByOne(plan, started);
      }
      return this.stored(plan, result, outdir, started);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  }

  /**
   * The same as ensure() for every entry, without blocking the event loop: the local
   * platform's synthesis (esbuild builds while Node loads the CDK) and watch mode. Why not
   * esbuild's incremental context there: a context rebuild re-links and re-prints EVERY
   * entry point of the pass (measured: 11 s for 52 functions after a one-line edit), while a
   * pass of just the stale entries takes about a second for one function.
   */
  async rebuild(): Promise<BuildReport> {
    const started = Date.now();
    this.checked = false;
    const plan = this.staleness(this.entries());
    let report: BuildReport;
    if (plan.stale.length === 0) {
      report = this.nothingStale(plan, started);
    } else {
      const outdir = this.passDir();
      try {
        let result: PassResult | undefined;
        try {
          result = (await esbuild.build({ ...this.options, outdir, entryPoints: this.entryPoints(plan.stale) })) as PassResult;
        } catch {
          report = this.ensureOneByOne(plan, started);
        }
        report ??= this.stored(plan, result!, outdir, started);
      } finally {
        rmSync(outdir, { recursive: true, force: true });
      }
    }
    this.checked = true; // every entry is current now
    return report;
  }

  /**
   * Which of `entries` need building: those whose recorded inputs changed, or never built.
   * Also hashes, before esbuild reads anything, the files the stale bundles were last built
   * from: see store() for why.
   */
  private staleness(entries: string[]): Plan {
    const manifest = this.readManifest();
    const hashes = new ContentHashes(this.root);
    const stale = entries.filter((entry) => !this.isCurrent(manifest.functions[entry], hashes));
    for (const entry of stale) {
      hashes.of(entry);
      for (const input of Object.keys(manifest.functions[entry]?.inputs ?? {})) hashes.of(input);
    }
    return { manifest, stale, reused: entries.filter((entry) => !stale.includes(entry)), hashes };
  }

  private nothingStale({ manifest, reused }: Plan, started: number): BuildReport {
    this.manifest = manifest;
    this.log(`[bundle] all ${reused.length} function bundles are current: none re-bundled`);
    return { built: [], reused, changed: [], ms: Date.now() - started };
  }

  private stored(plan: Plan, result: PassResult, outdir: string, started: number): BuildReport {
    const changed = this.store(plan, plan.stale, result, outdir);
    this.log(`[bundle] built ${plan.stale.length} function(s) in one esbuild pass (${Date.now() - started} ms); ${plan.reused.length} unchanged, reused`);
    return { built: plan.stale, reused: plan.reused, changed, ms: Date.now() - started };
  }

  /** Forgets what this process checked: the next bundle() looks at the files again. */
  invalidate(): void {
    this.checked = false;
    this.manifest = undefined;
  }

  assetDir(hash: string): string {
    return path.join(this.cacheDir, 'assets', hash);
  }

  /**
   * A new folder for one pass's files (see the module comment); old abandoned ones go.
   * Output paths only shape the source maps' relative `sources`: a pass's folder and assets/
   * are both children of the cache folder, so the maps stay valid in assets/<hash>/.
   */
  private passDir(): string {
    const prefix = 'pass-';
    for (const item of existsSync(this.cacheDir) ? readdirSync(this.cacheDir, { withFileTypes: true }) : []) {
      if (!item.isDirectory() || !item.name.startsWith(prefix)) continue;
      const dir = path.join(this.cacheDir, item.name);
      try {
        if (Date.now() - statSync(dir).mtimeMs > ABANDONED_PASS_MS) rmSync(dir, { recursive: true, force: true });
      } catch {
        // removed by another process meanwhile
      }
    }
    // mkdtemp: unique across processes and across the threads of one (vitest's share a pid).
    mkdirSync(this.cacheDir, { recursive: true });
    return mkdtempSync(path.join(this.cacheDir, prefix));
  }

  private ensureOneByOne(plan: Plan, started: number): BuildReport {
    const failures: { entry: string; message: string }[] = [];
    const built: string[] = [];
    const changed: string[] = [];
    for (const entry of plan.stale) {
      const outdir = this.passDir();
      try {
        const result = esbuild.buildSync({ ...this.options, outdir, entryPoints: this.entryPoints([entry]) });
        changed.push(...this.store(plan, [entry], result as PassResult, outdir));
        built.push(entry);
      } catch (error) {
        failures.push({ entry, message: describeFailure(error) });
      } finally {
        rmSync(outdir, { recursive: true, force: true });
      }
    }
    if (failures.length > 0) throw new BundlingError(failures);
    return { built, reused: plan.reused, changed, ms: Date.now() - started };
  }

  /**
   * Writes the pass's bundles as assets, with and without source maps (see the module
   * comment), then the manifests naming them. Returns the entries whose asset of this
   * instance's own variant changed.
   *
   * A bundle's inputs are recorded with their content as it was when the pass began
   * (plan.hashes), not as it is now: a file saved while esbuild runs (a second save, a
   * formatter rewriting on save) may or may not be in the bundle, and recording its new
   * content would mark a bundle of the old one current for good. Recorded from before, the
   * next check finds the file changed and builds again. A file no bundle was built from
   * before (a new import) is hashed now; if its size differs from what esbuild read, it is
   * recorded as changed.
   */
  private store(plan: Plan, entries: string[], result: PassResult, outdir: string): string[] {
    const { manifest, hashes } = plan;
    const written = (entry: string, file: string) => {
      const at = path.join(outdir, outputName(entry), file);
      return existsSync(at) ? readFileSync(at) : undefined;
    };
    const updates = this.variants.map((): Record<string, ManifestEntry> => ({}));
    const changed: string[] = [];
    for (const entry of entries) {
      const code = written(entry, BUNDLE_FILE);
      const map = written(entry, MAP_FILE);
      if (!code || !map) throw new Error(`esbuild wrote no ${BUNDLE_FILE} and ${MAP_FILE} for ${entry}`);
      const inputs: Record<string, string> = {};
      for (const input of reachableInputs(result.metafile, entry)) inputs[input] = hashes.asRead(input, result.metafile.inputs[input]!.bytes);
      this.variants.forEach(({ settings }, i) => {
        const bundle: [string, Uint8Array][] = settings.sourceMaps
          ? [[BUNDLE_FILE, Buffer.concat([code, Buffer.from(SOURCE_MAP_LINK)])], [MAP_FILE, map]]
          : [[BUNDLE_FILE, code]];
        const hasher = createHash('sha256');
        for (const [file, contents] of bundle) hasher.update(file).update('\0').update(contents);
        const asset = hasher.digest('hex');
        this.writeAsset(asset, bundle);
        if (i === 0 && manifest.functions[entry]?.asset !== asset) changed.push(entry);
        updates[i]![entry] = { asset, inputs };
      });
    }
    // Merged into the manifests as they are on disk now: another process (a parallel test
    // worker) may have added entries since they were read.
    this.variants.forEach(({ key }, i) => this.writeManifest(key, { key, functions: { ...this.readManifest(key).functions, ...updates[i] } }));
    return changed;
  }

  private writeAsset(asset: string, bundle: [string, Uint8Array][]): void {
    const dir = this.assetDir(asset);
    if (existsSync(path.join(dir, BUNDLE_FILE))) return; // content-addressed: already there
    const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
    mkdirSync(tmp, { recursive: true });
    for (const [file, contents] of bundle) writeFileSync(path.join(tmp, file), contents);
    try {
      renameSync(tmp, dir);
    } catch (error) {
      // Another process wrote the same content-addressed folder first.
      rmSync(tmp, { recursive: true, force: true });
      if (!existsSync(path.join(dir, BUNDLE_FILE))) throw error;
    }
  }

  private isCurrent(entry: ManifestEntry | undefined, hashes: ContentHashes): boolean {
    if (!entry || !existsSync(path.join(this.assetDir(entry.asset), BUNDLE_FILE))) return false;
    return Object.entries(entry.inputs).every(([input, recorded]) => hashes.of(input) === recorded);
  }

  private manifestFile(key: string): string {
    return path.join(this.cacheDir, `manifest-${key}.json`);
  }

  private readManifest(key = this.key): Manifest {
    try {
      const manifest = JSON.parse(readFileSync(this.manifestFile(key), 'utf8')) as Manifest;
      if (manifest.key === key && manifest.functions) return manifest;
    } catch {
      // missing or unreadable: start empty
    }
    return { key, functions: {} };
  }

  private writeManifest(key: string, manifest: Manifest): void {
    mkdirSync(this.cacheDir, { recursive: true });
    const file = this.manifestFile(key);
    const tmp = `${file}.tmp-${process.pid}-${Date.now()}`;
    writeFileSync(tmp, JSON.stringify(manifest, null, 1));
    renameSync(tmp, file);
    if (key === this.key) this.manifest = manifest;
  }

  private entryPoints(entries: string[]): Record<string, string> {
    return Object.fromEntries(entries.map((entry) => [`${outputName(entry)}/index`, path.join(this.root, entry)]));
  }

  private relative(entry: string): string {
    return (path.isAbsolute(entry) ? path.relative(this.root, entry) : path.normalize(entry)).split(path.sep).join('/');
  }
}

/**
 * The project files an entry's bundle depends on: every file reachable from the entry
 * through the import graph esbuild parsed, including modules tree-shaking dropped from the
 * output (an edit that gives one a side effect must rebuild the bundle too). node_modules
 * are covered by the lockfile in the cache key.
 */
function reachableInputs(metafile: esbuild.Metafile, entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !metafile.inputs[file]) return;
    seen.add(file);
    if (file.includes('node_modules/')) return; // packages do not import project files
    for (const imported of metafile.inputs[file].imports) if (!imported.external) visit(imported.path);
  };
  visit(entry);
  if (seen.size === 0) throw new Error(`esbuild's metafile does not list the entry ${entry}`);
  return [...seen].filter((file) => !file.includes('node_modules/') && !file.startsWith('<')).sort();
}

/** `functions/http/orders-create.ts` → `functions~http~orders-create`: one folder per function. */
function outputName(entry: string): string {
  return entry.replace(/\.[cm]?[jt]s$/, '').replace(/\.\.\//g, '_up_/').split('/').join('~');
}

function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

function describeFailure(error: unknown): string {
  const failure = error as { errors?: esbuild.Message[]; message?: string };
  if (Array.isArray(failure.errors) && failure.errors.length > 0) {
    return failure.errors
      .map((m) => (m.location ? `${m.location.file}:${m.location.line}:${m.location.column}: ${m.text}` : m.text))
      .join('\n');
  }
  return String(failure.message ?? error);
}

const perProcess = new Map<string, FunctionBundles>();

/**
 * The bundles of one repository and settings, shared by every construct of this process:
 * the first function asks for all bundles at once, later ones look theirs up.
 */
export function functionBundlesFor(root: string, settings: BundleSettings, log?: (line: string) => void): FunctionBundles {
  const id = JSON.stringify([path.resolve(root), settings, process.env.ANXIN_BUNDLE_CACHE ?? '']);
  let bundles = perProcess.get(id);
  if (!bundles) {
    bundles = new FunctionBundles({ root, settings, log });
    perProcess.set(id, bundles);
  }
  return bundles;
}
