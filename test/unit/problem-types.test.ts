/**
 * Every problem type a client can receive is documented in docs/problems.md with its
 * status. The registry (shared/lib/problem-types.ts) is what a Problem's slug is typed
 * against; the source scan catches a type written around it (a cast, a literal body).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROBLEM_TYPES } from '../../shared/lib/problem-types';

const ROOT = new URL('../../', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(ROOT, path)).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** slug → the statuses the code gives it, from every way the code writes a problem. */
function problemTypesInCode(): Map<string, Set<number>> {
  const found = new Map<string, Set<number>>();
  const add = (slug: string, status: number) => found.set(slug, (found.get(slug) ?? new Set()).add(status));
  for (const file of [...sources('shared'), ...sources('functions')]) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const m of text.matchAll(/new Problem\(\s*(\d{3}),\s*'([a-z0-9-]+)'/g)) add(m[2]!, Number(m[1]));
    for (const m of text.matchAll(/problems\.conflict\(\s*'([a-z0-9-]+)'/g)) add(m[1]!, 409);
    for (const m of text.matchAll(/['"`]\/problems\/([a-z0-9-]+)['"`]/g)) add(m[1]!, 0);
  }
  return found;
}

/** slug → status, from the table of docs/problems.md. */
function documented(): Map<string, number> {
  const doc = readFileSync(join(ROOT, 'docs/problems.md'), 'utf8');
  return new Map([...doc.matchAll(/^\| `\/problems\/([a-z0-9-]+)` \| (\d{3}) \|/gm)].map((m) => [m[1]!, Number(m[2])]));
}

describe('problem types', () => {
  it('every problem type the code produces is documented in docs/problems.md, with its status', () => {
    const docs = documented();
    const missing = [...problemTypesInCode()].filter(([slug]) => !docs.has(slug)).map(([slug]) => slug);
    expect(missing, 'undocumented problem types').toEqual([]);
    for (const [slug, statuses] of problemTypesInCode()) {
      for (const status of statuses) if (status !== 0) expect(docs.get(slug), slug).toBe(status);
    }
  });

  it('the registry holds every type the code writes, and docs/problems.md documents exactly the registry', () => {
    for (const [slug, statuses] of problemTypesInCode()) {
      expect(Object.keys(PROBLEM_TYPES), slug).toContain(slug);
      for (const status of statuses) if (status !== 0) expect(PROBLEM_TYPES[slug as keyof typeof PROBLEM_TYPES], slug).toBe(status);
    }
    expect(Object.fromEntries(documented())).toEqual(PROBLEM_TYPES);
  });
});
