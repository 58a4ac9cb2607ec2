/** The local platform fails clearly: no Java, a port in use. */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertJava, JavaMissingError } from '../../local/dynamodb/launcher';
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

  it('says how to install Java when it is missing', () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      expect(() => assertJava()).toThrow(JavaMissingError);
      expect(() => assertJava()).toThrow('apt-get install openjdk-17-jre-headless');
    } finally {
      process.env.PATH = path;
    }
  });
});
