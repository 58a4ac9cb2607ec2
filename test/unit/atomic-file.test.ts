/** local/atomic-file.ts: a file is replaced whole (by a rename), never rewritten in place. */
import { linkSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../local/atomic-file';

describe('writeFileAtomic', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'anxin-atomic-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('replaces the file by a rename: a reader holding the old file keeps reading it whole', () => {
    const file = join(dir, 'local.json');
    writeFileSync(file, '{"old":true}\n');
    // A second name for the old file's inode stands in for a reader that opened it: a write
    // in place (truncate, then write) would change what it sees.
    linkSync(file, join(dir, 'reader'));
    writeFileAtomic(file, '{"new":true}\n', { mode: 0o600 });
    expect(readFileSync(join(dir, 'reader'), 'utf8')).toBe('{"old":true}\n');
    expect(readFileSync(file, 'utf8')).toBe('{"new":true}\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(['local.json', 'reader']);
  });

  it('leaves neither the file nor a temporary one when it cannot write', () => {
    const file = join(dir, 'missing-folder', 'local.json');
    expect(() => writeFileAtomic(file, 'x')).toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
