/**
 * `anxin start` as its own process, started as a person starts it (`node --import tsx
 * cli/main.ts start …`, what bin/anxin.mjs and `npm start` run): its output is collected,
 * the banner it prints once the platform is up is awaited with a deadline, and `interrupt`
 * sends Ctrl-C (SIGINT) and waits for the exit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { eventually } from './platform';

export interface AnxinStart {
  child: ChildProcess;
  /** stdout and stderr as printed so far (the platform log is on stdout). */
  output(): string;
  /** The banner `anxin start` prints once everything is up. */
  banner: string;
  /** Ctrl-C; resolves with the exit once the process has ended. */
  interrupt(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const BANNER_END = 'Ctrl-C stops the platform';

export async function startAnxin(args: string[], startTimeoutMs = 150_000): Promise<AnxinStart> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'start', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => (output += chunk.toString());
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  // A test run that dies must not leave a platform (and its JVM) running: SIGTERM stops it cleanly.
  const killWithTest = () => child.kill('SIGTERM');
  process.once('exit', killWithTest);
  void exited.then(() => process.off('exit', killWithTest));

  let banner: string;
  try {
    banner = await eventually(
      async () => {
        if (child.exitCode !== null || child.signalCode !== null) {
          throw new Error(`anxin start exited (${child.exitCode ?? child.signalCode}) before it was up:\n${output.slice(-4000)}`);
        }
        const end = output.indexOf(BANNER_END);
        if (end < 0) return undefined;
        const start = output.lastIndexOf('is up in', end);
        return output.slice(output.lastIndexOf('\n', start) + 1, output.indexOf('\n', end));
      },
      startTimeoutMs,
      'anxin start to print its banner',
    );
  } catch (error) {
    child.kill('SIGTERM');
    await exited;
    throw error;
  }
  return {
    child,
    output: () => output,
    banner,
    async interrupt(timeoutMs = 30_000) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
