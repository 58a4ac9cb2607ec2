/**
 * Rules that decide an outcome are stated where a partner reads them, not only in code:
 * which policy cover each claim type needs (the OpenAPI document and the insurer guide),
 * and how the premium subsidy is rounded and capped.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLAIM_TYPES, COVER_FOR_CLAIM } from '../../shared/domain/insurance/cover';
import { SUBSIDY_CAP_PER_WORKER_YEAR_FEN, SUBSIDY_MAX_YEARS, SUBSIDY_RATE_PERCENT } from '../../shared/domain/insurance/subsidy';
import { buildOpenApiDocument } from '../../shared/schemas/openapi';

const doc = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('which cover a claim type needs', () => {
  it('docs/insurer-integration.md has a row per claim type naming its cover', () => {
    const guide = doc('docs/insurer-integration.md');
    for (const type of CLAIM_TYPES) expect(guide, type).toMatch(new RegExp(`\\| \`${type}\` \\| \`${COVER_FOR_CLAIM[type]}\` \\|`));
  });

  it('the OpenAPI document states it on the filing request and on POST /v1/claims', () => {
    const api = buildOpenApiDocument() as unknown as {
      paths: Record<string, Record<string, { description?: string }>>;
      components: { schemas: Record<string, { properties: Record<string, { description?: string }> }> };
    };
    const typeField = api.components.schemas.FileClaimRequest!.properties.type!.description ?? '';
    const operation = api.paths['/v1/claims']!.post!.description ?? '';
    for (const type of CLAIM_TYPES) {
      for (const text of [typeField, operation]) expect(text, type).toContain(`${type} → ${COVER_FOR_CLAIM[type]}`);
    }
  });
});

describe('the premium subsidy rule', () => {
  it('docs/insurer-integration.md states the rate, the caps and how amounts are rounded', () => {
    const guide = doc('docs/insurer-integration.md');
    const section = guide.slice(guide.indexOf('## Premium subsidy'));
    expect(section).toContain('## Premium subsidy');
    expect(section).toContain(`${SUBSIDY_RATE_PERCENT}%`);
    expect(section).toContain(`${SUBSIDY_CAP_PER_WORKER_YEAR_FEN} fen`);
    expect(section).toContain(`${SUBSIDY_MAX_YEARS} calendar years`);
    expect(section).toMatch(/nearest fen, halves up/);
    expect(section).toMatch(/rounded down/);
  });
});
