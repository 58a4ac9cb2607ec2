/**
 * What a function bundle built from `contents` would be made of: the inputs esbuild's metafile
 * names, built in memory with the functions' own settings (infra/bundling/esbuild-options.ts).
 * For the tests that hold part of a package out of every bundle (an esbuild alias).
 */
import path from 'node:path';
import * as esbuild from 'esbuild';
import { esbuildOptions } from '../../infra/bundling/esbuild-options';
import { REPO_ROOT } from '../../infra/repo-root';

/** A client constructed, as every function's store or queue module does. */
export const DYNAMODB_CLIENT_MODULE = "import { DynamoDBClient } from '@aws-sdk/client-dynamodb'; export const client = new DynamoDBClient({});";

/** The inputs (repository-relative paths) of a bundle of `contents`, a JavaScript module. */
export function probeBundleInputs(contents: string): string[] {
  const result = esbuild.buildSync({
    ...esbuildOptions({ sourceMaps: false }),
    absWorkingDir: REPO_ROOT,
    stdin: { contents, resolveDir: REPO_ROOT, loader: 'js' },
    // Never written: the path only gives esbuild an output to name.
    outfile: path.join(REPO_ROOT, 'node_modules/.cache/probe-bundle.mjs'),
    write: false,
    metafile: true,
  });
  return Object.keys(result.metafile.inputs);
}
