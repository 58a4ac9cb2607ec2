/**
 * Function bundles leave the SDK's event-stream support out (esbuild alias in
 * infra/bundling/esbuild-options.ts, shared/lib/no-event-streams.ts). That is sound only while
 * no client the project depends on has an operation that streams events, and while the stub
 * exports every name the SDK imports from the module it replaces: both are checked here
 * against the installed packages, so an upgrade or a new client that breaks either fails.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../infra/repo-root';
import * as stub from '../../shared/lib/no-event-streams';
import { DYNAMODB_CLIENT_MODULE, probeBundleInputs } from '../support/probe-bundle';

const REPLACED = '@smithy/core/event-streams';
const packageJson = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
const clients = Object.keys(packageJson.dependencies).filter((name) => name.startsWith('@aws-sdk/client-'));

/** Every `.js` file under a folder. */
function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((item) => item.isFile() && item.name.endsWith('.js'))
    .map((item) => path.join(item.parentPath, item.name));
}

describe("the SDK's event-stream support, left out of function bundles", () => {
  it('is needed by no client the project depends on (none wires an event-stream serde)', () => {
    expect(clients).toContain('@aws-sdk/client-dynamodb');
    for (const client of clients) {
      // A client with an operation that streams events configures its serde in its runtime config.
      const dir = path.join(REPO_ROOT, 'node_modules', client, 'dist-es');
      const config = ['runtimeConfig.js', 'runtimeConfig.shared.js'].map((file) => readFileSync(path.join(dir, file), 'utf8')).join('\n');
      expect(config, client).not.toMatch(/eventStreamSerdeProvider|eventstream-serde/);
    }
  });

  it('is replaced by a module that exports every name the SDK imports from it', () => {
    const imported = new Set<string>();
    const pattern = /\{([^{}]*)\}\s*=\s*await import\("@smithy\/core\/event-streams"\)|import\s*\{([^{}]*)\}\s*from\s*"@smithy\/core\/event-streams"/g;
    for (const file of jsFiles(path.join(REPO_ROOT, 'node_modules/@smithy/core/dist-es'))) {
      const text = readFileSync(file, 'utf8');
      if (!text.includes(REPLACED)) continue;
      for (const match of text.matchAll(pattern)) {
        for (const name of (match[1] ?? match[2] ?? '').split(',')) imported.add(name.trim().split(/\s+as\s+|:/)[0]!.trim());
      }
    }
    expect(imported.size).toBeGreaterThan(0);
    for (const name of imported) expect(Object.keys(stub), name).toContain(name);
  });

  it('is out of a bundle that uses a client, in favour of the stub', () => {
    const inputs = probeBundleInputs(DYNAMODB_CLIENT_MODULE);
    expect(inputs).toContain('shared/lib/no-event-streams.ts');
    expect(inputs.filter((input) => input.includes('/submodules/event-streams/'))).toEqual([]);
  });

  it('fails plainly if a call ever reaches it', () => {
    expect(() => stub.eventStreamSerdeProvider()).toThrow(/Event streams are not bundled/);
    expect(() => new stub.EventStreamSerde()).toThrow(/Event streams are not bundled/);
  });
});
