/**
 * docs/subsidies.md states the catalogue the code holds: an officer explaining a refusal or
 * an amount reads the document, so a scheme, rule, fact, amount, document or transition
 * changed in one place only fails here — and the document names nothing the code lacks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SUBSIDY_CAP_PER_WORKER_YEAR_FEN, SUBSIDY_MAX_YEARS, SUBSIDY_RATE_PERCENT } from '../../shared/domain/insurance/subsidy';
import { APPLICATION_COMMANDS, COMMAND_ACTORS, STEP_NAMES, TRANSITIONS, traceTypeOf, type ApplicationState } from '../../shared/domain/subsidy/application';
import { FACT_IDS, FACTS, RECOGNITION_KINDS, type FactHeld } from '../../shared/domain/subsidy/facts';
import type { PaymentKeyKind } from '../../shared/domain/subsidy/payment-keys';
import { RULE_IDS, RULES } from '../../shared/domain/subsidy/rules';
import { DOCUMENT_KINDS, DOCUMENT_LABELS, SCHEME_CATALOGUE_VERSION, SCHEME_IDS, SCHEMES, type SubsidyScheme } from '../../shared/domain/subsidy/schemes';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const doc = read('docs/subsidies.md');

/** The text from a heading to the next heading of the same or a higher level. */
function section(heading: string): string {
  const start = doc.indexOf(`\n${heading}\n`);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const level = heading.indexOf(' ');
  const rest = doc.slice(start + heading.length + 2);
  const next = rest.search(new RegExp(`^#{1,${level}} `, 'm'));
  return next < 0 ? rest : rest.slice(0, next);
}
/** The table row whose first cell is `id` in backticks. */
const row = (text: string, id: string) => text.split('\n').find((line) => line.startsWith(`| \`${id}\` |`)) ?? '';
/** First-cell ids of a section's table rows. */
const tableIds = (text: string) => [...text.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]!);
/** `300,000 ¥` */
const yuan = (fen: number) => `${(fen / 100).toLocaleString('en-US')} ¥`;
const fenText = (fen: number) => `${fen.toLocaleString('en-US')} fen`;

function amountCell(s: SubsidyScheme): string {
  switch (s.amount.kind) {
    case 'fixed':
      return yuan(s.amount.amountFen);
    case 'per-person-year':
      return `${yuan(s.amount.perPersonFen)} per`;
    case 'insurance-premium-share':
      return `${SUBSIDY_RATE_PERCENT}% of the premium, at most ${yuan(SUBSIDY_CAP_PER_WORKER_YEAR_FEN)} per worker and year, at most ${SUBSIDY_MAX_YEARS} years per worker`;
  }
}

