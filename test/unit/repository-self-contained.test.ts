/**
 * The repository explains itself (docs/conventions.md "Comments"): what the code relies on
 * is written in docs/, so no tracked file may cite a document outside the repository, and
 * code comments say why without pointing at issue numbers.
 *
 * The patterns are assembled from pieces so that this file does not match them itself.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SELF_FILE = fileURLToPath(import.meta.url);
const ROOT = resolve(dirname(SELF_FILE), '../..');
const SELF = relative(ROOT, SELF_FILE).split(sep).join('/');

/** Tracked files that exist in the working tree, as text; lock files, dependencies and binaries skipped. */
function trackedTextFiles(): { path: string; text: string }[] {
  const out = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const files: { path: string; text: string }[] = [];
  for (const path of out.split('\0')) {
    if (!path || path === SELF || path.split('/').includes('node_modules') || path.endsWith('package-lock.json')) continue;
    const abs = join(ROOT, path);
    if (!existsSync(abs) || !statSync(abs).isFile()) continue;
    const buffer = readFileSync(abs);
    if (buffer.includes(0)) continue;
    files.push({ path, text: buffer.toString('utf8') });
  }
  return files;
}

interface Finding {
  where: string;
  match: string;
}

function findAll(files: { path: string; text: string }[], pattern: RegExp, accept: (match: RegExpExecArray, path: string) => boolean = () => false) {
  const found: Finding[] = [];
  for (const { path, text } of files) {
    const lines = text.split('\n');
    lines.forEach((line, i) => {
      for (const m of line.matchAll(new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`))) {
        if (!accept(m as RegExpExecArray, path)) found.push({ where: `${path}:${i + 1}`, match: m[0] });
      }
    });
  }
  return found;
}

const report = (findings: Finding[]) => findings.map((f) => `${f.where}: ${f.match}`).join('\n');

const files = trackedTextFiles();

// "DESIGN" + ".md", and the shared folder beside the repository.
const OUTSIDE_DOCUMENT = new RegExp(['DESIGN', '\\.md'].join(''), 'i');
const SHARED = ['sha', 'red'].join('');
const RELATIVE_SHARED = new RegExp(`((?:\\.\\./)+)${SHARED}/[\\w./-]*`);
const ABSOLUTE_SHARED = new RegExp(`/work/${SHARED}\\b`);
// "issue 6", "(issue 12)", "issue #6", "Issues 5": a ticket cited as the reason for the code.
const ISSUE_NUMBER = new RegExp(['\\bissue', 's?\\s*#?\\s*\\d+\\b'].join(''), 'i');

/** A relative path into shared/ is fine when it resolves, from its own file, to something in this repository. */
function resolvesInsideRepo(match: RegExpExecArray, path: string): boolean {
  const target = resolve(join(ROOT, dirname(path)), match[0].replace(/[.]+$/, ''));
  if (target !== ROOT && !target.startsWith(ROOT + sep)) return false;
  const candidates = ['', '.ts', '.js', '.mjs', '.md', '/index.ts'].map((ext) => target + ext);
  return candidates.some((c) => existsSync(c));
}

describe('the repository is self-contained', () => {
  it('reads tracked files', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.some((f) => f.path === 'README.md')).toBe(true);
  });

  it('no file cites the design notes kept outside the repository', () => {
    expect(report(findAll(files, OUTSIDE_DOCUMENT))).toBe('');
  });

  it('no file points into a shared folder outside the repository (code imports inside it are fine)', () => {
    const relativeOutside = findAll(files, RELATIVE_SHARED, resolvesInsideRepo);
    const absolute = findAll(files, ABSOLUTE_SHARED);
    expect(report([...relativeOutside, ...absolute])).toBe('');
  });

  it('code and docs give reasons, not issue numbers', () => {
    const sources = files.filter((f) => /\.(ts|mts|mjs|js|md)$/.test(f.path));
    expect(report(findAll(sources, ISSUE_NUMBER))).toBe('');
  });

  it('a comment that cites a section of docs/ names a section that exists', () => {
    const headings = (doc: string) =>
      new Set([...readFileSync(join(ROOT, 'docs', `${doc}.md`), 'utf8').matchAll(/^#{2,4} (.+)$/gm)].map((m) => m[1]!.trim()));
    const sections = { architecture: headings('architecture'), domain: headings('domain'), conventions: headings('conventions') };
    const broken: string[] = [];
    for (const { path, text } of files) {
      // A citation may wrap onto the next comment line.
      const joined = text.replace(/\n\s*(?:\*|\/\/)\s*/g, ' ');
      for (const m of joined.matchAll(/docs\/(architecture|domain|conventions)\.md "([^"]+)"/g)) {
        if (!sections[m[1] as keyof typeof sections].has(m[2]!)) broken.push(`${path}: docs/${m[1]}.md "${m[2]}"`);
      }
    }
    expect(broken.join('\n')).toBe('');
  });

  it('the checks catch what they are meant to catch', () => {
    const sample = (path: string, text: string) => [{ path, text }];
    const cite = ['(', 'DESIGN', '.md "Conventions")'].join('');
    expect(findAll(sample('shared/x.ts', ` * ${cite}`), OUTSIDE_DOCUMENT)).toHaveLength(1);
    const outside = ['../', SHARED, '/hooks/pre-commit'].join('');
    expect(findAll(sample('README.md', `see ${outside}`), RELATIVE_SHARED, resolvesInsideRepo)).toHaveLength(1);
    const upTwo = ['../../', SHARED, '/DE', 'SIGN'].join('');
    expect(findAll(sample('infra/app.ts', upTwo), RELATIVE_SHARED, resolvesInsideRepo)).toHaveLength(1);
    const codeImport = ['../../', SHARED, '/lib/http'].join('');
    expect(findAll(sample('functions/http/orders-get.ts', `import { json } from '${codeImport}';`), RELATIVE_SHARED, resolvesInsideRepo)).toHaveLength(0);
    const ticket = ['(iss', 'ue 6)'].join('');
    expect(findAll(sample('a.ts', `// until insurance exists ${ticket}`), ISSUE_NUMBER)).toHaveLength(1);
    expect(findAll(sample('a.ts', ['// see iss', 'ue #12'].join('')), ISSUE_NUMBER)).toHaveLength(1);
    expect(findAll(sample('a.ts', 'function describe(issue: core.$ZodIssue) { return issue.code; } // issued on time'), ISSUE_NUMBER)).toHaveLength(0);
  });
});
