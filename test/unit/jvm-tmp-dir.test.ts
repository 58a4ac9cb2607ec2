/**
 * DynamoDB Local's temporary directories (local/dynamodb/jvm-tmp-dir.ts): a start removes
 * the directories of JVMs that are gone — killed with a host that could not clean up — and
 * leaves those of running JVMs, and of JVMs being started, alone.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { claimJvmTmpDir, createJvmTmpDir, removeJvmTmpDir } from '../../local/dynamodb/jvm-tmp-dir';

const parent = mkdtempSync(path.join(tmpdir(), 'anxin-jvm-tmp-dir-test-'));
afterAll(() => rmSync(parent, { recursive: true, force: true }));

/** Above Linux's largest pid (2^22): never a running process. */
const NO_SUCH_PID = 4_194_305;

function jvmDir(name: string, pid?: number, ageMs = 0): string {
  const dir = path.join(parent, `anxin-dynamodb-${name}`);
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'sqlite-392-0-libsqlite4java.so'), 'x');
  if (pid !== undefined) writeFileSync(path.join(dir, 'jvm.pid'), String(pid));
  if (ageMs) {
    const then = new Date(Date.now() - ageMs);
    utimesSync(dir, then, then);
  }
  return dir;
}

describe('a JVM temporary directory', () => {
  it('is new for each start, named after the port, and claimed with the JVM pid', () => {
    const a = createJvmTmpDir(8000, parent);
    const b = createJvmTmpDir(8000, parent);
    expect(a).not.toBe(b);
    expect(path.basename(a)).toMatch(/^anxin-dynamodb-8000-/);
    claimJvmTmpDir(a, process.pid);
    expect(readFileSync(path.join(a, 'jvm.pid'), 'utf8')).toBe(String(process.pid));
    removeJvmTmpDir(a);
    removeJvmTmpDir(b);
    expect(existsSync(a) || existsSync(b)).toBe(false);
  });

  it('of a JVM that is gone is removed by the next start; those of a running JVM and of one being started stay', () => {
    const gone = jvmDir('gone', NO_SUCH_PID);
    const running = jvmDir('running', process.pid);
    const starting = jvmDir('starting'); // no pid yet, made a moment ago
    const abandoned = jvmDir('abandoned', undefined, 10 * 60_000); // no pid after ten minutes
    const other = path.join(parent, 'someone-else');
    mkdirSync(other);

    const mine = createJvmTmpDir(8001, parent);

    expect(existsSync(gone)).toBe(false);
    expect(existsSync(abandoned)).toBe(false);
    expect(existsSync(running)).toBe(true);
    expect(existsSync(starting)).toBe(true);
    expect(existsSync(other)).toBe(true);
    expect(existsSync(mine)).toBe(true);
  });

  it('removal of a directory that is not there (or no longer) is no error', () => {
    expect(() => removeJvmTmpDir(path.join(parent, 'anxin-dynamodb-never'))).not.toThrow();
  });
});
