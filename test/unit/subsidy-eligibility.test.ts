/**
 * Eligibility of each scheme (docs/subsidies.md "The schemes", "Rules"): one eligible
 * application per scheme, and ineligible ones refused with every failed rule named — by id,
 * and by worker id for a graduate. Graduate data never appears in a result or snapshot.
 */
import { describe, expect, it } from 'vitest';
import type { PublicCreditRecord } from '../../shared/domain/credit/facts';
import { enterpriseSubsidy, type SubsidyPolicy } from '../../shared/domain/insurance/subsidy';
import { evaluateEligibility } from '../../shared/domain/subsidy/eligibility';
import { evidenceHash, evidenceSnapshot } from '../../shared/domain/subsidy/evidence';
import type { EmploymentModelRecord, PersonFacts, Recognition, RecognitionKind, SubsidyFacts } from '../../shared/domain/subsidy/facts';
import { SCHEMES, type SchemeId } from '../../shared/domain/subsidy/schemes';

const TODAY = '2026-03-10';
const ENTERPRISE = 'ten_ent';
const BASE = 'ten_base';

const model = (m: EmploymentModelRecord['model'], effectiveOn = '2020-01-01', until?: string): EmploymentModelRecord => ({
  recordId: `mod_${m}_${effectiveOn}`,
  model: m,
  effectiveOn,
  ...(until ? { until } : {}),
  evidenceRef: `穗人社〔${effectiveOn.slice(0, 4)}〕1号`,
});

const recognition = (kind: RecognitionKind, tenantId: string, over: Partial<Recognition> = {}): Recognition => ({
  recognitionId: `rec_${kind}`,
  kind,
  tenantId,
  awardedOn: '2026-02-01',
  evidenceRef: `decision-${kind}`,
  ...(kind === 'quality-service-outlet' || kind === 'course-standard' ? { subjectRef: `${kind}-ref-1` } : {}),
  ...over,
});

const blacklist = (effectiveOn: string, until?: string): PublicCreditRecord => ({
  recordId: 'bl_1',
  kind: 'blacklist',
  points: 0,
  effectiveOn,
  ...(until ? { until } : {}),
  evidenceRef: 'blacklist-decision',
});

/** Employed on a labour contract since mid-2024, never paid. */
const worker = (n: number, over: Partial<PersonFacts> = {}): PersonFacts => ({
  workerId: `wkr_${String(n).padStart(3, '0')}`,
  terms: [{ type: 'labour-contract', from: '2024-07-01' }],
  paidYears: [],
  ...over,
});

const graduate = (n: number, over: Partial<PersonFacts> = {}): PersonFacts =>
  worker(n, { graduation: { consented: true, recorded: { graduationYear: 2023, schoolType: 'higher-education' } }, paidYears: [2024], ...over });

const yearPolicy = (policyId: string, y: number, premium: number): SubsidyPolicy => ({ policyId, startsOn: `${y}-01-01`, endsOn: `${y}-12-31`, premiumPerWorkerFen: premium });

/** Facts under which `schemeId` is eligible; `over` breaks what a test needs broken. */
function facts(schemeId: SchemeId, over: Partial<SubsidyFacts> = {}): SubsidyFacts {
  const scheme = SCHEMES[schemeId];
  const tenantId = scheme.applicant === 'enterprise' ? ENTERPRISE : BASE;
  const kind = scheme.award?.recognition;
  return {
    schemeId,
    year: scheme.period === 'one-off' ? 2026 : 2025,
    today: TODAY,
    applicant: {
      tenantId,
      role: scheme.applicant,
      publicRecords: [],
      employmentModel: [model('employee-system')],
      recognitions: kind ? [recognition(kind, tenantId)] : [],
    },
    ...(kind === 'quality-service-outlet' || kind === 'course-standard' ? { recognitionId: `rec_${kind}` } : {}),
    documents: scheme.documents.map((k, i) => ({ kind: k, ref: `doc-${i}`, sha256: String(i % 10).repeat(64) })),
    awardedSubjects: [],
    persons:
      schemeId === 'employee-system-enterprise' ? Array.from({ length: 30 }, (_, i) => worker(i)) : schemeId === 'graduate-employment' ? [graduate(1), graduate(2)] : [],
    insuredWorkers:
      schemeId === 'insurance-premium'
        ? [
            { workerId: 'wkr_a', enrolments: [{ enterpriseId: ENTERPRISE, from: '2025-01-01', policy: yearPolicy('pol_1', 2025, 36_500) }] },
            { workerId: 'wkr_b', enrolments: [{ enterpriseId: ENTERPRISE, from: '2025-07-02', policy: yearPolicy('pol_1', 2025, 36_500) }] },
          ]
        : [],
    sources: [{ fact: 'applicant.role', subject: tenantId, traceHead: { seq: 1, hash: 'a'.repeat(64) } }],
    ...over,
  };
}