describe('docs/subsidies.md', () => {
  it('names the catalogue version', () => {
    expect(doc).toContain(`## Catalogue ${SCHEME_CATALOGUE_VERSION}`);
    expect(doc).toContain(`Version id: \`${SCHEME_CATALOGUE_VERSION}\``);
  });

  it('has a row per scheme with its names, applicant, period and amount — and no other', () => {
    const table = section('## The schemes');
    for (const s of Object.values(SCHEMES)) {
      const r = row(table, s.id);
      expect(r, s.id).toContain(`| ${s.nameZh} | ${s.nameEn} | ${s.applicant} | ${s.period} | ${amountCell(s)}`);
    }
    expect(tableIds(table.slice(0, table.indexOf('\n\n', table.indexOf('| id |'))))).toEqual([...SCHEME_IDS]);
  });

  it('has a section per scheme with its rules in order, its amount, limits and documents', () => {
    for (const s of Object.values(SCHEMES)) {
      const text = section(`### \`${s.id}\``).replace(/\s+/g, ' ');
      expect(text, s.id).toContain(s.nameZh);
      const listed = [...text.matchAll(/`([a-z-]+)`/g)].map((m) => m[1]!).filter((id) => (RULE_IDS as readonly string[]).includes(id));
      const own = [...s.rules, ...(s.persons?.rules ?? [])];
      // Every rule of the scheme, in the scheme's order, first mentioned in the Rules bullet.
      expect([...new Set(listed)].slice(0, own.length), s.id).toEqual(own);
      for (const d of s.documents) expect(text, `${s.id} ${d}`).toContain(`\`${d}\``);
      const fen = s.amount.kind === 'fixed' ? s.amount.amountFen : s.amount.kind === 'per-person-year' ? s.amount.perPersonFen : undefined;
      if (fen !== undefined) expect(text, s.id).toContain(`${yuan(fen)} (${fenText(fen)})`);
      expect(text, s.id).toContain(s.period === 'one-off' ? 'Period**: one-off' : 'Period**: yearly');
      if (s.minAverageHeadcount !== undefined) expect(text, s.id).toContain(`at least **${s.minAverageHeadcount}** workers on labour contracts`);
      if (s.graduate) {
        expect(text).toContain(`at most **${s.graduate.hiredWithinYearsOfGraduating}** years after it`);
        for (const t of s.graduate.qualifyingSchoolTypes) expect(text).toContain(`\`${t}\``);
        expect(text).toContain('`other` does not count');
      }
      if (s.limits.maxYearsPerPerson !== undefined && s.limits.personLimitsBy === 'ledger') expect(text, s.id).toContain(`at most **${s.limits.maxYearsPerPerson}** years`);
      expect(text, s.id).toContain(s.limits.perApplicant === 'once-per-subject' ? 'ever' : 'one paid application per enterprise and year');
    }
    for (const d of DOCUMENT_KINDS) expect(doc.replace(/\s+/g, ' '), d).toMatch(new RegExp(`\`${d}\` \\(${DOCUMENT_LABELS[d]}`));
  });

  it('has a row per rule with its level and the facts it reads — and no other', () => {
    const table = section('## Rules');
    for (const id of RULE_IDS) {
      const r = row(table, id);
      expect(r, id).toContain(`| ${RULES[id].level} |`);
      const reads = r.slice(r.lastIndexOf('|', r.length - 2));
      expect([...reads.matchAll(/`([^`]+)`/g)].map((m) => m[1]), id).toEqual([...RULES[id].reads]);
    }
    expect(tableIds(table)).toEqual([...RULE_IDS]);
  });

  it('has a row per fact with where it is held, marks the facts not on the platform yet, and says how each will be added', () => {
    const table = section('## Facts');
    const status: Record<FactHeld, string> = { 'on-platform': 'on the platform', 'not-yet': '**not yet**', request: 'the application' };
    for (const id of FACT_IDS) {
      const r = row(table, id);
      expect(r, id).toMatch(new RegExp(`\\| ${status[FACTS[id].held].replace(/\*/g, '\\*')} \\|$`));
      if (FACTS[id].personal) expect(r, id).toContain('*personal*');
    }
    expect(tableIds(table.slice(0, table.indexOf('### '))).filter((id) => id.includes('.'))).toEqual([...FACT_IDS]);
    const later = section('### What a later step adds');
    for (const id of FACT_IDS.filter((f) => FACTS[f].held === 'not-yet')) expect(later, id).toContain(`\`${id}\``);
    for (const kind of RECOGNITION_KINDS) expect(row(table, 'applicant.recognitions'), kind).toContain(`\`${kind}\``);
  });

  it('has the state machine as the code has it: one row per transition, who gives it, the trace and event names', () => {
    const machine = section('### The state machine');
    const rows = machine.split('\n').filter((l) => /^\| (`|\(none\))/.test(l));
    const expected = [
      '| (none) | `submit` | `submitted` | applicant |',
      ...(Object.entries(TRANSITIONS) as [ApplicationState, Record<string, ApplicationState>][]).flatMap(([from, to]) =>
        Object.entries(to).map(([command, state]) => `| \`${from}\` | \`${command}\` | \`${state}\` | ${COMMAND_ACTORS[command as keyof typeof COMMAND_ACTORS]} |`),
      ),
    ];
    expect(rows.sort()).toEqual(expected.sort());
    for (const c of APPLICATION_COMMANDS) {
      expect(machine, c).toContain(`\`${traceTypeOf(c)}\``);
      expect(machine, c).toContain(`- **${c}** —`);
    }
    expect(machine).toContain('`cn.anxin.subsidy.<step>.v1`');
    expect(section('## Applications')).toContain(`\`cn.anxin.subsidy.${STEP_NAMES.submit}.v1\``);
  });

  it('names each payment key', () => {
    const table = section('## No double payment');
    const kinds: PaymentKeyKind[] = ['award', 'applicant-year', 'person-year'];
    expect(tableIds(table)).toEqual(kinds);
  });

  it('every section the subsidy code cites exists', () => {
    const headings = new Set([...doc.matchAll(/^#{2,4} (.+)$/gm)].map((m) => m[1]!.trim()));
    const dir = 'shared/domain/subsidy';
    const cited = readdirSync(new URL(`../../${dir}`, import.meta.url)).flatMap((file) =>
      [...read(`${dir}/${file}`).replace(/\n\s*(?:\*|\/\/)\s*/g, ' ').matchAll(/docs\/subsidies\.md "([^"]+)"/g)].map((m) => [file, m[1]!] as const),
    );
    expect(cited.length).toBeGreaterThan(5);
    expect(cited.filter(([, heading]) => !headings.has(heading))).toEqual([]);
  });

  it('is linked from docs/domain.md', () => {
    expect(read('docs/domain.md')).toContain('(subsidies.md)');
  });
});
