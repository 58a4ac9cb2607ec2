/**
 * The AWS SDK that functions leave unbundled (local/lambda/runtime-sdk.ts, missing-sdk.ts):
 * each package from another app's own folder first (its node_modules and its parents'), then
 * Anxin's; a client found in neither fails the invocation with an error that says so. The
 * "app" here is a temporary folder with a fake package, not an installed one.
 */
import { lstatSync, mkdirSync, mkdtempSync, readlinkSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { FunctionHost, type InvokeResult } from '../../local/lambda';
import { explainMissingSdk } from '../../local/lambda/missing-sdk';
import { provideRuntimeSdk } from '../../local/lambda/runtime-sdk';
import { localFunction } from '../support/local-function';

const root = mkdtempSync(join(tmpdir(), 'anxin-runtime-sdk-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const hosts: FunctionHost[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()));
});

const ANXIN_CLIENTS = ['client-cloudformation', 'client-dynamodb', 'client-eventbridge', 'client-kms', 'client-sqs'];
const ANXIN_SDK = dirname(dirname(createRequire(import.meta.url).resolve('@aws-sdk/client-dynamodb/package.json')));

function write(dir: string, files: Record<string, string>): string {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

/** A fake SDK package: enough for require and import to find it and say where it is. */
const fakePackage = (name: string, from: string) => ({
  [`node_modules/${name}/package.json`]: JSON.stringify({ name, version: '0.0.0-fake', main: 'index.js' }),
  [`node_modules/${name}/index.js`]: `exports.from = ${JSON.stringify(from)};`,
});

/** A data folder's bundles/ as the platform lays it out, with one bundle. */
function platformBundles(name: string, appDir: string | undefined, files: Record<string, string>) {
  // Not inside any app folder: Node would find an app's packages from there on its own.
  const bundlesDir = join(root, 'data', name, 'bundles');
  const hint = provideRuntimeSdk(bundlesDir, appDir);
  const bundleDir = write(join(bundlesDir, 'asset1'), files);
  const fn = localFunction({ name, bundleDir });
  const host = new FunctionHost(fn, { log: () => undefined, runtimeSdk: hint });
  hosts.push(host);
  return { bundlesDir, hint, host };
}

function failed(r: InvokeResult) {
  if (r.ok) throw new Error(`expected a failure, got ${JSON.stringify(r.result)}`);
  return r.error;
}

// What NodejsFunction writes by default: CommonJS, the SDK left out for the runtime.
const USES_S3_CJS = `const { from } = require('@aws-sdk/client-s3');
exports.handler = async () => ({ s3: from, dynamodb: require.resolve('@aws-sdk/client-dynamodb') });`;

describe('the SDK that functions leave to the runtime', () => {
  it("links each package from the app's folder or a folder above it first, the rest from Anxin", () => {
    const monorepo = write(join(root, 'monorepo'), {
      ...fakePackage('@aws-sdk/client-s3', 'monorepo'),
      ...fakePackage('@smithy/util-waiter', 'monorepo'),
    });
    const appDir = write(join(monorepo, 'services', 'notes'), fakePackage('@aws-sdk/client-dynamodb', 'notes'));
    const bundlesDir = join(root, 'layout', 'bundles');
    const hint = provideRuntimeSdk(bundlesDir, appDir);
    const link = (name: string) => readlinkSync(join(bundlesDir, 'node_modules', name));
    expect(link('@aws-sdk/client-dynamodb')).toBe(join(appDir, 'node_modules/@aws-sdk/client-dynamodb'));
    expect(link('@aws-sdk/client-s3')).toBe(join(monorepo, 'node_modules/@aws-sdk/client-s3'));
    expect(link('@smithy/util-waiter')).toBe(join(monorepo, 'node_modules/@smithy/util-waiter'));
    expect(link('@aws-sdk/client-sqs')).toBe(join(ANXIN_SDK, 'client-sqs'));
    expect(link('@smithy/core')).toBe(join(dirname(ANXIN_SDK), '@smithy/core'));
    expect(hint).toEqual({ appDir, appClients: ['client-dynamodb', 'client-s3'], anxinClients: ANXIN_CLIENTS.filter((c) => c !== 'client-dynamodb') });

    // Started again for Anxin alone, the app's links go and Anxin's come back.
    expect(provideRuntimeSdk(bundlesDir)).toEqual({ appClients: [], anxinClients: ANXIN_CLIENTS });
    expect(link('@aws-sdk/client-dynamodb')).toBe(join(ANXIN_SDK, 'client-dynamodb'));
    expect(() => link('@aws-sdk/client-s3')).toThrow(/ENOENT/);
  });

  it('replaces the one link to the whole scope an older data folder holds', () => {
    const bundlesDir = join(root, 'older', 'bundles');
    mkdirSync(join(bundlesDir, 'node_modules'), { recursive: true });
    symlinkSync(ANXIN_SDK, join(bundlesDir, 'node_modules', '@aws-sdk'), 'dir');
    const appDir = write(join(root, 'older-app'), fakePackage('@aws-sdk/client-s3', 'app'));
    provideRuntimeSdk(bundlesDir, appDir);
    expect(lstatSync(join(bundlesDir, 'node_modules', '@aws-sdk')).isDirectory()).toBe(true);
    expect(readlinkSync(join(bundlesDir, 'node_modules/@aws-sdk/client-s3'))).toBe(join(appDir, 'node_modules/@aws-sdk/client-s3'));
    // Removing the old link removed a link, not Anxin's packages.
    expect(lstatSync(join(ANXIN_SDK, 'client-dynamodb', 'package.json')).isFile()).toBe(true);
  });

  it("runs a function that imports a client only the app has, with Anxin's for the others", async () => {
    const appDir = write(join(root, 'apps', 'has-s3'), fakePackage('@aws-sdk/client-s3', 'the app'));
    const { host } = platformBundles('has-s3', appDir, { 'index.js': USES_S3_CJS });
    const r = await host.invoke({});
    expect(r.ok && r.result).toEqual({ s3: 'the app', dynamodb: realpathSync(createRequire(import.meta.url).resolve('@aws-sdk/client-dynamodb')) });
  });

  it('fails a function that imports a client neither has, saying so plainly (CommonJS and ESM, at init)', async () => {
    const appDir = join(root, 'apps', 'no-s3');
    mkdirSync(appDir, { recursive: true });
    const cjs = platformBundles('no-s3-cjs', appDir, { 'index.js': USES_S3_CJS });
    const expected =
      `Error: Cannot find package '@aws-sdk/client-s3': Lambda's Node.js runtime includes it, the local platform only has the AWS SDK packages ` +
      `installed in ${appDir} or a folder above it (none) or in Anxin (${ANXIN_CLIENTS.join(', ')}); install it in the app (npm i -D @aws-sdk/client-s3)`;
    expect(failed(await cjs.host.invoke({}))).toMatchObject({ errorType: 'Runtime.ImportModuleError', errorMessage: expected });

    const esm = platformBundles('no-s3-esm', appDir, { 'index.mjs': `import { S3Client } from '@aws-sdk/client-s3';\nexport const handler = async () => String(S3Client);` });
    expect(failed(await esm.host.invoke({}))).toMatchObject({ errorType: 'Runtime.ImportModuleError', errorMessage: expected });
  });

  it('fails an invocation that imports a missing client lazily with the same words', async () => {
    const { host } = platformBundles('lazy', undefined, {
      'index.mjs': `export const handler = async () => { await import('@aws-sdk/client-bedrock-runtime'); };`,
    });
    const error = failed(await host.invoke({}));
    expect(error.errorMessage).toBe(
      `Cannot find package '@aws-sdk/client-bedrock-runtime': Lambda's Node.js runtime includes it, the local platform only has the AWS SDK packages ` +
        `installed in Anxin (${ANXIN_CLIENTS.join(', ')}); bundle it into the function or install it in Anxin (npm i -D @aws-sdk/client-bedrock-runtime)`,
    );
    expect(error.stack?.[0]).toBe(`${error.errorType}: ${error.errorMessage}`);
  });

  it('leaves every other missing module to Node’s own message', () => {
    const hint = { appClients: [], anxinClients: ANXIN_CLIENTS };
    const notFound = (message: string) => Object.assign(new Error(message), { code: 'MODULE_NOT_FOUND' });
    expect(explainMissingSdk(notFound("Cannot find module 'left-pad'"), hint)).toBeUndefined();
    expect(explainMissingSdk(notFound("Cannot find module '@aws-sdk/lib-storage'"), hint)).toBeUndefined();
    expect(explainMissingSdk(new Error("Cannot find module '@aws-sdk/client-s3'"), hint)).toBeUndefined();
    expect(explainMissingSdk(notFound("Cannot find module '@aws-sdk/client-s3'"), undefined)).toBeUndefined();
  });
});
