/**
 * DynamoDB Local does not outlive its host when the host is ended by a signal it does not
 * handle (a CI timeout's SIGTERM to vitest's main process, which starts the run's DynamoDB
 * Local): local/dynamodb/die-with-host.ts. Nor does its temporary directory. The host here is
 * a Node process of its own.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isAlive as alive } from '../../local/stale-process';
import { eventually } from '../support/platform';

const HOST = `
import { startDynamoDbLocal } from './local/dynamodb/launcher.ts';
const ddb = await startDynamoDbLocal();
console.log('JVM ' + ddb.pid + ' ' + ddb.tmpDir);
setInterval(() => undefined, 1000);
`;

/** As vitest's main process does: SIGTERM and 'exit' both call process.exit(), set up before the JVM starts. */
const VITEST_LIKE_HOST = `
const onExit = () => process.exit();
process.once('SIGTERM', onExit);
process.once('exit', onExit);
${HOST}`;

describe('a host ended by SIGTERM', () => {
  it.each([
    ['does not handle it', HOST, 'SIGTERM'],
    ['exits from its own handler, and again from its exit handler, as vitest does', VITEST_LIKE_HOST, null],
  ])('takes its DynamoDB Local with it: a host that %s', async (_what, script, endedBy) => {
    const host = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    host.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => host.once('exit', (_code, signal) => resolve(signal)));
    const started = async () => {
      const match = /JVM (\d+) (\S+)/.exec(out);
      return match ? { pid: Number(match[1]), tmpDir: match[2] } : undefined;
    };
    const { pid: jvm, tmpDir } = await eventually(started, 60_000, 'the host to start DynamoDB Local');
    try {
      expect(alive(jvm)).toBe(true);
      host.kill('SIGTERM');
      expect(await exited).toBe(endedBy); // ended as it would have been without the JVM
      await eventually(async () => (alive(jvm) ? undefined : true), 10_000, 'the JVM to be gone');
      expect(existsSync(tmpDir)).toBe(false); // its temporary directory with it
    } finally {
      if (alive(jvm)) process.kill(jvm, 'SIGKILL');
      if (host.exitCode === null && host.signalCode === null) host.kill('SIGKILL');
    }
  });
});
