/**
 * Another CDK app on the local platform, started as a person starts it: `anxin start --app
 * "<command>" --app-dir <folder>` (the real CLI, its own process) runs the notes app in
 * test/e2e/fixtures/notes-app — its own `cdk synth` (local/app-synth.ts), every stack, nothing
 * seeded, the template's IAM enforced. Everything checked here is read from what the CLI
 * prints and the data folder it was given: its routes answer, its function (bundled without
 * the AWS SDK, which Lambda's runtime provides) writes to and reads from its table, no Anxin
 * resource is there, and Ctrl-C stops it all, DynamoDB Local's JVM included.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cdkAppSynth } from '../../local/app-synth';
import { findFreePort } from '../../local/net/free-port';
import { isAlive } from '../../local/stale-process';
import { startAnxin, type AnxinStart } from '../support/anxin-start';

const FIXTURE = resolve('test/e2e/fixtures/notes-app');
const APP = 'node --import tsx app.ts';
const dataDir = mkdtempSync(join(tmpdir(), 'anxin-notes-app-cli-'));
const pidFile = join(dataDir, 'dynamodb.pid');
let anxin: AnxinStart;
let port: number;
/** The banner's HTTP API lines: logical id → URL. */
let apis: Record<string, string>;
const apiUrl = (prefix: string) => {
  const found = Object.entries(apis ?? {}).find(([id]) => id.startsWith(prefix));
  if (!found) throw new Error(`the banner lists no HTTP API ${prefix}…:\n${anxin.banner}`);
  return found[1];
};
const bannerLine = (label: string) => anxin.banner.match(new RegExp(`^  ${label} +(.*)$`, 'm'))?.[1];


beforeAll(async () => {
  port = await findFreePort();
  const anyPort = ['--sqs-port', '--dynamodb-port', '--kms-port', '--events-port', '--lambda-port'].flatMap((flag) => [flag, '0']);
  anxin = await startAnxin(['--app', APP, '--app-dir', FIXTURE, '--data-dir', dataDir, '--port', String(port), ...anyPort]);
  apis = Object.fromEntries([...anxin.banner.matchAll(/(http:\/\/\S+)  \((\w+)\)/g)].map((m) => [m[2]!, m[1]!]));
});
afterAll(async () => {
  await anxin?.interrupt();
  // A platform that did not stop its JVM must not leave it running after the test either.
  if (existsSync(pidFile)) process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('anxin start --app: another CDK app, through the CLI', () => {
  it('runs every stack of it: its function, its table, its two HTTP APIs; nothing of Anxin, nothing seeded', () => {
    expect(anxin.banner).toContain(`"${APP}" is up in`);
    expect(anxin.banner).toContain('nothing seeded');
    expect(bannerLine('IAM')).toMatch(/^the template's policies/);
    expect(bannerLine('functions')).toMatch(/^NotesService-NotesHandler\w*$/);
    expect(bannerLine('tables')).toMatch(/^NotesService-Notes\w* +on http:/);
    expect(Object.keys(apis)).toEqual([expect.stringMatching(/^NotesApi/), expect.stringMatching(/^OpsApi/)]);
    // The first API in the template is the one on --port.
    expect(apiUrl('NotesApi')).toBe(`http://127.0.0.1:${port}`);
    expect(apiUrl('OpsApi')).not.toBe(apiUrl('NotesApi'));
    // No demo tenants or keys: nothing wrote local.json.
    expect(existsSync(join(dataDir, 'local.json'))).toBe(false);
    // The one bundle leaves the SDK to the runtime, as NodejsFunction does by default.
    const bundles = readdirSync(join(dataDir, 'bundles')).filter((name) => name !== 'node_modules');
    expect(bundles).toHaveLength(1);
    expect(readFileSync(join(dataDir, 'bundles', bundles[0]!, 'index.js'), 'utf8')).toMatch(/require\("@aws-sdk\/client-dynamodb"\)/);
  });

  it('serves its HTTP API: a note stored through one route is read back through the other', async () => {
    const url = apiUrl('NotesApi');
    const created = await fetch(`${url}/notes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: '你好' }) });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const read = await fetch(`${url}/notes/${id}`);
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual({ id, text: '你好' });
    expect((await fetch(`${url}/notes/nope`)).status).toBe(404);
    // Only its two routes: no GET /notes.
    expect((await fetch(`${url}/notes`)).status).toBe(404);
    // The platform log is the CLI's output: the function ran, and IAM refused nothing.
    expect(anxin.output()).toMatch(/\[NotesService-NotesHandler\w*\] REPORT/);
    expect(anxin.output()).not.toContain('AccessDenied');
  });

  it("applies its CORS configuration: the gateway answers preflights itself and sets the allowed origin on the function's answers", async () => {
    const url = apiUrl('NotesApi');
    const ORIGIN = 'https://notes.example.com';
    const preflight = await fetch(`${url}/notes`, {
      method: 'OPTIONS',
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET,POST');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type');
    expect(preflight.headers.get('access-control-max-age')).toBe('600');
    const created = await fetch(`${url}/notes`, { method: 'POST', headers: { origin: ORIGIN, 'content-type': 'application/json' }, body: '{"text":"cors"}' });
    expect(created.status).toBe(201);
    expect(created.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    // Another origin is given nothing to allow it.
    const elsewhere = await fetch(`${url}/notes`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(elsewhere.headers.get('access-control-allow-origin')).toBeNull();
    const read = await fetch(`${url}/notes/nope`, { headers: { origin: 'https://evil.example' } });
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves every HTTP API of the app, each on a port of its own, each with its own routes only', async () => {
    const health = await fetch(`${apiUrl('OpsApi')}/health`);
    expect(health.status).toBe(200);
    const body = (await health.json()) as { ok: boolean; apiId: string };
    expect(body).toEqual({ ok: true, apiId: expect.stringMatching(/\S/) });
    expect((await fetch(`${apiUrl('OpsApi')}/notes/nope`)).status).toBe(404);
    expect((await fetch(`${apiUrl('NotesApi')}/health`)).status).toBe(404);
  });

  it('says why when the app does not synthesize', async () => {
    const failing = cdkAppSynth('node -e "process.exit(3)"', FIXTURE);
    const out = mkdtempSync(join(tmpdir(), 'anxin-other-app-fail-'));
    try {
      await expect(failing(out)).rejects.toThrow('cdk synth --app "node -e "process.exit(3)"" failed');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  // Last: it stops the platform the tests above use.
  it('stops on Ctrl-C: exit code 0, its DynamoDB Local JVM stopped too', async () => {
    const jvm = Number(readFileSync(pidFile, 'utf8'));
    expect(isAlive(jvm)).toBe(true);
    expect(readFileSync(`/proc/${jvm}/cmdline`, 'utf8')).toContain('DynamoDBLocal.jar');
    expect(await anxin.interrupt()).toEqual({ code: 0, signal: null });
    expect(anxin.output()).toContain('[platform] SIGINT: stopping');
    expect(isAlive(jvm)).toBe(false);
    expect(existsSync(pidFile)).toBe(false);
  });
});
