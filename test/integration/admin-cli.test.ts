/**
 * The admin commands (cli/admin-commands.ts) reach a local platform the way `anxin start`
 * left it: `--data-dir <dir>` reads that directory's local.json for the endpoints, like the
 * default .anxin; `--endpoint-url` with `--table` names them directly. The usage text lists
 * every option each command accepts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { keyCommand, tenantCommand, traceCommand, ADMIN_COMMAND_OPTIONS } from '../../cli/admin-commands';
import { DLQ_OPTIONS } from '../../cli/dlq-commands';
import { usageOf } from '../../cli/usage';
import { createTestStore } from '../support/test-store';

let dataDir: string;
let tableName: string;

beforeAll(async () => {
  const store = await createTestStore();
  tableName = store.tableName;
  dataDir = mkdtempSync(join(tmpdir(), 'anxin-cli-'));
  writeFileSync(
    join(dataDir, 'local.json'),
    JSON.stringify({ apiUrl: 'http://127.0.0.1:9', sqsEndpoint: 'http://127.0.0.1:9', dynamodbEndpoint: inject('dynamodbEndpoint'), tableName, region: 'us-east-1', keys: {} }),
  );
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function run(command: typeof tenantCommand, ...args: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await command(args, (line) => lines.push(line));
  return { code, lines };
}

describe('admin commands and --data-dir', () => {
  it('tenant, key and trace act on the platform whose local.json is in --data-dir', async () => {
    const created = await run(tenantCommand, 'create', '--name', 'CLI 家政', '--role', 'enterprise', '--data-dir', dataDir, '--json');
    expect(created.code).toBe(0);
    const tenant = JSON.parse(created.lines[0]!) as { tenantId: string };

    const listed = await run(tenantCommand, 'list', '--data-dir', dataDir, '--json');
    expect((JSON.parse(listed.lines[0]!) as { tenantId: string }[]).map((t) => t.tenantId)).toContain(tenant.tenantId);

    const key = await run(keyCommand, 'create', '--tenant', tenant.tenantId, '--data-dir', dataDir, '--json');
    expect(key.code).toBe(0);
    expect((await run(keyCommand, 'list', '--tenant', tenant.tenantId, '--data-dir', dataDir, '--json')).lines[0]).toContain(tenant.tenantId);

    const trace = await run(traceCommand, 'verify', '--tenant', tenant.tenantId, '--data-dir', dataDir, '--json');
    expect(trace.code).toBe(0);
  });

  it('--endpoint-url with --table reaches the same table', async () => {
    const listed = await run(tenantCommand, 'list', '--endpoint-url', inject('dynamodbEndpoint'), '--table', tableName, '--region', 'us-east-1', '--json');
    expect(listed.code).toBe(0);
  });
});

describe('anxin usage', () => {
  it.each(Object.entries({ ...ADMIN_COMMAND_OPTIONS, dlq: DLQ_OPTIONS }))('lists every option `anxin %s` accepts', (command, options) => {
    const lines = usageOf(command);
    expect(lines).toContain(`anxin ${command} `);
    for (const option of Object.keys(options)) expect(lines, `--${option}`).toContain(`--${option}`);
  });
});
