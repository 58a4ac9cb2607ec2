/**
 * Keeps a DynamoDB Local JVM from outliving the process that started it.
 *
 * - The host exits (normally, by an unhandled error, by process.exit, by its own handler of
 *   a signal): its 'exit' event.
 * - The host is ended by a signal's default action — SIGTERM from a CI timeout or `kill`,
 *   Ctrl-C or a closed terminal where nothing handles them: Node then runs no 'exit' handlers,
 *   so the JVM, a child of its own, would be left running for good (seen when vitest's main
 *   process, which starts the test run's DynamoDB Local, got a SIGTERM). While this module is
 *   the only listener for such a signal it kills the JVMs and raises the signal again, so the
 *   host still ends as it would have. A host that handles the signal itself (the CLI's
 *   shutdown, local/cli.ts) is left to stop them its own way.
 *
 * The JVM's temporary directory (jvm-tmp-dir.ts) goes with it: when the JVM exits, or with
 * the host (a JVM killed on the host's way out has no time to report its exit).
 *
 * Only kill -9 of the host escapes both; the next start stops that JVM (stale-process.ts)
 * and removes its temporary directory (jvm-tmp-dir.ts).
 */
import type { ChildProcess } from 'node:child_process';
import { removeJvmTmpDir } from './jvm-tmp-dir';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
/** Each running JVM and its temporary directory. */
const jvms = new Map<ChildProcess, string>();

function killAll(): void {
  for (const [child, tmpDir] of jvms) {
    child.kill('SIGKILL');
    // Unlinking the library the JVM has loaded is fine on Linux and macOS: the mapping stays.
    removeJvmTmpDir(tmpDir);
  }
}

function onSignal(signal: NodeJS.Signals): void {
  if (process.listenerCount(signal) > 1) return; // the host handles it, and stops the JVMs
  killAll();
  for (const s of SIGNALS) process.off(s, onSignal);
  process.kill(process.pid, signal);
}

/** Ties `child` to this process until the child exits; `tmpDir` is removed with the child. */
export function dieWithHost(child: ChildProcess, tmpDir: string): void {
  if (jvms.size === 0) {
    // First in line: an 'exit' listener that calls process.exit() again (vitest's reporter
    // does, for SIGINT and SIGTERM too) ends the process on the spot, and the listeners after
    // it never run.
    process.prependListener('exit', killAll);
    for (const s of SIGNALS) process.on(s, onSignal);
  }
  jvms.set(child, tmpDir);
  child.once('exit', () => {
    jvms.delete(child);
    removeJvmTmpDir(tmpDir);
    if (jvms.size === 0) {
      process.off('exit', killAll);
      for (const s of SIGNALS) process.off(s, onSignal);
    }
  });
}