const evaluate = (schemeId: SchemeId, over: Partial<SubsidyFacts> = {}) => evaluateEligibility(SCHEMES[schemeId], facts(schemeId, over));
const withApplicant = (schemeId: SchemeId, over: Partial<SubsidyFacts['applicant']>) => ({ applicant: { ...facts(schemeId).applicant, ...over } });

describe('one eligible application per scheme', () => {
  const expected: Record<SchemeId, number> = {
    'leading-enterprise-award': 30_000_000,
    'trustworthy-enterprise-award': 20_000_000,
    'quality-outlet-award': 10_000_000,
    'employee-system-enterprise': 30 * 100_000,
    'graduate-employment': 2 * 1_000_000,
    'city-training-base': 30_000_000,
    'district-training-base': 10_000_000,
    'course-standard-introduction': 5_000_000,
    // 36500 fen for a whole year → 18250 half, capped 15000; from 2 July: 183 days → 18300 → 9150.
    'insurance-premium': 15_000 + 9_150,
  };
  it.each(Object.keys(SCHEMES) as SchemeId[])('%s', (schemeId) => {
    const result = evaluate(schemeId);
    expect(result.rules.filter((r) => !r.passed)).toEqual([]);
    expect(result.eligible).toBe(true);
    expect(result.failedRules).toEqual([]);
    expect(result.amount.allowedFen).toBe(expected[schemeId]);
    // Every application rule of the scheme gave a result, in the scheme's order.
    expect(result.rules.filter((r) => r.workerId === undefined).map((r) => r.rule)).toEqual(SCHEMES[schemeId].rules);
    for (const r of result.rules) expect(r.detail.length, r.rule).toBeGreaterThan(0);
  });
});

