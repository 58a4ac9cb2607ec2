/** The local platform fails clearly: no Java, a port in use. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startCommand } from '../../local/cli';
import { JavaMissingError, startDynamoDbLocal } from '../../local/dynamodb/launcher';
import { findFreePort } from '../../local/net/free-port';
import { startPlatform } from '../../local/platform';
import { PortTakenError } from '../../local/ports';

describe('clear failures', () => {
  let blocker: Server;
  let port: number;
  // The platform makes its bundles folder before it finds the port taken: a folder of the
  // test's own, removed afterwards, not a fixed path left in the system's temporary folder.
  const dataDir = mkdtempSync(join(tmpdir(), 'anxin-port-taken-'));
  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    port = (blocker.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('names the taken port and the flag that picks another', async () => {
    const error = await startPlatform({ port, log: () => undefined, dataDir }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(PortTakenError);
    expect((error as Error).message).toContain(`Port ${port} (HTTP API) is already in use`);
    expect((error as Error).message).toContain('--port <port>');
  });

  // `anxin start` starts its DynamoDB Local before it loads the platform (local/cli.ts).
  describe('anxin start, its DynamoDB Local started first', () => {
    let startDir: string;
    let errors: ReturnType<typeof vi.spyOn>;
    beforeEach(() => {
      startDir = mkdtempSync(join(tmpdir(), 'anxin-start-fails-'));
      errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    });
    afterEach(() => {
      errors.mockRestore();
      rmSync(startDir, { recursive: true, force: true });
    });
    const printed = () => errors.mock.calls.flat().join('\n');
    /** Processes whose command line names this start's database folder: its JVM. */
    const jvms = () =>
      readdirSync('/proc')
        .filter((pid) => /^\d+$/.test(pid))
        .filter((pid) => {
          try {
            return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(join(startDir, 'dynamodb'));
          } catch {
            return false; // gone meanwhile
          }
        });

    it('stops that JVM when the platform then fails', async () => {
      const dynamodbPort = await findFreePort('127.0.0.1');
      // Refused by the platform once it runs, after the JVM was started.
      const code = await startCommand(['--chaos', 'no-such-fault=1', '--port', '0', '--sqs-port', '0', '--kms-port', '0', '--events-port', '0', '--lambda-port', '0', '--dynamodb-port', String(dynamodbPort), '--data-dir', startDir, '--quiet']);
      expect(code).toBe(2);
      expect(printed()).toContain('no-such-fault');
      expect(jvms()).toEqual([]);
      expect(existsSync(join(startDir, 'dynamodb.pid'))).toBe(false);
    });

    it("leaves a running platform's JVM alone: its ports are checked before a JVM left by a killed start is stopped", async () => {
      // What a platform running in this folder leaves there: its JVM's pid (a stand-in with the jar's name in its command line).
      const running = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)', 'DynamoDBLocal.jar']);
      try {
        writeFileSync(join(startDir, 'dynamodb.pid'), String(running.pid));
        const code = await startCommand(['--port', String(port), '--dynamodb-port', String(await findFreePort('127.0.0.1')), '--data-dir', startDir, '--quiet']);
        expect(code).toBe(1);
        expect(printed()).toContain(`Port ${port} (HTTP API) is already in use`);
        expect(running.exitCode).toBeNull();
        expect(running.signalCode).toBeNull();
        expect(jvms()).toEqual([]);
      } finally {
        running.kill();
      }
    });
  });

  it('says how to install Java when it is missing, and leaves no JVM folder behind', async () => {
    // The JVM's folder is named after its port: one of this test's own, as other files start JVMs meanwhile.
    const dynamodbPort = await findFreePort('127.0.0.1');
    const jvmDirs = () => readdirSync(tmpdir()).filter((name) => name.startsWith(`anxin-dynamodb-${dynamodbPort}-`));
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      const error = await startDynamoDbLocal({ port: dynamodbPort }).catch((e: Error) => e);
      expect(error).toBeInstanceOf(JavaMissingError);
      expect((error as Error).message).toContain('apt-get install openjdk-17-jre-headless');
    } finally {
      process.env.PATH = path;
    }
    expect(jvmDirs()).toEqual([]);
  });
});
