/** The local platform fails clearly: no Java, a port in use. */
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertJava, JavaMissingError } from '../../local/dynamodb/launcher';
import { startPlatform } from '../../local/platform';
import { PortTakenError } from '../../local/ports';

describe('clear failures', () => {
  let blocker: Server;
  let port: number;
  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    port = (blocker.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

  it('names the taken port and the flag that picks another', async () => {
    const error = await startPlatform({ port, log: () => undefined, dataDir: '/tmp/anxin-never-used' }).catch((e: Error) => e);
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
