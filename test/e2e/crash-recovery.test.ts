/**
 * `kill -9` of the whole local platform under load, then a restart: every order that was
 * answered 202 is applied exactly once, and a client that retries what got no answer
 * (same Idempotency-Key) ends with exactly one order per key too.
 */
import { conformingFetch } from '../support/openapi-conformance';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../shared/store/client';
import { eventually } from '../support/platform';
import { validOrder } from '../support/fixtures';

const dataDir = mkdtempSync(join(tmpdir(), 'anxin-crash-'));
// The run's assembly, with the fingerprint it was synthesized from: `anxin start` finds it
// current and starts without synthesizing, as a restart of an unchanged checkout does.
cpSync(inject('anxinCloudAssembly'), join(dataDir, 'cdk.out'), { recursive: true });
const infoFile = join(dataDir, 'local.json');
const children: ChildProcess[] = [];

interface Info {
  apiUrl: string;
  dynamodbEndpoint: string;
  tableName: string;
  keys: { enterprise: string };
}

/** Starts `anxin start` as its own process (node + tsx loader: the pid we kill is the platform). */
async function startPlatformProcess(): Promise<{ child: ChildProcess; info: Info }> {
  // local.json keeps the demo keys across restarts; a fresh write of it means "started".
  const since = Date.now() - 1;
  const log = openSync(join(dataDir, 'platform.log'), 'a');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'cli/main.ts', 'start', '--data-dir', dataDir, '--port', '0', '--sqs-port', '0', '--dynamodb-port', '0', '--kms-port', '0', '--events-port', '0', '--lambda-port', '0'],
    { stdio: ['ignore', log, log], env: { ...process.env, TZ: 'UTC' } },
  );
  children.push(child);
  const info = await eventually(
    async () => {
      if (child.exitCode !== null) throw new Error(`platform exited early:\n${readFileSync(join(dataDir, 'platform.log'), 'utf8').slice(-3000)}`);
      return existsSync(infoFile) && statSync(infoFile).mtimeMs >= since ? (JSON.parse(readFileSync(infoFile, 'utf8')) as Info) : undefined;
    },
    120_000,
    'the platform to start',
  );
  return { child, info };
}

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  await Promise.all(
    children.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once('exit', r)) : undefined)),
  );
  rmSync(dataDir, { recursive: true, force: true });
});

type Outcome = { key: string; accepted?: { orderId: string; eventId: string } };

async function post(info: Info, key: string): Promise<Outcome> {
  try {
    const res = await conformingFetch(`${info.apiUrl}/v1/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${info.keys.enterprise}`, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(validOrder({ externalRef: key })),
      signal: AbortSignal.timeout(20_000),
    });
    if (res.status !== 202) return { key };
    return { key, accepted: (await res.json()) as { orderId: string; eventId: string } };
  } catch {
    return { key }; // connection reset by the kill: no answer, so the client will retry
  }
}

describe('kill -9 under load', () => {
  it('applies every accepted order exactly once after a restart', async () => {
    const TOTAL = 60;
    const KILL_AFTER = 20;
    const first = await startPlatformProcess();
    const keys = Array.from({ length: TOTAL }, (_, i) => `crash-order-${String(i).padStart(4, '0')}`);
    const outcomes = new Map<string, Outcome>();

    // Eight concurrent clients; the platform is killed once 20 orders have been accepted.
    let next = 0;
    let acceptedCount = 0;
    let killed = false;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < keys.length) {
          const key = keys[next++]!;
          const outcome = await post(first.info, key);
          outcomes.set(key, outcome);
          if (outcome.accepted && ++acceptedCount >= KILL_AFTER && !killed) {
            killed = true;
            first.child.kill('SIGKILL');
          }
        }
      }),
    );
    expect(killed).toBe(true);
    const acceptedBeforeCrash = [...outcomes.values()].filter((o) => o.accepted);
    expect(acceptedBeforeCrash.length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(acceptedBeforeCrash.length).toBeLessThan(TOTAL);

    const second = await startPlatformProcess();
    // Neither start synthesized or bundled: the assembly was current both times.
    const platformLog = readFileSync(join(dataDir, 'platform.log'), 'utf8');
    expect(platformLog.match(/is unchanged: reused its assembly/g)?.length).toBe(2);
    expect(platformLog).not.toMatch(/\[bundle\] built/);
    const log = readFileSync(join(dataDir, 'platform.log'), 'utf8');
    // The killed platform's DynamoDB Local (a child JVM that survives kill -9) was stopped first.
    expect(log).toContain('stopped a DynamoDB Local left running by an earlier start');
    // Clients retry what got no answer, with the same Idempotency-Key.
    for (const key of keys) {
      if (!outcomes.get(key)?.accepted) outcomes.set(key, await post(second.info, key));
    }
    // An order answered before the crash gets the same answer after it.
    const replay = await post(second.info, acceptedBeforeCrash[0]!.key);
    expect(replay.accepted).toEqual(acceptedBeforeCrash[0]!.accepted);

    const all = [...outcomes.values()];
    expect(all.every((o) => o.accepted)).toBe(true);
    const auth = { authorization: `Bearer ${second.info.keys.enterprise}` };
    for (const { accepted } of all) {
      await eventually(
        async () => {
          const event = (await (await conformingFetch(`${second.info.apiUrl}/v1/events/${accepted!.eventId}`, { headers: auth })).json()) as { status: string };
          return event.status === 'applied' ? event : undefined;
        },
        90_000,
        `event ${accepted!.eventId} to be applied`,
      );
      const trace = (await (await conformingFetch(`${second.info.apiUrl}/v1/orders/${accepted!.orderId}/trace`, { headers: auth })).json()) as {
        entries: unknown[];
        verification: { valid: boolean };
      };
      expect(trace.entries).toHaveLength(1);
      expect(trace.verification.valid).toBe(true);
    }

    // Exactly one order record per idempotency key, nothing else.
    const client = new DynamoDBClient({
      endpoint: second.info.dynamodbEndpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const doc = createDocumentClient(client);
    const orders: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(
        new ScanCommand({ TableName: second.info.tableName, FilterExpression: 'sk = :s', ExpressionAttributeValues: { ':s': 'ORDER' }, ExclusiveStartKey: start }),
      );
      orders.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    client.destroy();
    expect(orders).toHaveLength(TOTAL);
    expect(new Set(orders.map((o) => o.externalRef)).size).toBe(TOTAL);
    expect(new Set(orders.map((o) => o.orderId))).toEqual(new Set(all.map((o) => o.accepted!.orderId)));
  }, 300_000);
});
