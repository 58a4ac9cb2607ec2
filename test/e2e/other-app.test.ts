/**
 * Another CDK app on the local platform (`anxin start --app`): the notes app in
 * test/e2e/fixtures/notes-app, synthesized by its own `cdk synth` (local/app-synth.ts),
 * every stack run, nothing seeded, the template's IAM enforced — its routes answer, its
 * function (bundled without the AWS SDK, which Lambda's runtime provides) writes to and
 * reads from its table, and no Anxin resource is there.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cdkAppSynth } from '../../local/app-synth';
import type { Platform } from '../../local/platform';
import { startFixtureApp } from '../support/other-app';

const logs: string[] = [];
let platform: Platform;

beforeAll(async () => {
  platform = await startFixtureApp('notes-app', logs);
});
afterAll(async () => {
  await platform?.stop();
});

describe('anxin start --app: another CDK app', () => {
  it('runs every stack of it: its function, its table, its routes; nothing of Anxin, nothing seeded', () => {
    // The bundle leaves the SDK to the runtime, as NodejsFunction does by default.
    const bundle = readFileSync(join(platform.topology.functions[0]!.bundleDir, 'index.js'), 'utf8');
    expect(bundle).toMatch(/require\("@aws-sdk\/client-dynamodb"\)/);
    expect(platform.topology.functions.map((f) => f.logicalId)).toEqual([expect.stringMatching(/^NotesHandler/)]);
    expect(platform.topology.tables).toHaveLength(1);
    const [notes, ops] = ['NotesApi', 'OpsApi'].map((id) => platform.topology.httpApis.find((a) => a.logicalId.startsWith(id))!);
    expect(notes!.routes.map((r) => r.routeKey).sort()).toEqual(['GET /notes/{id}', 'POST /notes']);
    expect(ops!.routes.map((r) => r.routeKey)).toEqual(['GET /health']);
    // The first API in the template is the one on --port (platform.apiUrl), used below.
    expect(platform.apiUrl).toBe(platform.apiUrls[notes!.logicalId]);
    expect(platform.keys).toEqual({});
  });

  it('serves its HTTP API: a note stored through one route is read back through the other', async () => {
    const created = await fetch(`${platform.apiUrl}/notes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: '你好' }) });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const read = await fetch(`${platform.apiUrl}/notes/${id}`);
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual({ id, text: '你好' });
    expect((await fetch(`${platform.apiUrl}/notes/nope`)).status).toBe(404);
    expect(logs.some((l) => l.includes('AccessDenied'))).toBe(false);
  });

  it("applies its CORS configuration: the gateway answers preflights itself and sets the allowed origin on the function's answers", async () => {
    const ORIGIN = 'https://notes.example.com';
    const preflight = await fetch(`${platform.apiUrl}/notes`, {
      method: 'OPTIONS',
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET,POST');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type');
    expect(preflight.headers.get('access-control-max-age')).toBe('600');
    const created = await fetch(`${platform.apiUrl}/notes`, { method: 'POST', headers: { origin: ORIGIN, 'content-type': 'application/json' }, body: '{"text":"cors"}' });
    expect(created.status).toBe(201);
    expect(created.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    // Another origin is given nothing to allow it.
    const elsewhere = await fetch(`${platform.apiUrl}/notes`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(elsewhere.headers.get('access-control-allow-origin')).toBeNull();
    const read = await fetch(`${platform.apiUrl}/notes/nope`, { headers: { origin: 'https://evil.example' } });
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves every HTTP API of the app, each on a port of its own', async () => {
    const ops = platform.topology.httpApis.find((a) => a.logicalId.startsWith('OpsApi'))!;
    const url = platform.apiUrls[ops.logicalId]!;
    expect(url).not.toBe(platform.apiUrls[platform.topology.httpApis.find((a) => a.logicalId.startsWith('NotesApi'))!.logicalId]);
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true, apiId: ops.apiId });
    // Each API serves its own routes only.
    expect((await fetch(`${url}/notes/nope`)).status).toBe(404);
  });

  it('says why when the app does not synthesize', async () => {
    const failing = cdkAppSynth('node -e "process.exit(3)"', resolve('test/e2e/fixtures/notes-app'));
    const out = mkdtempSync(join(tmpdir(), 'anxin-other-app-fail-'));
    try {
      await expect(failing(out)).rejects.toThrow('cdk synth --app "node -e "process.exit(3)"" failed');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
