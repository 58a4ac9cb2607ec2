/**
 * Each DynamoDB Local JVM's temporary directory (its java.io.tmpdir).
 *
 * DynamoDB Local copies its SQLite library (~900 KB, under a new name each start) into
 * java.io.tmpdir and never deletes it: with the system's /tmp, every start of the platform or
 * of a test left one more file there. Each JVM gets a directory of its own instead, named
 * after its port, removed once the JVM is gone (die-with-host.ts). A directory whose JVM
 * was killed together with its host (kill -9) is removed by the next start on this machine:
 * the JVM's pid is written into it, and a directory whose JVM no longer runs is nobody's.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isAlive } from '../stale-process';

const PREFIX = 'anxin-dynamodb-';
const PID_FILE = 'jvm.pid';
/** A directory with no pid yet may belong to a JVM being spawned this very moment. */
const UNCLAIMED_GRACE_MS = 60_000;

/**
 * A new directory for the JVM about to start on `port`, after removing those of JVMs that
 * are gone. `parent` is the system's temporary directory but in tests.
 */
export function createJvmTmpDir(port: number, parent = tmpdir()): string {
  removeOrphans(parent);
  return mkdtempSync(path.join(parent, `${PREFIX}${port}-`));
}

/** Marks `dir` as the directory of the JVM with this pid. */
export function claimJvmTmpDir(dir: string, pid: number | undefined): void {
  if (pid) writeFileSync(path.join(dir, PID_FILE), String(pid));
}

/** Best effort: a directory that cannot be removed (a file still locked, say) must not fail the host. */
export function removeJvmTmpDir(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    // left behind; the next start tries again
  }
}

function removeOrphans(parent: string): void {
  let names: string[];
  try {
    names = readdirSync(parent).filter((name) => name.startsWith(PREFIX));
  } catch {
    return;
  }
  for (const name of names) {
    const dir = path.join(parent, name);
    if (isOrphan(dir)) removeJvmTmpDir(dir);
  }
}

function isOrphan(dir: string): boolean {
  try {
    const pid = Number(readFileSync(path.join(dir, PID_FILE), 'utf8'));
    return !(Number.isInteger(pid) && pid > 0 && isAlive(pid));
  } catch {
    try {
      return Date.now() - statSync(dir).mtimeMs > UNCLAIMED_GRACE_MS;
    } catch {
      return false; // gone already
    }
  }
}
