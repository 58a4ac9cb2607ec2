/** The worker registry's pure rules: dates, health check validity, consents, employment links. */
import { describe, expect, it } from 'vitest';
import { healthValidityProblem, latestHealthValidUntil } from '../../shared/domain/worker/checks';
import { decideConsent } from '../../shared/domain/worker/consents';
import { chinaDate, oneYearAfter } from '../../shared/domain/worker/dates';
import { residentIdInput } from '../../shared/domain/worker/id-number-input';
import { decideEnd, decideRegistration } from '../../shared/domain/worker/employment';

describe('dates', () => {
  it.each([
    ['2026-03-15', '2027-03-15'],
    ['2024-02-29', '2025-02-28'],
    ['2027-02-28', '2028-02-28'],
    ['2026-12-31', '2027-12-31'],
  ])('one year after %s is %s', (date, expected) => expect(oneYearAfter(date)).toBe(expected));

  it('takes "today" in China (UTC+8)', () => {
    expect(chinaDate(new Date('2026-06-30T15:59:59Z'))).toBe('2026-06-30');
    expect(chinaDate(new Date('2026-06-30T16:00:00Z'))).toBe('2026-07-01');
  });
});

describe('health check validity (at most one year after the exam)', () => {
  it.each([
    ['2026-03-15', '2027-03-15', undefined],
    ['2026-03-15', '2026-03-15', undefined],
    ['2024-02-29', '2025-02-28', undefined],
  ])('exam %s valid until %s is accepted', (exam, until, problem) => expect(healthValidityProblem(exam, until)).toBe(problem));

  it.each([
    ['2026-03-15', '2027-03-16', /at most one year/],
    ['2024-02-29', '2025-03-01', /2025-02-28/],
    ['2026-03-15', '2026-03-14', /before examDate/],
  ])('exam %s valid until %s is refused', (exam, until, problem) => expect(healthValidityProblem(exam, until)).toMatch(problem));

  it('names the latest date allowed', () => expect(latestHealthValidUntil('2026-01-31')).toBe('2027-01-31'));
});

describe('consents', () => {
  const open = { version: '2026-01', grantedAt: '2026-01-05T00:00:00.000Z', seq: 3 };

  it('grants when nothing is open, revokes what is open, refuses to revoke nothing', () => {
    expect(decideConsent(undefined, { scope: 'credit-information', version: '2026-01', granted: true })).toEqual({ ok: true, change: 'granted' });
    expect(decideConsent(open, { scope: 'credit-information', version: '2026-01', granted: false })).toEqual({ ok: true, change: 'revoked', previous: open });
    expect(decideConsent(undefined, { scope: 'credit-information', version: '2026-01', granted: false })).toMatchObject({ ok: false });
  });

  it('confirms the same version and supersedes with a newer one', () => {
    expect(decideConsent(open, { scope: 'credit-information', version: '2026-01', granted: true })).toEqual({ ok: true, change: 'confirmed' });
    expect(decideConsent(open, { scope: 'credit-information', version: '2026-07', granted: true })).toEqual({ ok: true, change: 'superseded', previous: open });
  });
});

describe('employment links: at most one current across enterprises', () => {
  it.each([
    ['a new worker', undefined, undefined, { kind: 'start', restart: false }],
    ['a worker no one employs now, never linked to us', undefined, undefined, { kind: 'start', restart: false }],
    ['our former worker', undefined, 'ended', { kind: 'start', restart: true }],
    ['our current worker again', 'ten_A', 'current', { kind: 'already-current' }],
    ['a worker current elsewhere', 'ten_B', undefined, { kind: 'refused', reason: 'employed-elsewhere' }],
    ['our former worker now current elsewhere', 'ten_B', 'ended', { kind: 'refused', reason: 'employed-elsewhere' }],
  ] as const)('registering %s', (_what, current, own, expected) => {
    expect(decideRegistration('ten_A', current, own)).toEqual(expected);
  });

  it('ends only a current link, not before it started', () => {
    expect(decideEnd('current', '2026-01-10', '2026-01-10')).toEqual({ ok: true });
    expect(decideEnd('current', '2026-01-10', '2026-01-09')).toEqual({ ok: false, reason: 'before-start' });
    expect(decideEnd('ended', '2026-01-10', '2026-02-01')).toEqual({ ok: false, reason: 'not-current' });
  });
});

describe('ID numbers as typed', () => {
  it.each([
    ['11010519491231002X', '11010519491231002X'],
    ['11010519491231002x', '11010519491231002X'],
    ['１１０１０５１９４９１２３１００２ｘ', '11010519491231002X'],
    [' 110105 19491231 002X ', '11010519491231002X'],
    ['11010519491231002Y', undefined],
    ['110105194912310021', undefined],
  ])('%s → %s', (raw, expected) => expect(residentIdInput(raw)).toBe(expected));
});
