/**
 * The programme report (cli/report/): the page shows the API's numbers and nothing else.
 * Headline figures and every chart mark carry the plain number they show, so these tests
 * read them back and compare them with the fixture the page was rendered from; a chart
 * with nothing to draw says so; every string from the API is escaped; a withheld wage
 * cell says 数据不足 and draws no number. Pure: no HTTP, no files.
 */
import { describe, expect, it } from 'vitest';
import { REPORT_OPTIONS, reportSource, summaryLine } from '../../cli/report-command';
import type { ReportData } from '../../cli/report/report-data';
import { renderReport } from '../../cli/report/render-report';
import { ticks } from '../../cli/report/svg-charts';
import { usageOf } from '../../cli/usage';
import type { LocalInfo } from '../../cli/target';
import { ProgrammeYearView } from '../../shared/schemas/programme';
import { CoverageView } from '../../shared/schemas/stations';
import { PublishedWageSurveyView } from '../../shared/schemas/wage-survey';

const HOSTILE = `<script>alert("天河")</script>&'区`;

const grades = (a: number, b: number, c: number, d: number, e: number, u: number) => ({ '5A': a, '4A': b, '3A': c, '2A': d, '1A': e, ungraded: u });
const month = (m: string, n: number, certifiedWorkers: number, creditGrades = grades(0, 0, 0, 0, 0, 0)) => ({
  month: m,
  enterprisesJoined: n,
  workersRegistered: 10 * n,
  ordersCreated: 1000 * n + 7,
  servicesDelivered: 900 * n + 3,
  trainingPersonTimes: 50 * n,
  certificatesGranted: 20 * n,
  certificatesLapsed: n,
  enterprises: 100 + n,
  workers: 5000 + n,
  certifiedWorkers,
  creditGrades,
});

const months = [month('2026-01', 1, 1200), month('2026-02', 2, 1240, grades(3, 8, 20, 5, 1, 2)), month('2026-03', 3, 123456)];

const fixture: ReportData = {
  year: '2026',
  apiUrl: 'https://api.example.cn',
  generatedAt: '2026-12-06T15:38:00.000Z',
  programme: {
    year: '2026',
    asOf: '2026-12-06T15:30:00.000Z',
    months,
    totals: {
      enterprisesJoined: 6,
      workersRegistered: 60,
      ordersCreated: 6021,
      servicesDelivered: 5409,
      trainingPersonTimes: 300,
      certificatesGranted: 120,
      certificatesLapsed: 6,
      enterprises: 103,
      workers: 5003,
      certifiedWorkers: 123456,
      latestGrades: { period: '2026-02', counts: grades(3, 8, 20, 5, 1, 2) },
    },
  },
  coverage: {
    radiusM: 1000,
    total: 4,
    covered: 2,
    share: 0.5,
    areas: [
      { areaId: 'ar-1', district: '天河区', street: '石牌街', nearest: { stationId: 'st-1', name: '石牌站', distanceM: 420 }, covered: true },
      { areaId: 'ar-2', district: '天河区', street: '车陂街', nearest: { stationId: 'st-1', name: '石牌站', distanceM: 2400 }, covered: false },
      { areaId: 'ar-3', district: HOSTILE, street: HOSTILE, nearest: { stationId: 'st-2', name: HOSTILE, distanceM: 1800 }, covered: false },
      { areaId: 'ar-4', district: HOSTILE, street: '某街', nearest: { stationId: 'st-2', name: '某站', distanceM: 300 }, covered: true },
    ],
  },
  wageSurvey: {
    year: '2026',
    computedAt: '2026-12-05T18:30:00.000Z',
    method: { low: 'P10', median: 'P50', high: 'P90', definition: 'Hyndman–Fan type 7' },
    withholding: { minReports: 30, minEnterprises: 5 },
    wages: [
      { post: 'nanny', postLabel: '保姆', experienceBand: 'under-1', experienceBandLabel: '1年以下', payType: 'monthly', figures: { lowFen: 500_000, medianFen: 650_000, highFen: 820_050, reports: 41, enterprises: 7 } },
      { post: 'nanny', postLabel: '保姆', experienceBand: '1-to-3', experienceBandLabel: '1年至3年以下', payType: 'monthly', figures: 'insufficient data' },
      { post: 'maternity_matron', postLabel: '月嫂', experienceBand: 'under-1', experienceBandLabel: '1年以下', payType: 'monthly', figures: { lowFen: 900_000, medianFen: 1_200_000, highFen: 1_500_000, reports: 30, enterprises: 5 } },
      { post: 'nanny', postLabel: '保姆', experienceBand: 'under-1', experienceBandLabel: '1年以下', payType: 'hourly', figures: { lowFen: 3_000, medianFen: 3_550, highFen: 4_500, reports: 60, enterprises: 9 } },
      { post: 'nanny', postLabel: '保姆', experienceBand: '1-to-3', experienceBandLabel: '1年至3年以下', payType: 'hourly', figures: 'insufficient data' },
    ],
    prices: [],
  },
};

