/** Employment terms on a link (shared/domain/worker/employment-terms.ts): nothing backdated, closing, consecutive reading. */
import { describe, expect, it } from 'vitest';
import { closeTerms, consecutiveTerms, decideTerm } from '../../shared/domain/worker/employment-terms';
import { checkTerms, labourContractDays } from '../../shared/domain/subsidy/employment-days';

const START = '2026-03-01';
const TODAY = '2026-12-06';

describe('decideTerm', () => {
  it('opens the first term today or on the first day of the employment, and nothing else', () => {
    expect(decideTerm([], START, TODAY, { type: 'labour-contract', from: START })).toEqual({
      ok: true,
      change: 'opened',
      terms: [{ type: 'labour-contract', from: START, recordedOn: TODAY }],
    });
    expect(decideTerm([], START, TODAY, { type: 'labour-contract', from: TODAY })).toMatchObject({ ok: true, change: 'opened' });
    expect(decideTerm([], START, TODAY, { type: 'labour-contract', from: '2026-03-02' })).toMatchObject({ ok: false, reason: 'backdated' });
    expect(decideTerm([], START, TODAY, { type: 'labour-contract', from: '2026-02-28' })).toMatchObject({ ok: false, reason: 'before-start' });
    expect(decideTerm([], START, TODAY, { type: 'labour-contract', from: '2026-12-07' })).toMatchObject({ ok: false, reason: 'in-future' });
  });

  it('changes the type from today only, ending the running term the day before', () => {
    const running = [{ type: 'service-agreement' as const, from: START, recordedOn: START }];
    expect(decideTerm(running, START, TODAY, { type: 'labour-contract', from: TODAY })).toEqual({
      ok: true,
      change: 'changed',
      terms: [
        { type: 'service-agreement', from: START, until: '2026-12-05', recordedOn: START },
        { type: 'labour-contract', from: TODAY, recordedOn: TODAY },
      ],
    });
    // The first-day exception is for the first term only.
    expect(decideTerm(running, START, TODAY, { type: 'labour-contract', from: START })).toMatchObject({ ok: false, reason: 'backdated' });
    expect(decideTerm(running, START, TODAY, { type: 'service-agreement', from: TODAY })).toMatchObject({ ok: false, reason: 'unchanged' });
  });

  it('replaces a term recorded the same day instead of leaving a term of no days', () => {
    const today = [{ type: 'service-agreement' as const, from: TODAY, recordedOn: TODAY }];
    const d = decideTerm(today, START, TODAY, { type: 'labour-contract', from: TODAY });
    expect(d).toEqual({ ok: true, change: 'corrected', terms: [{ type: 'labour-contract', from: TODAY, recordedOn: TODAY }] });
  });
});

describe('closeTerms', () => {
  const terms = [
    { type: 'service-agreement' as const, from: START, until: '2026-12-05' },
    { type: 'labour-contract' as const, from: TODAY },
  ];
  it('ends the running term on the last day', () => {
    expect(closeTerms(terms, TODAY)).toEqual([terms[0], { type: 'labour-contract', from: TODAY, until: TODAY }]);
  });
  it('drops a term that would start after an earlier last day, and shortens one running past it', () => {
    expect(closeTerms(terms, '2026-06-30')).toEqual([{ type: 'service-agreement', from: START, until: '2026-06-30' }]);
  });
});

describe('consecutiveTerms', () => {
  it('gives a day shared by an ended employment and the next one to the later term, so it counts once', () => {
    const terms = consecutiveTerms([
      { type: 'labour-contract', from: '2026-07-01' },
      { type: 'labour-contract', from: '2026-01-01', until: '2026-07-01' },
    ]);
    expect(terms).toEqual([
      { type: 'labour-contract', from: '2026-01-01', until: '2026-06-30' },
      { type: 'labour-contract', from: '2026-07-01' },
    ]);
    expect(() => checkTerms(terms, 'test')).not.toThrow();
    expect(labourContractDays(terms, 2026)).toBe(365);
  });
  it('drops an earlier term left with no day of its own', () => {
    expect(consecutiveTerms([{ type: 'service-agreement', from: '2026-07-01', until: '2026-07-01' }, { type: 'labour-contract', from: '2026-07-01' }])).toEqual([
      { type: 'labour-contract', from: '2026-07-01' },
    ]);
  });
});
