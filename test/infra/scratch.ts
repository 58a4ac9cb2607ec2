/**
 * Temporary folders of the infra tests: inside the run's scratch folder, which the
 * project's teardown removes (test/support/infra-scratch-setup.ts), so nothing is left in
 * the system's temporary folder even when a file fails or its worker is stopped.
 */
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';

/** A new folder in the infra run's scratch folder, named `<prefix>XXXXXX`. */
export function scratchDir(prefix: string): string {
  return mkdtempSync(path.join(inject('infraScratchDir'), prefix));
}