describe('refusals name every failed rule', () => {
  it('a leading-enterprise award: wrong role, black-listed, no recognition, no documents — all at once', () => {
    const result = evaluate('leading-enterprise-award', {
      ...withApplicant('leading-enterprise-award', { role: 'training-base', publicRecords: [blacklist('2026-01-01')], recognitions: [] }),
      documents: [],
    });
    expect(result.eligible).toBe(false);
    expect(result.failedRules).toEqual([
      'applicant-is-enterprise',
      'applicant-not-blacklisted',
      'recognised-as-leading-enterprise',
      'required-documents-provided',
    ]);
    const docs = result.rules.find((r) => r.rule === 'required-documents-provided')!;
    expect(docs.detail).toBe('missing documents: application-form, business-licence, bank-account');
    expect(result.rules.find((r) => r.rule === 'applicant-not-blacklisted')!.detail).toContain('bl_1');
  });

  it('a black-list entry that ended before today, or starts after it, does not refuse', () => {
    expect(evaluate('leading-enterprise-award', withApplicant('leading-enterprise-award', { publicRecords: [blacklist('2025-01-01', '2026-03-09')] })).eligible).toBe(true);
    expect(evaluate('leading-enterprise-award', withApplicant('leading-enterprise-award', { publicRecords: [blacklist('2026-03-11')] })).eligible).toBe(true);
    expect(evaluate('leading-enterprise-award', withApplicant('leading-enterprise-award', { publicRecords: [blacklist('2026-03-10', '2026-03-10')] })).failedRules).toEqual([
      'applicant-not-blacklisted',
    ]);
  });

  it('a recognition of another year, another tenant, revoked, or awarded after today does not count', () => {
    const failed = (r: Recognition) => evaluate('trustworthy-enterprise-award', withApplicant('trustworthy-enterprise-award', { recognitions: [r] })).failedRules;
    const base = recognition('trustworthy-enterprise', ENTERPRISE);
    expect(failed({ ...base, awardedOn: '2025-12-31' })).toEqual(['recognised-as-trustworthy-enterprise']);
    expect(failed({ ...base, tenantId: 'ten_other' })).toEqual(['recognised-as-trustworthy-enterprise']);
    expect(failed({ ...base, revokedOn: '2026-03-10' })).toEqual(['recognised-as-trustworthy-enterprise']);
    expect(failed({ ...base, revokedOn: '2026-03-11' })).toEqual([]);
    expect(failed({ ...base, awardedOn: '2026-03-11' })).toEqual(['recognised-as-trustworthy-enterprise']);
    // A leading-enterprise recognition is not a trustworthy-enterprise one.
    expect(failed(recognition('leading-enterprise', ENTERPRISE))).toEqual(['recognised-as-trustworthy-enterprise']);
  });

  it('an award granted before is refused: once per subject, ever', () => {
    const result = evaluate('leading-enterprise-award', { awardedSubjects: [`tenant:${ENTERPRISE}`] });
    expect(result.failedRules).toEqual(['award-not-granted-before']);
    expect(result.rules.find((r) => r.rule === 'award-not-granted-before')!.detail).toContain('paid once');
  });

  it('a quality-outlet award names its recognition; another outlet of the same enterprise is its own award', () => {
    expect(evaluate('quality-outlet-award', { recognitionId: undefined }).failedRules).toEqual(['recognised-as-quality-outlet', 'award-not-granted-before']);
    expect(evaluate('quality-outlet-award', { recognitionId: 'rec_unknown' }).failedRules).toEqual(['recognised-as-quality-outlet', 'award-not-granted-before']);
    const second = recognition('quality-service-outlet', ENTERPRISE, { recognitionId: 'rec_outlet_2', subjectRef: 'outlet-2' });
    const both = withApplicant('quality-outlet-award', { recognitions: [recognition('quality-service-outlet', ENTERPRISE), second] });
    const awarded = { awardedSubjects: ['item:quality-service-outlet:quality-service-outlet-ref-1'] };
    expect(evaluate('quality-outlet-award', { ...both, ...awarded }).failedRules).toEqual(['award-not-granted-before']);
    expect(evaluate('quality-outlet-award', { ...both, ...awarded, recognitionId: 'rec_outlet_2' }).eligible).toBe(true);
  });

  it('training-base grants: an enterprise is refused, and a district recognition does not earn the city grant', () => {
    expect(evaluate('city-training-base', withApplicant('city-training-base', { role: 'enterprise' })).failedRules).toEqual(['applicant-is-training-base']);
    expect(evaluate('city-training-base', withApplicant('city-training-base', { recognitions: [recognition('district-training-base', BASE)] })).failedRules).toEqual([
      'recognised-as-city-training-base',
    ]);
    expect(evaluate('course-standard-introduction', withApplicant('course-standard-introduction', { recognitions: [] })).failedRules).toEqual([
      'course-standard-approved',
      'award-not-granted-before',
    ]);
  });

  it('the window: yearly schemes open when the year has ended and close a year later; awards run to the end of the next year', () => {
    const window = (schemeId: SchemeId, today: string) => evaluate(schemeId, { today }).rules.find((r) => r.rule === 'application-window-open')!;
    expect(window('insurance-premium', '2025-12-31')).toMatchObject({ passed: false, detail: 'applications for 2025 open on 2026-01-01' });
    expect(window('insurance-premium', '2026-01-01').passed).toBe(true);
    expect(window('insurance-premium', '2026-12-31').passed).toBe(true);
    expect(window('insurance-premium', '2027-01-01')).toMatchObject({ passed: false, detail: 'applications for 2025 closed on 2026-12-31' });
    expect(window('leading-enterprise-award', '2027-12-31').passed).toBe(true);
    expect(window('leading-enterprise-award', '2028-01-01').passed).toBe(false);
  });

  it('employee-system: the model on the year\'s last day decides; too few on labour contracts refuses', () => {
    const modelFailed = (records: EmploymentModelRecord[]) =>
      evaluate('employee-system-enterprise', withApplicant('employee-system-enterprise', { employmentModel: records })).failedRules;
    expect(modelFailed([])).toEqual(['enterprise-is-employee-system']);
    expect(modelFailed([model('intermediary')])).toEqual(['enterprise-is-employee-system']);
    expect(modelFailed([model('employee-system', '2020-01-01', '2025-12-30')])).toEqual(['enterprise-is-employee-system']);
    expect(modelFailed([model('intermediary', '2020-01-01'), model('employee-system', '2025-12-31')])).toEqual([]);
    expect(modelFailed([model('employee-system', '2020-01-01'), model('intermediary', '2025-06-01')])).toEqual(['enterprise-is-employee-system']);

    const persons = Array.from({ length: 29 }, (_, i) => worker(i));
    const result = evaluate('employee-system-enterprise', { persons });
    expect(result.failedRules).toEqual(['average-labour-contract-headcount']);
    expect(result.rules.find((r) => r.rule === 'average-labour-contract-headcount')!.detail).toContain('on average 29.00 workers');
  });

  it('employee-system: the average is over month ends, compared without rounding', () => {
    // 29 all year, and a 30th on labour contract from 1 July: 29 × 6 + 30 × 6 = 354 < 360.
    const persons = [...Array.from({ length: 29 }, (_, i) => worker(i)), worker(99, { terms: [{ type: 'labour-contract', from: '2025-07-01' }] })];
    const rule = evaluate('employee-system-enterprise', { persons }).rules.find((r) => r.rule === 'average-labour-contract-headcount')!;
    expect(rule.passed).toBe(false);
    expect(rule.facts[0]!.value).toEqual({ monthEndHeadcounts: [29, 29, 29, 29, 29, 29, 30, 30, 30, 30, 30, 30] });
    // Service agreements are not labour contracts.
    const agreements = Array.from({ length: 30 }, (_, i) => worker(i, { terms: [{ type: 'service-agreement', from: '2024-01-01' }] }));
    expect(evaluate('employee-system-enterprise', { persons: agreements }).failedRules).toEqual(['average-labour-contract-headcount', 'amount-above-zero']);
  });

  it('employee-system: a person not counted leaves the application eligible and says why', () => {
    const persons = [
      ...Array.from({ length: 30 }, (_, i) => worker(i)),
      worker(100, { paidYears: [2025] }),
      // 2 July to 31 December: 183 days, more than half of 365.
      worker(101, { terms: [{ type: 'labour-contract', from: '2025-07-02' }] }),
      // From 3 July: 182 days, not more than half.
      worker(102, { terms: [{ type: 'labour-contract', from: '2025-07-03' }] }),
    ];
    const result = evaluate('employee-system-enterprise', { persons });
    expect(result.eligible).toBe(true);
    expect(result.amount.allowedFen).toBe(31 * 100_000);
    expect(result.amount.persons!.filter((p) => !p.counted)).toEqual([
      { workerId: 'wkr_100', counted: false, amountFen: 0, failed: ['person-not-paid-this-year'] },
      { workerId: 'wkr_102', counted: false, amountFen: 0, failed: ['labour-contract-most-of-year'] },
    ]);
    // Person results are not refusals here: the report holds only the application's rules.
    expect(result.rules.every((r) => r.workerId === undefined)).toBe(true);
  });

  it('graduate: each failing graduate is named with each rule failed', () => {
    const persons = [
      graduate(1),
      graduate(2, { graduation: { consented: false } }),
      graduate(3, { graduation: { consented: true } }),
      graduate(4, { graduation: { consented: true, recorded: { graduationYear: 2023, schoolType: 'other' } } }),
      graduate(5, { graduation: { consented: true, recorded: { graduationYear: 2021, schoolType: 'technician-college-advanced' } } }),
      graduate(6, { graduation: { consented: true, recorded: { graduationYear: 2025, schoolType: 'higher-education' } } }),
      graduate(7, { paidYears: [2022, 2023, 2024] }),
      graduate(8, { paidYears: [2025] }),
      graduate(9, { terms: [{ type: 'labour-contract', from: '2025-09-01' }] }),
      graduate(10, { terms: [{ type: 'service-agreement', from: '2024-07-01' }] }),
    ];
    const result = evaluate('graduate-employment', { persons });
    expect(result.eligible).toBe(false);
    const failures = result.rules.filter((r) => !r.passed).map((r) => `${r.workerId}:${r.rule}`);
    expect(failures).toEqual([
      'wkr_002:graduate-consent-given',
      'wkr_002:graduate-data-recorded',
      'wkr_002:graduate-school-type-qualifies',
      'wkr_002:graduate-recent-when-hired',
      'wkr_003:graduate-data-recorded',
      'wkr_003:graduate-school-type-qualifies',
      'wkr_003:graduate-recent-when-hired',
      'wkr_004:graduate-school-type-qualifies',
      'wkr_005:graduate-recent-when-hired',
      'wkr_006:graduate-recent-when-hired',
      'wkr_007:graduate-within-year-limit',
      'wkr_008:person-not-paid-this-year',
      'wkr_009:labour-contract-most-of-year',
      'wkr_010:graduate-recent-when-hired',
      'wkr_010:labour-contract-most-of-year',
    ]);
    expect(result.failedRules).toEqual([
      'graduate-consent-given',
      'graduate-data-recorded',
      'graduate-school-type-qualifies',
      'graduate-recent-when-hired',
      'graduate-within-year-limit',
      'person-not-paid-this-year',
      'labour-contract-most-of-year',
    ]);
    const why = (workerId: string, rule: string) => result.rules.find((r) => r.workerId === workerId && r.rule === rule)!.detail;
    expect(why('wkr_002', 'graduate-data-recorded')).toContain('subsidy-graduate consent');
    expect(why('wkr_005', 'graduate-recent-when-hired')).toBe('hired on the labour contract more than 2 years after graduating');
    expect(why('wkr_006', 'graduate-recent-when-hired')).toBe('hired on the labour contract before graduating');
    expect(why('wkr_008', 'person-not-paid-this-year')).toBe('already paid under this scheme for 2025');
  });

  it('graduate: hired two years after graduating still counts; a year paid for the same year is not counted against the limit twice', () => {
    const two = graduate(1, { graduation: { consented: true, recorded: { graduationYear: 2022, schoolType: 'special-education-vocational' } } });
    expect(evaluate('graduate-employment', { persons: [two] }).eligible).toBe(true);
    const third = graduate(2, { paidYears: [2023, 2024] });
    expect(evaluate('graduate-employment', { persons: [third] }).eligible).toBe(true);
  });

  it('graduate and employee-system need an employee-system enterprise; nobody to pay is refused', () => {
    expect(evaluate('graduate-employment', withApplicant('graduate-employment', { employmentModel: [model('intermediary')] })).failedRules).toEqual([
      'enterprise-is-employee-system',
    ]);
    expect(evaluate('graduate-employment', { persons: [] }).failedRules).toEqual(['amount-above-zero']);
  });

  it('insurance: no premium-bearing cover in the year is refused; the amount is the insurance rules\' own', () => {
    expect(evaluate('insurance-premium', { insuredWorkers: [] }).failedRules).toEqual(['amount-above-zero']);
    const f = facts('insurance-premium');
    expect(evaluate('insurance-premium').amount.insurance).toEqual(enterpriseSubsidy(ENTERPRISE, 2025, f.insuredWorkers));
  });
});