const emptyFixture: ReportData = {
  ...fixture,
  programme: {
    year: '2027',
    asOf: '2026-12-06T15:30:00.000Z',
    months: [],
    totals: { enterprisesJoined: 0, workersRegistered: 0, ordersCreated: 0, servicesDelivered: 0, trainingPersonTimes: 0, certificatesGranted: 0, certificatesLapsed: 0, enterprises: 0, workers: 0, certifiedWorkers: 0 },
  },
  year: '2027',
  coverage: { radiusM: 1000, total: 0, covered: 0, share: 0, areas: [] },
  wageSurvey: null,
};

// ---- Reading the page back ----------------------------------------------------------------

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

function attributes(tag: string): Record<string, string> {
  return Object.fromEntries([...tag.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1]!, unescape(m[2]!)]));
}

/** Every `<svg data-chart=…>` of the page by name. */
function charts(html: string): Map<string, string> {
  return new Map([...html.matchAll(/<svg data-chart="([^"]+)"[\s\S]*?<\/svg>/g)].map((m) => [unescape(m[1]!), m[0]]));
}

function chart(html: string, name: string): string {
  const svg = charts(html).get(name);
  expect(svg, `chart ${name}`).toBeDefined();
  return svg!;
}

/** The attributes of every element in `fragment` that carries a data-value. */
function marks(fragment: string, where: Record<string, string> = {}): Record<string, string>[] {
  return [...fragment.matchAll(/<[a-z]+\s[^>]*data-value="[^"]*"[^>]*>/g)]
    .map((m) => attributes(m[0]))
    .filter((a) => Object.entries(where).every(([k, v]) => a[k] === v));
}

const values = (fragment: string, where: Record<string, string> = {}) => marks(fragment, where).map((a) => Number(a['data-value']));

function figures(html: string): Record<string, number> {
  return Object.fromEntries([...html.matchAll(/<data data-figure="([^"]+)" value="([^"]+)"/g)].map((m) => [unescape(m[1]!), Number(m[2])]));
}

// ---- Tests ---------------------------------------------------------------------------------

describe('the programme report fixture', () => {
  it('matches the API schemas, so the tests render what the API can answer', () => {
    expect(ProgrammeYearView.safeParse(fixture.programme).success).toBe(true);
    expect(CoverageView.safeParse(fixture.coverage).success).toBe(true);
    expect(PublishedWageSurveyView.safeParse(fixture.wageSurvey).success).toBe(true);
    expect(ProgrammeYearView.safeParse(emptyFixture.programme).success).toBe(true);
  });
});

describe('renderReport', () => {
  const html = renderReport(fixture);

  it('shows the headline figures with their plain numbers', () => {
    const t = fixture.programme.totals;
    expect(figures(html)).toMatchObject({
      enterprises: t.enterprises,
      workers: t.workers,
      ordersCreated: t.ordersCreated,
      servicesDelivered: t.servicesDelivered,
      trainingPersonTimes: t.trainingPersonTimes,
      certifiedWorkers: t.certifiedWorkers,
      'latestGrades.5A': 3,
      'latestGrades.4A': 8,
      'latestGrades.3A': 20,
      'latestGrades.2A': 5,
      'latestGrades.1A': 1,
      'latestGrades.ungraded': 2,
      coverageShare: 0.5,
      areasTotal: 4,
      areasCovered: 2,
    });
    for (const label of ['企业数', '注册家政服务人员', '订单（全程可追溯）', '服务人次', '培训人次', '持证人员', '未评级']) expect(html).toContain(label);
  });

  it('writes numbers the zh-CN way and money in yuan', () => {
    expect(html).toMatch(/data-figure="certifiedWorkers" value="123456" data-value="123456">123,456</);
    expect(html).toContain('50%');
    expect(html).toContain('6,500元');
    expect(html).toContain('<td>5,000</td><td>6,500</td><td>8,200.50</td><td>41 / 7</td>');
    expect(html).toContain('35.50元');
  });

  it('draws every chart with data, and each chart’s values are the API’s', () => {
    const all = charts(html);
    expect([...all.keys()].sort()).toEqual(['certifiedWorkers', 'creditGrades', 'ordersPerMonth', 'stationCoverage', 'wageHourly', 'wageMonthly']);
    for (const [name, svg] of all) {
      expect(svg, name).not.toContain('data-empty');
      expect(marks(svg).length, name).toBeGreaterThan(0);
      expect(svg, name).toMatch(/viewBox="0 0 \d+ \d+" width="100%"/);
    }
    const orders = chart(html, 'ordersPerMonth');
    expect(values(orders, { 'data-series': 'ordersCreated' })).toEqual(months.map((m) => m.ordersCreated));
    expect(values(orders, { 'data-series': 'servicesDelivered' })).toEqual(months.map((m) => m.servicesDelivered));
    expect(marks(orders, { 'data-series': 'ordersCreated' }).map((a) => a['data-key'])).toEqual(months.map((m) => m.month));

    expect(values(chart(html, 'certifiedWorkers'))).toEqual([1200, 1240, 123456]);
    expect(marks(chart(html, 'creditGrades')).map((a) => [a['data-key'], Number(a['data-value'])])).toEqual([
      ['5A', 3],
      ['4A', 8],
      ['3A', 20],
      ['2A', 5],
      ['1A', 1],
      ['ungraded', 2],
    ]);

    const coverage = chart(html, 'stationCoverage');
    expect(values(coverage, { 'data-key': '天河区', 'data-series': 'covered' })).toEqual([1]);
    expect(values(coverage, { 'data-key': '天河区', 'data-series': 'notCovered' })).toEqual([1]);
    expect(values(coverage, { 'data-key': HOSTILE, 'data-series': 'covered' })).toEqual([1]);
    expect(values(coverage, { 'data-key': HOSTILE, 'data-series': 'notCovered' })).toEqual([1]);
  });

  it('draws P10, P50 and P90 of each published wage cell, in fen as the API gives them', () => {
    const monthly = chart(html, 'wageMonthly');
    // The three marks of a row sit in a group carrying the row's key.
    const group = (svg: string, key: string) => {
      const g = svg.match(new RegExp(`<g data-key="${key}">[\\s\\S]*?</g>`))?.[0] ?? '';
      return Object.fromEntries(marks(g).map((a) => [a['data-stat'], Number(a['data-value'])]));
    };
    expect(group(monthly, 'nanny/under-1')).toEqual({ P10: 500_000, P50: 650_000, P90: 820_050 });
    expect(group(monthly, 'maternity_matron/under-1')).toEqual({ P10: 900_000, P50: 1_200_000, P90: 1_500_000 });
    expect(group(chart(html, 'wageHourly'), 'nanny/under-1')).toEqual({ P10: 3_000, P50: 3_550, P90: 4_500 });
    expect(values(monthly)).toHaveLength(6);
    expect(values(chart(html, 'wageHourly'))).toHaveLength(3);
  });

  it('lists a withheld wage cell as 数据不足 and draws no number for it', () => {
    for (const name of ['wageMonthly', 'wageHourly']) {
      const svg = chart(html, name);
      expect(svg).toMatch(/<text data-key="nanny\/1-to-3" data-missing="true"[^>]*>数据不足<\/text>/);
      expect(marks(svg, { 'data-key': 'nanny/1-to-3' })).toHaveLength(0);
    }
    expect(html.match(/<td class="missing" colspan="4" data-insufficient="true">数据不足<\/td>/g)).toHaveLength(2);
    expect(html).not.toContain('insufficient data');
  });

  it('escapes every string from the API', () => {
    expect(html).not.toContain('<script');
    expect(html).not.toContain(HOSTILE);
    expect(html).toContain('&lt;script&gt;alert(&quot;天河&quot;)&lt;/script&gt;&amp;&#39;区');
    const hostile = renderReport({ ...fixture, apiUrl: 'https://x/"><img src=x>', wageSurvey: { ...fixture.wageSurvey!, method: { ...fixture.wageSurvey!.method, definition: '<b>x</b>' } } });
    expect(hostile).not.toContain('<img');
    expect(hostile).not.toContain('<b>x</b>');
  });

  it('is one file for a phone and for print: no script, nothing to fetch', () => {
    expect(html).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('<meta charset="utf-8">');
    for (const outside of ['<script', ' src=', ' href=', 'url(', '@import', '<link', '<img']) expect(html).not.toContain(outside);
    expect(html).toMatch(/@media print\{[\s\S]*figure[^{]*\{break-inside:avoid/);
    expect(html).toContain('max-width:46rem');
  });

  it('says in the footer the year, the API, when it was generated (Asia/Shanghai) and the survey’s method', () => {
    const footer = html.slice(html.indexOf('<footer>'));
    expect(footer).toContain('2026年');
    expect(footer).toContain('https://api.example.cn');
    expect(footer).toContain('2026年12月6日 23:38（北京时间）');
    expect(footer).toContain('Hyndman–Fan type 7');
    expect(footer).toContain('P10');
    expect(footer).toMatch(/至少 30 个数值、来自至少 5 家/);
  });
});

describe('renderReport with nothing to show', () => {
  const html = renderReport(emptyFixture);

  it('marks every chart empty and says 暂无数据 instead of drawing a bare axis', () => {
    const all = charts(html);
    expect(all.size).toBe(6);
    for (const [name, svg] of all) {
      expect(svg, name).toContain('data-empty="true"');
      expect(svg, name).toContain('暂无数据');
      expect(marks(svg), name).toHaveLength(0);
    }
  });

  it('says the wage survey is not published yet, and that there are no grades or areas', () => {
    expect(html).toContain('2027年工资价位尚未发布');
    expect(html).toContain('本年度尚无信用评级');
    expect(html).toContain('尚未登记街镇');
    const f = figures(html);
    expect(f.ordersCreated).toBe(0);
    expect(f.coverageShare).toBeUndefined();
    expect(Object.keys(f).filter((k) => k.startsWith('latestGrades.'))).toEqual([]);
  });
});

describe('chart axes', () => {
  it('reach the largest value in round steps', () => {
    expect(ticks(0)).toEqual([0, 1]);
    expect(ticks(3)).toEqual([0, 1, 2, 3]);
    expect(ticks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(ticks(1_500_000)).toEqual([0, 500_000, 1_000_000, 1_500_000]);
    for (const max of [1, 9, 11, 99, 123_456, 820_050]) expect(ticks(max).at(-1)!).toBeGreaterThanOrEqual(max);
  });
});

describe('anxin report', () => {
  const local: LocalInfo = { apiUrl: 'http://127.0.0.1:3000', sqsEndpoint: '', dynamodbEndpoint: '', tableName: 't', region: 'us-east-1', keys: { admin: 'ak_admin', enterprise: 'ak_ent' } };
  const dirs: (string | undefined)[] = [];
  const readLocal = (dir?: string) => {
    dirs.push(dir);
    return local;
  };

  it('reads the local platform’s API with its admin key by default, or the one in --data-dir', () => {
    expect(reportSource({}, {}, readLocal)).toEqual({ apiUrl: 'http://127.0.0.1:3000', apiKey: 'ak_admin' });
    expect(reportSource({ 'data-dir': '/tmp/p' }, { ANXIN_API_KEY: 'ignored' }, readLocal)).toEqual({ apiUrl: 'http://127.0.0.1:3000', apiKey: 'ak_admin' });
    expect(dirs).toEqual([undefined, '/tmp/p']);
    const missing = () => {
      throw new Error('no local.json');
    };
    expect(() => reportSource({}, {}, missing)).toThrow(/npm start.*--api-url <url>/);
  });

  it('reads a named API with --api-key or ANXIN_API_KEY, and refuses one without a key', () => {
    const none = () => {
      throw new Error('local.json must not be read');
    };
    expect(reportSource({ 'api-url': 'https://a.example', 'api-key': 'k1' }, { ANXIN_API_KEY: 'k2' }, none)).toEqual({ apiUrl: 'https://a.example', apiKey: 'k1' });
    expect(reportSource({ 'api-url': 'https://a.example' }, { ANXIN_API_KEY: 'k2' }, none)).toEqual({ apiUrl: 'https://a.example', apiKey: 'k2' });
    expect(() => reportSource({ 'api-url': 'https://a.example' }, {}, none)).toThrow(/ANXIN_API_KEY/);
    expect(() => reportSource({ 'api-url': 'https://a.example', 'data-dir': '/tmp/p' }, { ANXIN_API_KEY: 'k' }, none)).toThrow(/one/);
  });

  it('usage lists every option it accepts', () => {
    const lines = usageOf('report');
    expect(lines).toContain('anxin report ');
    for (const option of Object.keys(REPORT_OPTIONS)) expect(lines, `--${option}`).toContain(`--${option}`);
  });

  it('prints one line with where it wrote and the headline figures', () => {
    const line = summaryLine('/tmp/report.html', fixture);
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toContain('/tmp/report.html');
    expect(line).toContain('orders 6,021');
    expect(line).toContain('certified 123,456');
    expect(line).toContain('5A 3');
  });
});
