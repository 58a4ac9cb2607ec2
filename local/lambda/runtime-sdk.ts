/**
 * Lambda's Node.js runtime lets a function import the AWS SDK v3 without bundling it
 * (NodejsFunction leaves `@aws-sdk/*` out by default). Locally the platform keeps bundles in
 * `<data dir>/bundles/<asset>`, and Node looks for a bare import in every `node_modules`
 * folder above the importing file, CommonJS and ESM alike: so `<data dir>/bundles/node_modules`
 * holds one link, `@aws-sdk`, to this project's own SDK packages — and nothing else, as
 * Lambda provides no other package. The clients there are the ones package.json installs;
 * Lambda's runtime has them all, so a function importing another one fails locally with
 * Node's "Cannot find package" and needs the client bundled or added here.
 */
import { mkdirSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The folder name keepBundles must leave alone. */
export const RUNTIME_MODULES = 'node_modules';

const SDK_SCOPE = dirname(dirname(createRequire(import.meta.url).resolve('@aws-sdk/client-dynamodb/package.json')));

export function provideRuntimeSdk(bundlesDir: string): void {
  const link = join(bundlesDir, RUNTIME_MODULES, '@aws-sdk');
  // A data folder kept from another checkout may hold a link to a folder that moved.
  if (linkTarget(link) === SDK_SCOPE) return;
  rmSync(link, { recursive: true, force: true });
  mkdirSync(dirname(link), { recursive: true });
  symlinkSync(SDK_SCOPE, link, 'dir');
}

function linkTarget(path: string): string | undefined {
  try {
    return readlinkSync(path);
  } catch {
    return undefined;
  }
}
