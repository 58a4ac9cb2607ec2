/**
 * Everything a describe block's handlers log, at every level — stdout, stderr and the
 * console — for privacy checks that no personal value is in it. Call inside `describe`:
 * it registers the hooks that start and stop the capture, and returns the lines as they
 * come. The logger is set to DEBUG meanwhile, so even debug lines are looked at.
 */
import { afterAll, beforeAll, vi } from 'vitest';
import { logger } from '../../shared/lib/logger';

export function captureEverythingLogged(): string[] {
  const logged: string[] = [];
  beforeAll(() => {
    logger.setLogLevel('DEBUG');
    const keep = (chunk: unknown) => {
      logged.push(String(chunk));
      return true;
    };
    vi.spyOn(process.stdout, 'write').mockImplementation(keep);
    vi.spyOn(process.stderr, 'write').mockImplementation(keep);
    for (const m of ['log', 'info', 'warn', 'error', 'debug'] as const) vi.spyOn(console, m).mockImplementation((...args) => void logged.push(args.map(String).join(' ')));
  });
  afterAll(() => {
    vi.restoreAllMocks();
    logger.setLogLevel('SILENT');
  });
  return logged;
}
