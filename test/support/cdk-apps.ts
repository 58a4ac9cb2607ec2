/**
 * Small CDK apps that template tests synthesize themselves, and readTopology over them.
 * Each test file gets one temp directory (removed after the file) holding every app's
 * cloud assembly, so a test's `outdir` is never shared with another test.
 */
import { App } from 'aws-cdk-lib';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { readTopology } from '../../local/template';
import type { Topology } from '../../local/topology';

export const TEST_ACCOUNT = '000000000000';
export const TEST_SQS_ENDPOINT = 'http://127.0.0.1:9324';

export interface CdkApps {
  /** The file's temp directory, for other scratch (handler code dirs). */
  tmp: string;
  newApp(): { app: App; outdir: string };
  read(outdir: string, extra?: Partial<Parameters<typeof readTopology>[0]>): Topology;
}

/** Call at the top level of a test file (it registers the cleanup with afterAll). */
export function cdkApps(name: string, region: string): CdkApps {
  const tmp = mkdtempSync(path.join(os.tmpdir(), `anxin-${name}-`));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  return {
    tmp,
    newApp() {
      const outdir = mkdtempSync(path.join(tmp, 'cdkout-'));
      return { app: new App({ outdir }), outdir };
    },
    read: (outdir, extra = {}) =>
      readTopology({ cdkOutDir: outdir, region, accountId: TEST_ACCOUNT, sqsEndpoint: TEST_SQS_ENDPOINT, ...extra }),
  };
}
