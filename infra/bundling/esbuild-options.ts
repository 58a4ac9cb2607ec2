/**
 * The esbuild settings of every Lambda bundle, in one place: the function bundles
 * (function-bundles.ts) and the cold-start bench's floor bundle build with exactly these,
 * so a function's cold start is compared with a floor built the same way.
 *
 * - ESM (`.mjs`), target node22 (the Lambda runtime), platform node, minified.
 * - `mainFields: module,main`: the ESM build of a dependency when it has one (tree-shakes).
 * - The AWS SDK is bundled, not taken from the runtime: a pinned, tree-shaken SDK that the
 *   cold-start budget is measured against.
 * - The SDK's default credential chain replaced by the environment's credentials
 *   (shared/lib/env-credential-provider.ts says why): a third of each bundle. And the SDK's
 *   event-stream support, which no function's client uses, replaced by an error
 *   (shared/lib/no-event-streams.ts): another 5%.
 * - A banner defining `require`, for CommonJS dependencies inside the ESM bundle.
 * - Source maps (file and line, without the sources) outside prod only; the function then
 *   runs with `--enable-source-maps` (anxin-function.ts).
 */
import type { BuildOptions } from 'esbuild';

export const ESBUILD_TARGET = 'node22';

/**
 * esbuild turns `require()` calls of CommonJS dependencies into a shim that throws
 * "Dynamic require of X is not supported" in an ESM bundle unless `require` exists.
 * The alias keeps the banner's import from colliding with a bundled `createRequire`.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __anxinCreateRequire } from 'node:module'; const require = __anxinCreateRequire(import.meta.url);";

/**
 * Relative to esbuild's working directory, which every caller sets to the repository root:
 * an absolute path would put the checkout's folder into the bundle cache's key.
 */
const SDK_ALIASES = {
  '@aws-sdk/credential-provider-node': './shared/lib/env-credential-provider.ts',
  '@smithy/core/event-streams': './shared/lib/no-event-streams.ts',
};

/** What differs between stages' bundles. */
export interface BundleSettings {
  readonly sourceMaps: boolean;
}

/** esbuild options shared by every bundle; callers add entry points and output. */
export function esbuildOptions(settings: BundleSettings): BuildOptions {
  return {
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: ESBUILD_TARGET,
    mainFields: ['module', 'main'],
    minify: true,
    sourcemap: settings.sourceMaps,
    // Stack traces need file/line mappings, not the sources: keeps the map (and the asset) small.
    sourcesContent: false,
    banner: { js: ESM_REQUIRE_BANNER },
    charset: 'utf8',
    alias: SDK_ALIASES,
    external: [],
    logLevel: 'silent',
  };
}
