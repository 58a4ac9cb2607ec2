/**
 * The wage survey's rules other than percentiles (docs/wage-survey.md): the catalogue and
 * its codes, the plausibility bounds of a report (422 outside), correcting and withdrawing
 * a report, employment in a survey year, the reportable years, and an order's unit price.
 */
import { describe, expect, it } from 'vitest';
import { EXPERIENCE_BANDS, PAY_BOUNDS_FEN, POSTS, POST_LABELS, WAGE_CELLS } from '../../shared/domain/wage-survey/catalogue';
import { employedInYear } from '../../shared/domain/wage-survey/employment-year';
import { PRICE_CELLS, unitPriceFen } from '../../shared/domain/wage-survey/price-sample';
import { decideCorrection, decideWithdrawal, movesCell, type ReportState } from '../../shared/domain/wage-survey/report-change';
import { reportableYears, surveyYearOf } from '../../shared/domain/wage-survey/survey-year';
import { validate } from '../../shared/lib/validation';
import { SERVICE_TYPES } from '../../shared/schemas/order';
import { WageReportCorrection, WageReportRequest } from '../../shared/schemas/wage-survey';
import { SERVICE_CATEGORY_WORDS } from '../../shared/views/certificate-wording';

describe('catalogue', () => {
  it('six posts with Chinese labels; a post that is an order service type keeps its code and label stem', () => {
    expect(POSTS).toEqual(['nanny', 'maternity_matron', 'childcare', 'hourly_worker', 'elderly_care', 'hospital_care']);
    expect(Object.values(POST_LABELS)).toEqual(['保姆', '月嫂', '育婴员', '钟点工', '养老护理员', '医院陪护']);
    for (const post of POSTS.filter((p) => (SERVICE_TYPES as readonly string[]).includes(p))) expect(POST_LABELS[post].startsWith(SERVICE_CATEGORY_WORDS[post]!)).toBe(true);
  });

  it('48 wage cells (post × band × pay type) and 21 price cells (service type × mode), each once', () => {
    expect(WAGE_CELLS).toHaveLength(POSTS.length * EXPERIENCE_BANDS.length * 2);
    expect(new Set(WAGE_CELLS.map((c) => `${c.post}/${c.experienceBand}/${c.payType}`)).size).toBe(48);
    expect(new Set(PRICE_CELLS.map((c) => `${c.serviceType}/${c.mode}`)).size).toBe(21);
  });
});

describe('a report', () => {
  const report = { workerId: 'wkr_01JZ0000000000000000000000', year: '2026', post: 'nanny', experienceBand: '1-to-3', payType: 'monthly', amountFen: 650_000 };
  const pointers = (value: unknown) => {
    const result = validate(WageReportRequest, value);
    return result.success ? [] : result.errors.map((e) => e.pointer);
  };

  it('is valid within the bounds of its pay type, both ends included', () => {
    for (const payType of ['monthly', 'hourly'] as const) {
      for (const amountFen of [PAY_BOUNDS_FEN[payType].min, PAY_BOUNDS_FEN[payType].max]) expect(pointers({ ...report, payType, amountFen })).toEqual([]);
    }
  });

  it('is refused outside them (yuan typed as fen, an hourly rate as monthly pay)', () => {
    expect(pointers({ ...report, amountFen: 6500 })).toEqual(['/amountFen']);
    expect(pointers({ ...report, amountFen: PAY_BOUNDS_FEN.monthly.max + 1 })).toEqual(['/amountFen']);
    expect(pointers({ ...report, payType: 'hourly', amountFen: 650_000 })).toEqual(['/amountFen']);
    expect(pointers({ ...report, payType: 'hourly', amountFen: PAY_BOUNDS_FEN.hourly.min - 1 })).toEqual(['/amountFen']);
  });

  it('names the worker by id only: a name, an unknown field, a fraction of a fen are refused', () => {
    expect(pointers({ ...report, workerId: '王小红' })).toEqual(['/workerId']);
    expect(pointers({ ...report, workerName: '王小红' })).toEqual(['/']);
    expect(pointers({ ...report, payType: 'weekly' })).toEqual(['/payType']);
    expect(pointers({ ...report, amountFen: 650_000.5 })).toContain('/amountFen');
    expect(pointers({ ...report, post: 'cleaning' })).toContain('/post');
    expect(pointers({ ...report, experienceBand: '2' })).toContain('/experienceBand');
    expect(pointers({ ...report, year: '26' })).toContain('/year');
  });
});

