/**
 * The scheme catalogue holds together (docs/subsidies.md "The schemes"): every rule is
 * checked by exactly one function and used by some scheme, at the level it is declared;
 * every fact is read by some rule; awards are one-off and keyed as the document says;
 * amounts are positive integers of fen.
 */
import { describe, expect, it } from 'vitest';
import { APPLICATION_RULE_IDS } from '../../shared/domain/subsidy/eligibility';
import { FACT_IDS, FACTS, PER_ITEM_RECOGNITIONS, RECOGNITION_KINDS } from '../../shared/domain/subsidy/facts';
import { PERSON_RULE_IDS } from '../../shared/domain/subsidy/person-rules';
import { RULE_IDS, RULES } from '../../shared/domain/subsidy/rules';
import { DOCUMENT_KINDS, DOCUMENT_LABELS, SCHEME_IDS, SCHEMES } from '../../shared/domain/subsidy/schemes';

const schemes = SCHEME_IDS.map((id) => SCHEMES[id]);

describe('rules', () => {
  it('each rule is checked by exactly one function, at its declared level', () => {
    expect([...APPLICATION_RULE_IDS, ...PERSON_RULE_IDS].sort()).toEqual([...RULE_IDS].sort());
    for (const id of APPLICATION_RULE_IDS) expect(RULES[id].level, id).toBe('application');
    for (const id of PERSON_RULE_IDS) expect(RULES[id].level, id).toBe('person');
  });

  it('each rule is used by a scheme, at the right place', () => {
    const used = new Set(schemes.flatMap((s) => [...s.rules, ...(s.persons?.rules ?? [])]));
    expect([...used].sort()).toEqual([...RULE_IDS].sort());
    for (const s of schemes) {
      for (const r of s.rules) expect(RULES[r].level, `${s.id} ${r}`).toBe('application');
      for (const r of s.persons?.rules ?? []) expect(RULES[r].level, `${s.id} ${r}`).toBe('person');
      expect(new Set(s.rules).size, s.id).toBe(s.rules.length);
    }
  });

  it('each rule reads known facts, and each fact is read by some rule', () => {
    for (const r of RULE_IDS) for (const f of RULES[r].reads) expect(FACT_IDS, r).toContain(f);
    expect([...new Set(RULE_IDS.flatMap((r) => RULES[r].reads))].sort()).toEqual([...FACT_IDS].sort());
    for (const f of FACT_IDS) expect(FACTS[f].id).toBe(f);
  });
});

describe('schemes', () => {
  it('check the applicant role they are for', () => {
    for (const s of schemes) {
      expect(s.rules[0], s.id).toBe(s.applicant === 'enterprise' ? 'applicant-is-enterprise' : 'applicant-is-training-base');
      expect(s.rules, s.id).toContain('applicant-not-blacklisted');
      expect(s.rules, s.id).toContain('application-window-open');
      expect(s.rules, s.id).toContain('required-documents-provided');
    }
  });

  it('awards are one-off, once per subject, for one recognition each; per-item recognitions are keyed on the item', () => {
    const awards = schemes.filter((s) => s.award);
    expect(awards.map((s) => s.award!.recognition).sort()).toEqual([...RECOGNITION_KINDS].sort());
    for (const s of schemes) {
      expect(s.period === 'one-off', s.id).toBe(s.award !== undefined);
      expect(s.limits.perApplicant, s.id).toBe(s.period === 'one-off' ? 'once-per-subject' : 'once-per-year');
      if (s.award) {
        expect(s.award.subject, s.id).toBe(PER_ITEM_RECOGNITIONS.includes(s.award.recognition) ? 'recognised-item' : 'applicant');
        expect(s.rules, s.id).toContain('award-not-granted-before');
        expect(s.amount.kind, s.id).toBe('fixed');
      }
    }
  });

  it('amounts are positive integers of fen, per-person amounts within their cap', () => {
    for (const s of schemes) {
      if (s.amount.kind === 'fixed') expect(Number.isSafeInteger(s.amount.amountFen) && s.amount.amountFen > 0, s.id).toBe(true);
      if (s.amount.kind === 'per-person-year') {
        expect(Number.isSafeInteger(s.amount.perPersonFen) && s.amount.perPersonFen > 0, s.id).toBe(true);
        expect(s.amount.perPersonFen, s.id).toBeLessThanOrEqual(s.limits.perPersonYearFen!);
        expect(s.limits.personLimitsBy, s.id).toBe('ledger');
        expect(s.persons, s.id).toBeDefined();
      }
    }
  });

  it('every scheme asks for the base documents; every document kind is asked for and labelled', () => {
    for (const s of schemes) for (const d of ['application-form', 'business-licence', 'bank-account'] as const) expect(s.documents, s.id).toContain(d);
    expect([...new Set(schemes.flatMap((s) => s.documents))].sort()).toEqual([...DOCUMENT_KINDS].sort());
    for (const d of DOCUMENT_KINDS) expect(DOCUMENT_LABELS[d].length, d).toBeGreaterThan(0);
  });
});
