/** One cold import of a bundle in a fresh `node` process, with the function's Lambda environment. */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const LOADER = fileURLToPath(new URL('./import-once.mjs', import.meta.url));

export function importOnce(file: string, env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    // Bare node (no tsx loader), like Lambda's runtime; the environment is the function's, nothing of ours.
    execFile(process.execPath, [LOADER, file], { env, timeout: 30_000, maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`import of ${file} failed: ${(stderr || error.message).split('\n').filter(Boolean).slice(-3).join(' | ').slice(0, 400)}`));
      try {
        resolve((JSON.parse(stdout.trim().split('\n').at(-1)!) as { importMs: number }).importMs);
      } catch {
        reject(new Error(`unexpected output importing ${file}: ${stdout.slice(0, 200)}`));
      }
    });
  });
}