describe('graduate data stays out of results and snapshots', () => {
  it('no graduation year or school type in any rule, reading or the snapshot', () => {
    const persons = [
      graduate(1, { graduation: { consented: true, recorded: { graduationYear: 2019, schoolType: 'technician-college-advanced' } } }),
      graduate(2, { graduation: { consented: true, recorded: { graduationYear: 2019, schoolType: 'higher-education' } } }),
    ];
    const f = facts('graduate-employment', { persons });
    const result = evaluateEligibility(SCHEMES['graduate-employment'], f);
    const snapshot = evidenceSnapshot(f, result);
    for (const text of [JSON.stringify(result), JSON.stringify(snapshot)]) {
      expect(text).not.toContain('2019');
      expect(text).not.toContain('higher-education');
      expect(text).not.toContain('technician-college-advanced');
      expect(text).not.toContain('graduationYear');
    }
    expect(snapshot.facts.persons[0]!.graduation).toEqual({ consented: true, recorded: true });
    for (const r of result.rules) for (const reading of r.facts) if (reading.fact === 'worker.graduation') expect(reading).not.toHaveProperty('value');
  });
});

describe('the evidence snapshot', () => {
  it('keeps the version, the rules, the amount, the facts and their sources; its hash is stable', () => {
    const f = facts('employee-system-enterprise');
    const result = evaluateEligibility(SCHEMES['employee-system-enterprise'], f);
    const snapshot = evidenceSnapshot(f, result);
    expect(snapshot).toMatchObject({ catalogueVersion: '2026.1', schemeId: 'employee-system-enterprise', year: 2025, applicantId: ENTERPRISE, evaluatedOn: TODAY, eligible: true });
    expect(snapshot.rules).toEqual(result.rules);
    expect(snapshot.amount.allowedFen).toBe(3_000_000);
    expect(snapshot.amount).not.toHaveProperty('personResults');
    expect(snapshot.sources).toEqual(f.sources);
    expect(snapshot.facts.applicant.employmentModel).toEqual(f.applicant.employmentModel);
    expect(evidenceHash(snapshot)).toMatch(/^[0-9a-f]{64}$/);
    expect(evidenceHash(evidenceSnapshot(facts('employee-system-enterprise'), evaluateEligibility(SCHEMES['employee-system-enterprise'], facts('employee-system-enterprise'))))).toBe(
      evidenceHash(snapshot),
    );
    const later = facts('employee-system-enterprise', { today: '2026-03-11' });
    expect(evidenceHash(evidenceSnapshot(later, evaluateEligibility(SCHEMES['employee-system-enterprise'], later)))).not.toBe(evidenceHash(snapshot));
  });
});

describe('guards', () => {
  it('refuses facts no service should produce', () => {
    expect(() => evaluateEligibility(SCHEMES['insurance-premium'], facts('graduate-employment'))).toThrow(/evaluated under/);
    expect(() => evaluate('insurance-premium', { today: '2026-02-30' })).toThrow(/calendar day/);
    expect(() => evaluate('insurance-premium', { year: 2025.5 })).toThrow(/four-digit year/);
    expect(() => evaluate('graduate-employment', { persons: [graduate(1), graduate(1)] })).toThrow(/listed twice/);
    const overlapping = worker(1, {
      terms: [
        { type: 'service-agreement', from: '2024-01-01', until: '2024-12-31' },
        { type: 'labour-contract', from: '2024-12-31' },
      ],
    });
    expect(() => evaluate('employee-system-enterprise', { persons: [overlapping] })).toThrow(/overlap/);
    expect(() => evaluate('employee-system-enterprise', { persons: [worker(1, { terms: [{ type: 'labour-contract', from: '2025-02-01', until: '2025-01-01' }] })] })).toThrow(/ends before/);
  });
});
