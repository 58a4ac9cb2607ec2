/**
 * A `kill -9` of the platform leaves DynamoDB Local (a child JVM) running. Its pid is kept
 * in the data directory so the next start can stop it before reusing the database files.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

/**
 * True while a process with this pid exists (signal 0 checks without signalling). EPERM:
 * it exists, but belongs to another user.
 */
export const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const commandLine = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
};

export async function stopStaleProcess(pidFile: string, marker: string): Promise<boolean> {
  if (!existsSync(pidFile)) return false;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  rmSync(pidFile, { force: true });
  // Only a process that still is what we started (the pid may have been reused).
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !commandLine(pid).includes(marker)) return false;
  process.kill(pid, 'SIGKILL');
  const deadline = Date.now() + 10_000;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return true;
}

export function recordPid(pidFile: string, pid: number | undefined): void {
  if (pid) writeFileSync(pidFile, String(pid));
}
