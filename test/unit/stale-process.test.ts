/**
 * local/stale-process.ts isAlive: whether a pid names a running process. The platform's
 * stale-JVM check, the SQS journal's lock and the JVMs' temporary directories rely on it.
 */
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isAlive } from '../../local/stale-process';

afterEach(() => vi.restoreAllMocks());

describe('isAlive', () => {
  it('is true for this process and false for one that has exited', () => {
    expect(isAlive(process.pid)).toBe(true);
    const exited = spawnSync(process.execPath, ['-e', '']).pid;
    expect(isAlive(exited)).toBe(false);
  });

  it("is true for another user's process: the kernel refuses the signal (EPERM), the process exists", () => {
    vi.spyOn(process, 'kill').mockImplementation(() => {
      throw Object.assign(new Error('kill EPERM'), { code: 'EPERM' });
    });
    expect(isAlive(1)).toBe(true);
  });

  it('is false when no process has the pid (ESRCH)', () => {
    vi.spyOn(process, 'kill').mockImplementation(() => {
      throw Object.assign(new Error('kill ESRCH'), { code: 'ESRCH' });
    });
    expect(isAlive(1)).toBe(false);
  });
});
