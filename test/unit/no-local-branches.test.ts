/**
 * Handler code has no "am I local?" branches (docs/architecture.md "The same code runs in
 * AWS and locally"): the AWS SDK finds the local endpoints through AWS_ENDPOINT_URL_* by
 * itself. This guards the rule mechanically.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const FORBIDDEN = [/AWS_ENDPOINT_URL/, /localhost|127\.0\.0\.1/, /IS_LOCAL|isLocal|ANXIN_LOCAL/, /from ['"][./]*local\//];

describe('runtime code has no local-only branches', () => {
  // The OpenAPI builder runs at build time only; its `servers` entry documents the local URL.
  const files = [...sources('functions'), ...sources('shared')].filter((f) => !f.endsWith('schemas/openapi.ts'));
  const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

  it('scans the function and shared sources', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  // The webhook URL rules name the loopback hosts to decide whether the STAGE allows them
  // (WEBHOOK_ALLOW_LOOPBACK: dev yes, prod no) — the same code in AWS and locally.
  const allowed: Record<string, RegExp[]> = { [join('shared', 'webhooks', 'url-rules.ts')]: [FORBIDDEN[1]!] };

  it.each(files)('%s', (file) => {
    const text = code(readFileSync(file, 'utf8'));
    for (const pattern of FORBIDDEN) {
      if (allowed[file]?.includes(pattern)) continue;
      expect(text, `${file} matches ${pattern}`).not.toMatch(pattern);
    }
  });
});