describe('correcting and withdrawing a report', () => {
  const open = ['2025', '2026'];
  const figures = { post: 'nanny', experienceBand: '1-to-3', payType: 'monthly', amountFen: 650_000 } as const;
  const report = (overrides: Partial<ReportState> = {}): ReportState => ({ ...figures, year: '2026', version: 1, ...overrides });

  it('a correction at the version read applies; one that changes nothing writes nothing; a report stored without a version is at 1', () => {
    expect(decideCorrection(report(), 1, { ...figures, amountFen: 660_000 }, 'h1', open)).toBe('correct');
    expect(decideCorrection(report(), 1, figures, 'h1', open)).toBe('unchanged');
    expect(decideCorrection(report({ version: undefined }), 1, { ...figures, post: 'childcare' }, 'h1', open)).toBe('correct');
    expect(decideCorrection(report({ version: undefined }), 2, { ...figures, post: 'childcare' }, 'h1', open)).toBe('stale');
  });

  it('the correction that moved the report is a repeat; any other at an old version is stale; withdrawn and closed years are refused', () => {
    const moved = report({ version: 2, amountFen: 660_000, lastChange: { fromVersion: 1, requestHash: 'h1' } });
    expect(decideCorrection(moved, 1, { ...figures, amountFen: 660_000 }, 'h1', open)).toBe('repeat');
    expect(decideCorrection(moved, 1, { ...figures, amountFen: 670_000 }, 'h2', open)).toBe('stale');
    expect(decideCorrection(moved, 3, { ...figures, amountFen: 670_000 }, 'h3', open)).toBe('stale');
    expect(decideCorrection(report({ version: 2, withdrawnAt: '2026-06-01T00:00:00.000Z' }), 2, { ...figures, amountFen: 670_000 }, 'h2', open)).toBe('withdrawn');
    expect(decideCorrection(report({ year: '2024' }), 1, { ...figures, amountFen: 670_000 }, 'h2', open)).toBe('year-closed');
  });

  it('withdrawing twice changes nothing; only in an open year', () => {
    expect(decideWithdrawal(report(), open)).toBe('withdraw');
    expect(decideWithdrawal(report({ withdrawnAt: '2026-06-01T00:00:00.000Z' }), open)).toBe('already-withdrawn');
    expect(decideWithdrawal(report({ year: '2024' }), open)).toBe('year-closed');
  });

  it('a new post, band or pay type moves the sample to another cell; a new amount does not', () => {
    expect(movesCell(figures, { ...figures, amountFen: 1 })).toBe(false);
    for (const change of [{ post: 'childcare' }, { experienceBand: '3-to-5' }, { payType: 'hourly' }] as const) expect(movesCell(figures, { ...figures, ...change })).toBe(true);
  });

  it('a correction names its version and the whole cell and amount, within the plausible bounds; never the worker or the year', () => {
    const pointers = (value: unknown) => {
      const result = validate(WageReportCorrection, value);
      return result.success ? [] : result.errors.map((e) => e.pointer);
    };
    expect(pointers({ version: 1, ...figures })).toEqual([]);
    expect(pointers(figures)).toContain('/version');
    expect(pointers({ version: 0, ...figures })).toContain('/version');
    expect(pointers({ version: 1, ...figures, amountFen: 6_500 })).toEqual(['/amountFen']);
    expect(pointers({ version: 1, ...figures, year: '2025' })).toEqual(['/']);
    expect(pointers({ version: 1, ...figures, workerId: 'wkr_01JZ0000000000000000000000' })).toEqual(['/']);
  });
});

