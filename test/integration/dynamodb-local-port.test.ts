/**
 * DynamoDB Local's port: a free port found by asking the kernel can be given to another
 * process before the JVM binds it (seen when two platforms started at once). The launcher
 * then starts again on another free port; a port the caller chose is never replaced.
 * The "other process" here is a server holding the port the first search returns.
 */
import { existsSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import * as freePort from '../../local/net/free-port';
import { startDynamoDbLocal } from '../../local/dynamodb/launcher';

let holder: Server;
let takenPort: number;

/** The temporary directories of the JVMs that tried the taken port (jvm-tmp-dir.ts names them after it). */
const takenPortDirs = () => readdirSync(tmpdir()).filter((name) => name.startsWith(`anxin-dynamodb-${takenPort}-`));

beforeAll(async () => {
  holder = createServer((socket) => socket.destroy()); // holds the port, answers nothing
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  takenPort = (holder.address() as { port: number }).port;
});
afterAll(async () => {
  vi.restoreAllMocks();
  await new Promise((resolve) => holder.close(resolve));
});

describe('DynamoDB Local on a port someone else took', () => {
  it('starts again on another free port when the one it found was taken before the JVM bound it', async () => {
    const search = vi.spyOn(freePort, 'findFreePort').mockResolvedValueOnce(takenPort);
    const ddb = await startDynamoDbLocal();
    try {
      expect(search).toHaveBeenCalledTimes(2);
      expect(ddb.port).not.toBe(takenPort);
      const client = new DynamoDBClient({ endpoint: ddb.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
      expect(Array.isArray((await client.send(new ListTablesCommand({}))).TableNames)).toBe(true);
      client.destroy();
      // The JVM keeps its SQLite library in its own temporary directory, not in the system's;
      // the failed JVM's directory went with it.
      expect(readdirSync(ddb.tmpDir).some((name) => name.endsWith('libsqlite4java.so'))).toBe(true);
      expect(takenPortDirs()).toEqual([]);
    } finally {
      await ddb.stop();
      search.mockRestore();
    }
    expect(existsSync(ddb.tmpDir)).toBe(false);
  });

  it('fails with the JVM\'s own reason on a port the caller asked for, without trying another', async () => {
    const search = vi.spyOn(freePort, 'findFreePort');
    await expect(startDynamoDbLocal({ port: takenPort })).rejects.toThrow(/exited .* before it was ready[\s\S]*Failed to bind/);
    expect(search).not.toHaveBeenCalled();
    expect(takenPortDirs()).toEqual([]);
    search.mockRestore();
  });
});
