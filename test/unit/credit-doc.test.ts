/**
 * docs/credit-grading.md states the numbers the code uses: an officer explaining a grade
 * reads the document, so a weight, bound or threshold changed in one place only fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BOUNDS,
  DIMENSIONS,
  FULL_ORDER_VOLUME,
  FULL_STAFF,
  FULL_TENURE_MONTHS,
  MIN_COMPLETED_ORDERS,
  MIN_RATINGS,
  MIN_TENURE_MONTHS,
  PENALTY_CAP_POINTS,
  PUBLIC_CREDIT_START,
} from '../../shared/domain/credit/indicators';
import { CAPPED_GRADE, CREDIT_MODEL_VERSION, ENTERPRISE_INDICATORS, GRADE_THRESHOLDS } from '../../shared/domain/credit/model';
import { NEUTRAL_RATING } from '../../shared/domain/credit/rates';
import { FULL_CERTIFICATE_MONTHS, FULL_SERVICE_YEARS, FULL_TRAINED_CATEGORIES, STAR_THRESHOLDS, WORKER_BOUNDS, WORKER_INDICATORS, WORKER_MIN_RATINGS } from '../../shared/domain/credit/worker-stars';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const doc = read('docs/credit-grading.md');
/** The document's table row that starts with `id`. */
const row = (text: string, id: string) => text.split('\n').find((line) => line.startsWith(`| \`${id}\` |`)) ?? '';
const section = (heading: string) => doc.slice(doc.indexOf(heading), doc.indexOf('\n### ', doc.indexOf(heading) + heading.length));

describe('docs/credit-grading.md', () => {
  it('names the version', () => {
    expect(doc).toContain(`## Model ${CREDIT_MODEL_VERSION}`);
    expect(doc).toContain(`Version id: \`${CREDIT_MODEL_VERSION}\``);
  });

  it('has a row per dimension and per enterprise indicator with its label, direction and weight', () => {
    for (const d of DIMENSIONS) expect(doc).toContain(`| ${d.label} `);
    for (const d of DIMENSIONS) expect(row(doc, d.id), d.id).toMatch(new RegExp(`\\| ${d.weight} \\|$`));
    for (const d of DIMENSIONS) expect(doc, d.id).toContain(`#### ${d.label} (`);
    for (const i of ENTERPRISE_INDICATORS) {
      const r = row(doc, i.id);
      expect(r, i.id).toContain(`| ${i.label} |`);
      expect(r, i.id).toContain(`| ${i.direction} |`);
      expect(r, i.id).toMatch(new RegExp(`\\| ${i.weight} \\|$`));
      const dimension = DIMENSIONS.find((d) => d.id === i.dimension)!;
      const own = doc.slice(doc.indexOf(`#### ${dimension.label}`));
      expect(own.slice(0, own.indexOf('\n#### ', 5)), `${i.id} in ${dimension.label}`).toContain(r);
    }
  });

  it('states every bound and threshold', () => {
    for (const [id, { worst, best }] of Object.entries(BOUNDS)) expect(row(doc, id), id).toContain(`${worst} → ${best}`);
    expect(row(doc, 'staff-size')).toContain(`min(value, ${FULL_STAFF}) ÷ ${FULL_STAFF}`);
    expect(row(doc, 'programme-tenure')).toContain(`min(value, ${FULL_TENURE_MONTHS}) ÷ ${FULL_TENURE_MONTHS}`);
    expect(row(doc, 'order-volume')).toContain(`log10(${1 + FULL_ORDER_VOLUME})`);
    expect(row(doc, 'public-record')).toContain(`(${PUBLIC_CREDIT_START} − penalties + rewards) ÷ ${PUBLIC_CREDIT_START}`);
    expect(doc).toContain(`fewer than **${MIN_RATINGS}** ratings in the window → \`null\`, **${NEUTRAL_RATING}**`);
    expect(doc).toMatch(new RegExp(`totalling \\*\\*${PENALTY_CAP_POINTS} points or more\\*\\* cap the\\s+grade at \\*\\*${CAPPED_GRADE}\\*\\*`));
    expect(doc).toContain(`at least **${MIN_TENURE_MONTHS}** whole months`);
    expect(doc).toContain(`at least **${MIN_COMPLETED_ORDERS}** completed orders`);
    for (const t of GRADE_THRESHOLDS) expect(doc).toContain(`| ${t.grade} | ≥ ${t.minScore} |`);
    expect(doc).toContain(`| 1A | below ${GRADE_THRESHOLDS.at(-1)!.minScore} |`);
  });

  it('states the worker stars the same way', () => {
    const stars = section('### Worker stars');
    for (const i of WORKER_INDICATORS) {
      const r = row(stars, i.id);
      expect(r, i.id).toContain(`| ${i.label} |`);
      expect(r, i.id).toContain(`| ${i.direction} |`);
      expect(r, i.id).toMatch(new RegExp(`\\| ${i.weight} \\|$`));
    }
    for (const [id, { worst, best }] of Object.entries(WORKER_BOUNDS)) expect(row(stars, id), id).toContain(`${worst} → ${best}`);
    expect(row(stars, 'rating-average')).toContain(`fewer than **${WORKER_MIN_RATINGS}** ratings → \`null\`, ${NEUTRAL_RATING}`);
    expect(row(stars, 'training-categories')).toContain(`min(value, ${FULL_TRAINED_CATEGORIES}) ÷ ${FULL_TRAINED_CATEGORIES}`);
    expect(row(stars, 'certificate-tenure')).toContain(`min(value, ${FULL_CERTIFICATE_MONTHS}) ÷ ${FULL_CERTIFICATE_MONTHS}`);
    expect(row(stars, 'years-of-service')).toContain(`min(value, ${FULL_SERVICE_YEARS}) ÷ ${FULL_SERVICE_YEARS}`);
    for (const t of STAR_THRESHOLDS) expect(stars).toContain(`| ${t.stars} | ≥ ${t.minScore} |`);
  });

  it('every section the credit code cites exists', () => {
    const headings = new Set([...doc.matchAll(/^#{2,4} (.+)$/gm)].map((m) => m[1]!.trim()));
    const dir = 'shared/domain/credit';
    const cited = readdirSync(new URL(`../../${dir}`, import.meta.url)).flatMap((file) =>
      [...read(`${dir}/${file}`).replace(/\n\s*(?:\*|\/\/)\s*/g, ' ').matchAll(/docs\/credit-grading\.md "([^"]+)"/g)].map((m) => [file, m[1]!] as const),
    );
    expect(cited.length).toBeGreaterThan(3);
    expect(cited.filter(([, heading]) => !headings.has(heading))).toEqual([]);
  });

  it('is linked from the README and from docs/domain.md', () => {
    expect(read('README.md')).toContain('(docs/credit-grading.md)');
    expect(read('docs/domain.md')).toContain('(credit-grading.md)');
  });
});
