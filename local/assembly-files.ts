/**
 * Copies of cloud assemblies and function bundles that share the bundles' bytes.
 *
 * A bundle (`asset.<hash>/` in cdk.out, `bundles/<hash>/` in a data directory) is written
 * once and never changed in place: content-addressed, replaced only by a new folder under a
 * new hash. So a copy of one can be a hard link to the same file instead of ~1 MB of new
 * bytes per function (the app's assembly is ~90 MB, mostly bundles and their source maps).
 * Everything else in an assembly (templates, manifests) is copied: a caller may edit those.
 *
 * Hand-written because fs.cpSync has no "link instead of copy" mode.
 */
import { copyFileSync, linkSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Recreates `src` under `dst`, each file a hard link to the original (a copy where linking is refused, e.g. across file systems). */
export function linkOrCopyTree(src: string, dst: string): void {
  mkdirSync(dst, { recursive: true });
  for (const entry of readdirSync(src, { withFileTypes: true })) {
    const from = join(src, entry.name);
    const to = join(dst, entry.name);
    if (entry.isDirectory()) linkOrCopyTree(from, to);
    else linkOrCopy(from, to);
  }
}

/** Copies a cloud assembly: its `asset.*` folders by hard links, every other file as a real copy. */
export function copyAssembly(src: string, dst: string): void {
  mkdirSync(dst, { recursive: true });
  for (const entry of readdirSync(src, { withFileTypes: true })) {
    const from = join(src, entry.name);
    const to = join(dst, entry.name);
    if (entry.isDirectory() && entry.name.startsWith('asset.')) linkOrCopyTree(from, to);
    else if (entry.isDirectory()) copyAssembly(from, to);
    else copyFileSync(from, to);
  }
}

function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'EMLINK' && code !== 'ENOTSUP') throw error;
    copyFileSync(from, to);
  }
}
