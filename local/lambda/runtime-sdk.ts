/**
 * Lambda's Node.js runtime lets a function import the AWS SDK v3 without bundling it
 * (NodejsFunction leaves `@aws-sdk/*` out by default): the runtime ships every client.
 * Locally the platform keeps bundles in `<data dir>/bundles/<asset>`, and Node looks for a
 * bare import in every `node_modules` folder above the importing file, CommonJS and ESM
 * alike. So `<data dir>/bundles/node_modules/@aws-sdk/<package>` (and `@smithy/<package>`,
 * which the runtime ships too) is one link per package, to where Node would find it from
 * another app's own folder (`--app-dir`: its node_modules, then each parent folder's) and,
 * for what the app does not have, to this project's own SDK packages — nothing else, as
 * Lambda provides no other package.
 *
 * Why links, and one per package: they are what both `require` and `import` follow (Node 20
 * has no synchronous resolve hook for `require`, and NODE_PATH is ignored by `import`), and a
 * linked package's own dependencies are resolved from where it really is (Node follows
 * links to their real path), so the app's client-s3 runs with the app's @smithy packages
 * while Anxin's client-dynamodb runs with Anxin's. A client found in neither is described
 * by `sdkHint`, which the worker runtime turns into a plain error (missing-sdk.ts).
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { RuntimeSdkHint } from './missing-sdk';

/** The folder name keepBundles must leave alone. */
export const RUNTIME_MODULES = 'node_modules';

const SCOPES = ['@aws-sdk', '@smithy'] as const;

const ANXIN_MODULES = dirname(dirname(dirname(createRequire(import.meta.url).resolve('@aws-sdk/client-dynamodb/package.json'))));

/** The node_modules folders Node searches from a file in `dir`, nearest first. */
function nodeModulesFrom(dir: string): string[] {
  const folders: string[] = [];
  for (let at = resolve(dir); ; at = dirname(at)) {
    folders.push(join(at, 'node_modules'));
    if (dirname(at) === at) return folders;
  }
}

const packagesIn = (folder: string): string[] => {
  try {
    return readdirSync(folder).filter((name) => !name.startsWith('.'));
  } catch {
    return [];
  }
};

function linkTarget(path: string): string | undefined {
  try {
    return readlinkSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Lays out `<bundlesDir>/node_modules` for the functions that leave the SDK to the runtime:
 * each `@aws-sdk` and `@smithy` package linked to the first folder that has it — `appDir`'s
 * node_modules and its parents' (as Node resolves from the app), then Anxin's. Links already
 * right are kept and only stale ones replaced, so a data folder from another checkout or app
 * is mended without disturbing a running worker.
 */
export function provideRuntimeSdk(bundlesDir: string, appDir?: string): RuntimeSdkHint {
  const sources = [...new Set([...(appDir === undefined ? [] : nodeModulesFrom(appDir)), ANXIN_MODULES])];
  const appClients: string[] = [];
  const anxinClients: string[] = [];
  for (const scope of SCOPES) {
    const wanted = new Map<string, string>();
    for (const source of sources) {
      for (const name of packagesIn(join(source, scope))) {
        if (wanted.has(name)) continue;
        wanted.set(name, join(source, scope, name));
        if (scope === '@aws-sdk' && name.startsWith('client-')) (source === ANXIN_MODULES ? anxinClients : appClients).push(name);
      }
    }
    const dir = join(bundlesDir, RUNTIME_MODULES, scope);
    // An older data folder linked the whole scope at once: a folder of links replaces it.
    if (existsSync(dir) && lstatSync(dir).isSymbolicLink()) rmSync(dir, { force: true });
    mkdirSync(dir, { recursive: true });
    for (const name of packagesIn(dir)) if (!wanted.has(name)) rmSync(join(dir, name), { recursive: true, force: true });
    for (const [name, target] of wanted) {
      const link = join(dir, name);
      if (linkTarget(link) === target) continue;
      rmSync(link, { recursive: true, force: true });
      symlinkSync(target, link, 'dir');
    }
  }
  return { ...(appDir === undefined ? {} : { appDir: resolve(appDir) }), appClients: appClients.sort(), anxinClients: anxinClients.sort() };
}
