/**
 * The keys an approval claims (docs/subsidies.md "No double payment"): one person, one
 * scheme, one year across every applicant; a one-off award once per subject; a yearly scheme
 * once per applicant and year. The person is named only by a keyed hash.
 */
import { describe, expect, it } from 'vitest';
import type { AmountResult } from '../../shared/domain/subsidy/amount';
import type { Recognition, SubsidyFacts } from '../../shared/domain/subsidy/facts';
import { applicantYearKey, awardKey, awardSubject, keysToClaim, personYearKey } from '../../shared/domain/subsidy/payment-keys';
import { SCHEMES } from '../../shared/domain/subsidy/schemes';

const HASH_1 = '1'.repeat(64);
const HASH_2 = '2'.repeat(64);

const facts = (tenantId: string, over: Partial<SubsidyFacts> = {}): Pick<SubsidyFacts, 'applicant' | 'recognitionId' | 'year'> => ({
  year: 2025,
  applicant: { tenantId, role: 'enterprise', publicRecords: [], employmentModel: [], recognitions: [] },
  ...over,
});

const lines = (...rows: [string, number][]): Pick<AmountResult, 'persons'> => ({
  persons: rows.map(([workerId, amountFen]) => ({ workerId, counted: amountFen > 0, amountFen, failed: [] })),
});

describe('person keys', () => {
  it('the same graduate claimed by two enterprises is one key', () => {
    const a = keysToClaim(SCHEMES['graduate-employment'], facts('ten_A'), lines(['wkr_1', 1_000_000]), { wkr_1: HASH_1 });
    const b = keysToClaim(SCHEMES['graduate-employment'], facts('ten_B'), lines(['wkr_1', 1_000_000]), { wkr_1: HASH_1 });
    const personKey = (keys: typeof a) => keys.filter((k) => k.kind === 'person-year').map((k) => k.key);
    expect(personKey(a)).toEqual([personYearKey('graduate-employment', 2025, HASH_1)]);
    expect(personKey(a)).toEqual(personKey(b));
    // …but not across years or schemes.
    expect(personYearKey('graduate-employment', 2026, HASH_1)).not.toBe(personYearKey('graduate-employment', 2025, HASH_1));
    expect(personYearKey('employee-system-enterprise', 2025, HASH_1)).not.toBe(personYearKey('graduate-employment', 2025, HASH_1));
  });

  it('only persons the amount pays claim a key; each needs its hash', () => {
    const keys = keysToClaim(SCHEMES['employee-system-enterprise'], facts('ten_A'), lines(['wkr_1', 100_000], ['wkr_2', 0]), { wkr_1: HASH_1 });
    expect(keys).toEqual([
      { kind: 'applicant-year', key: applicantYearKey('employee-system-enterprise', 2025, 'ten_A') },
      { kind: 'person-year', key: personYearKey('employee-system-enterprise', 2025, HASH_1) },
    ]);
    expect(() => keysToClaim(SCHEMES['employee-system-enterprise'], facts('ten_A'), lines(['wkr_1', 100_000]), {})).toThrow(/no person hash/);
  });

  it('refuses anything that is not a keyed hash — an ID number never becomes a key', () => {
    expect(() => personYearKey('graduate-employment', 2025, '44030819900101123X')).toThrow(/keyed hash/);
    expect(() => personYearKey('graduate-employment', 2025, HASH_1.toUpperCase().replace(/1/g, 'A'))).toThrow(/keyed hash/);
    expect(() => keysToClaim(SCHEMES['graduate-employment'], facts('ten_A'), lines(['wkr_1', 1_000_000]), { wkr_1: '440308199001011234' })).toThrow(/keyed hash/);
  });

  it('two workers of one person in one application are refused', () => {
    expect(() => keysToClaim(SCHEMES['graduate-employment'], facts('ten_A'), lines(['wkr_1', 1_000_000], ['wkr_2', 1_000_000]), { wkr_1: HASH_2, wkr_2: HASH_2 })).toThrow(
      /share one person hash/,
    );
  });

  it('the insurance scheme claims its applicant-year key only: its per-person caps are shared, inside its amount', () => {
    expect(keysToClaim(SCHEMES['insurance-premium'], facts('ten_A'), {})).toEqual([{ kind: 'applicant-year', key: applicantYearKey('insurance-premium', 2025, 'ten_A') }]);
  });
});

describe('award keys', () => {
  it('an enterprise award is keyed on the enterprise, whatever the year', () => {
    const k2026 = keysToClaim(SCHEMES['leading-enterprise-award'], facts('ten_A', { year: 2026 }), {});
    const k2027 = keysToClaim(SCHEMES['leading-enterprise-award'], facts('ten_A', { year: 2027 }), {});
    expect(k2026).toEqual([{ kind: 'award', key: awardKey('leading-enterprise-award', 'tenant:ten_A') }]);
    expect(k2027).toEqual(k2026);
  });

  it('a per-item award is keyed on the item the recognition names', () => {
    const outlet: Recognition = {
      recognitionId: 'rec_1',
      kind: 'quality-service-outlet',
      tenantId: 'ten_A',
      awardedOn: '2026-02-01',
      subjectRef: 'outlet#7 天河',
      evidenceRef: 'd-1',
    };
    const f = facts('ten_A', { recognitionId: 'rec_1', applicant: { ...facts('ten_A').applicant, recognitions: [outlet] } });
    expect(awardSubject(SCHEMES['quality-outlet-award'], f)).toBe('item:quality-service-outlet:outlet#7 天河');
    const [key] = keysToClaim(SCHEMES['quality-outlet-award'], f, {});
    // A reference cannot forge the key's separators.
    expect(key!.key).toBe(`SUBSIDYAWARD#quality-outlet-award#${encodeURIComponent('item:quality-service-outlet:outlet#7 天河')}`);
    expect(() => keysToClaim(SCHEMES['quality-outlet-award'], facts('ten_A', { recognitionId: 'rec_1' }), {})).toThrow(/not eligible/);
  });
});
