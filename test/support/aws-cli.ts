/**
 * The aws CLI the tests drive, when one is installed: its executable, found once per process.
 *
 * A version manager's shim on PATH (pyenv's, on the machines this project is built on) is a
 * bash script that works out which Python to run on every call — ~0.25 of the ~0.7 CPU-s an
 * `aws --version` costs through it on a 2-core machine (0.44 run directly; measured
 * 2026-12-07), and a test run makes ~20 calls. So a shim is asked once for the executable it
 * would run, and the tests run that.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

function findOnPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && existsSync(join(dir, command))) return join(dir, command);
  }
  return undefined;
}

function resolveAwsCli(): string | undefined {
  const onPath = findOnPath('aws');
  if (!onPath || !/\/\.?pyenv\/shims\//.test(onPath)) return onPath;
  try {
    const real = execFileSync('pyenv', ['which', 'aws'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return real && existsSync(real) ? real : onPath;
  } catch {
    return onPath; // the shim itself still works, only slower
  }
}

/** The aws CLI's executable, or undefined when none is on PATH (the CLI tests are then skipped). */
export const AWS_CLI: string | undefined = resolveAwsCli();