describe('employment in a survey year', () => {
  it('a period counts when it shares a Shanghai day with the year', () => {
    expect(employedInYear([{ since: '2026-03-01T02:00:00Z' }], '2026')).toBe(true);
    expect(employedInYear([{ since: '2025-03-01T02:00:00Z' }], '2026')).toBe(true);
    expect(employedInYear([{ since: '2025-03-01T02:00:00Z', until: '2025-12-31' }], '2026')).toBe(false);
    expect(employedInYear([{ since: '2025-03-01T02:00:00Z', until: '2026-01-01' }], '2026')).toBe(true);
    // 20:00 UTC on 31 December is 1 January in Guangzhou.
    expect(employedInYear([{ since: '2026-12-31T20:00:00Z' }], '2026')).toBe(false);
    expect(employedInYear([{ since: '2026-12-31T15:59:00Z' }], '2026')).toBe(true);
    expect(employedInYear([{ since: '2026-01-01' }], '2026')).toBe(true);
    expect(employedInYear([], '2026')).toBe(false);
    expect(employedInYear([{ since: '2024-01-01', until: '2024-06-30' }, { since: '2026-05-01T00:00:00Z' }], '2025')).toBe(false);
    expect(employedInYear([{ since: '2024-01-01', until: '2025-06-30' }, { since: '2026-05-01T00:00:00Z' }], '2025')).toBe(true);
  });

  it('pay may be reported for the current Shanghai year and the one before', () => {
    expect(reportableYears(new Date('2026-12-06T10:00:00Z'))).toEqual(['2025', '2026']);
    expect(reportableYears(new Date('2026-12-31T16:30:00Z'))).toEqual(['2026', '2027']);
    expect(surveyYearOf(new Date('2026-12-31T15:59:59Z'))).toBe('2026');
  });
});

describe('an order price per unit', () => {
  const hours = (start: string, end: string) => ({ start, end });
  it('hourly: per scheduled hour, halves up', () => {
    expect(unitPriceFen(15_000, 'hourly', hours('2026-12-01T09:00:00+08:00', '2026-12-01T12:00:00+08:00'))).toBe(5_000);
    expect(unitPriceFen(10_000, 'hourly', hours('2026-12-01T09:00:00+08:00', '2026-12-01T12:00:00+08:00'))).toBe(3_333);
    expect(unitPriceFen(5, 'hourly', hours('2026-12-01T09:00:00+08:00', '2026-12-01T11:00:00+08:00'))).toBe(3); // 2.5
    expect(unitPriceFen(9_000, 'hourly', hours('2026-12-01T09:00:00+08:00', '2026-12-01T10:30:00+08:00'))).toBe(6_000);
  });

  it('daytime and live-in: per started day of the schedule', () => {
    expect(unitPriceFen(30_000, 'daytime', hours('2026-12-01T08:00:00+08:00', '2026-12-01T18:00:00+08:00'))).toBe(30_000);
    expect(unitPriceFen(1_200_000, 'live_in', hours('2026-12-01T08:00:00+08:00', '2026-12-31T08:00:00+08:00'))).toBe(40_000);
    // 27 days and 10 hours: 28 started days.
    expect(unitPriceFen(1_400_000, 'daytime', hours('2026-12-01T08:00:00+08:00', '2026-12-28T18:00:00+08:00'))).toBe(50_000);
    // The largest order price stays exact.
    expect(unitPriceFen(100_000_000, 'hourly', hours('2026-12-01T08:00:00+08:00', '2026-12-01T08:00:01+08:00'))).toBe(360_000_000_000);
  });
});
