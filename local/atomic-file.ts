/**
 * Files of the local platform that others read while it runs or after it crashed
 * (local.json, key material, the Lambda runtime's script): written whole or not at all.
 *
 * Write a temporary file beside the target, then rename it over the target: on one file
 * system the rename is atomic, so a reader sees the old file or the new one, never a
 * truncated one (a test that polled local.json once read it empty mid-write). By hand:
 * it is these few lines; write-file-atomic would add fsync and ownership handling that
 * this local, re-creatable data does not need.
 */
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';

export function writeFileAtomic(file: string, data: string | Uint8Array, options: { mode?: number } = {}): void {
  // Unique per writer: two processes may write the same file at once (the runtime script).
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(tmp, data, options);
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}
