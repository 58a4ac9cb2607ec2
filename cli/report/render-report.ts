/**
 * The programme report as one self-contained HTML page: headline figures, charts as inline
 * SVG, tables with the exact numbers, and a footer saying where and when the figures were
 * read and how the wage survey was computed. Pure: the same ReportData gives the same page.
 *
 * One file with nothing to fetch (no script, font, image or stylesheet), because an officer
 * prints it or forwards it to a phone, where a page that loads anything else may show
 * nothing. Laid out for a phone first (viewport, one column of at most 46rem); printed, no
 * chart or table row is split across pages.
 *
 * Every figure a reader sees comes from the API as it answered; nothing is estimated. A
 * headline figure is `<data data-figure="<name>" value="<n>" data-value="<n>">`, so a test
 * reads the plain number back; a wage cell the survey withholds says 数据不足 and nothing
 * else (docs/wage-survey.md "Withholding"). Every string from the API is escaped.
 */
import { GRADE_BUCKETS, type GradeBucket } from '../../shared/domain/programme/figures';
import { INSUFFICIENT } from '../../shared/domain/wage-survey/publication';
import type { ReportData, WageSurveyData } from './report-data';
import { barChart, escapeXml as esc, groupedBarChart, lineChart, rangeBarChart, stackedRowChart, type RangeRow } from './svg-charts';

/** What a withheld wage cell says in the report (the API says INSUFFICIENT). */
const INSUFFICIENT_TEXT = '数据不足';

const count = (n: number) => n.toLocaleString('zh-CN');
const percent = (share: number) => share.toLocaleString('zh-CN', { style: 'percent', maximumFractionDigits: 1 });
/** Integer fen as yuan: whole yuan without decimals, anything else with two. */
const yuanAmount = (fen: number) => (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: fen % 100 === 0 ? 0 : 2, maximumFractionDigits: 2 });
const yuan = (fen: number) => `${yuanAmount(fen)}元`;
const yuanAxis = (fen: number) => (fen / 100).toLocaleString('zh-CN', { notation: 'compact', maximumSignificantDigits: 4 });

/** An instant as Asia/Shanghai wall time, which is the programme's calendar. */
function shanghaiTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return esc(iso);
  const text = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'long', timeStyle: 'short', hourCycle: 'h23' }).format(date);
  return `${esc(text)}（北京时间）`;
}

/** `YYYY-MM` → "11月" on an axis, "2026年11月" in text. */
const monthShort = (month: string) => `${Number(month.slice(5, 7))}月`;
const monthLong = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

const gradeLabel = (g: GradeBucket) => (g === 'ungraded' ? '未评级' : g);

function figure(name: string, value: number, text = count(value)): string {
  return `<data data-figure="${esc(name)}" value="${value}" data-value="${value}">${esc(text)}</data>`;
}

function figureCard(label: string, name: string, value: number, note: string): string {
  return `<div><dt>${esc(label)}</dt><dd>${figure(name, value)}<small>${esc(note)}</small></dd></div>`;
}

function chartFigure(svg: string, caption: string): string {
  return `<figure class="chart">${svg}<figcaption>${caption}</figcaption></figure>`;
}

function headline(data: ReportData): string {
  const { months, totals } = data.programme;
  const last = months.at(-1);
  const standing = last ? `截至${monthLong(last.month)}末` : '截至年末';
  const cards = [
    figureCard('企业数', 'enterprises', totals.enterprises, standing),
    figureCard('注册家政服务人员', 'workers', totals.workers, standing),
    figureCard('订单（全程可追溯）', 'ordersCreated', totals.ordersCreated, '本年新增'),
    figureCard('服务人次', 'servicesDelivered', totals.servicesDelivered, '本年完成'),
    figureCard('培训人次', 'trainingPersonTimes', totals.trainingPersonTimes, '本年'),
    figureCard('持证人员', 'certifiedWorkers', totals.certifiedWorkers, standing),
  ].join('');
  const latest = totals.latestGrades;
  const grades = latest
    ? `<h3>信用等级分布（${esc(monthLong(latest.period))}）</h3><dl class="figures grades">${GRADE_BUCKETS.map((g) => figureCard(gradeLabel(g), `latestGrades.${g}`, latest.counts[g], '家企业')).join('')}</dl>`
    : '<h3>信用等级分布</h3><p class="note">本年度尚无信用评级。</p>';
  return `<section><h2>核心数据</h2><dl class="figures">${cards}</dl>${grades}</section>`;
}

function ordersSection(data: ReportData): string {
  const { months } = data.programme;
  const svg = groupedBarChart({
    name: 'ordersPerMonth',
    title: '每月订单量与服务人次',
    categories: months.map((m) => ({ key: m.month, label: monthShort(m.month) })),
    series: [
      { key: 'ordersCreated', label: '订单量', values: months.map((m) => m.ordersCreated) },
      { key: 'servicesDelivered', label: '服务人次', values: months.map((m) => m.servicesDelivered) },
    ],
  });
  return `<section><h2>每月订单量与服务人次</h2>${chartFigure(svg, '订单量：当月新建订单（每一笔全程可追溯）；服务人次：当月完成的服务')}</section>`;
}

function certifiedSection(data: ReportData): string {
  const { months } = data.programme;
  const svg = lineChart({
    name: 'certifiedWorkers',
    title: '持证人员（月末）',
    points: months.map((m) => ({ key: m.month, label: monthShort(m.month), value: m.certifiedWorkers })),
  });
  return `<section><h2>持证人员（月末）</h2>${chartFigure(svg, '每月末持有有效证书的家政服务人员')}</section>`;
}

function gradesSection(data: ReportData): string {
  const latest = data.programme.totals.latestGrades;
  const svg = barChart({
    name: 'creditGrades',
    title: '信用等级分布',
    seriesKey: 'enterprises',
    valueLabels: true,
    bars: latest ? GRADE_BUCKETS.map((g) => ({ key: g, label: gradeLabel(g), value: latest.counts[g] })) : [],
  });
  const caption = latest ? `${esc(monthLong(latest.period))}评级的企业数，按等级` : '本年度尚无信用评级';
  return `<section><h2>信用等级分布</h2>${chartFigure(svg, caption)}</section>`;
}

function monthsTable(data: ReportData): string {
  const { months } = data.programme;
  if (months.length === 0) return '';
  const columns: [string, (m: (typeof months)[number]) => number][] = [
    ['新增企业', (m) => m.enterprisesJoined],
    ['新注册人员', (m) => m.workersRegistered],
    ['订单', (m) => m.ordersCreated],
    ['服务人次', (m) => m.servicesDelivered],
    ['培训人次', (m) => m.trainingPersonTimes],
    ['新发证', (m) => m.certificatesGranted],
    ['证书失效', (m) => m.certificatesLapsed],
    ['持证人员（月末）', (m) => m.certifiedWorkers],
  ];
  const head = `<tr><th>月份</th>${columns.map(([label]) => `<th>${label}</th>`).join('')}</tr>`;
  const rows = months.map((m) => `<tr><td>${esc(monthLong(m.month))}</td>${columns.map(([, value]) => `<td>${count(value(m))}</td>`).join('')}</tr>`).join('');
  return `<section><h2>月度明细</h2><div class="scroll"><table>${head}${rows}</table></div></section>`;
}

function coverageSection(data: ReportData): string {
  const { coverage } = data;
  const radius = `${count(coverage.radiusM)}米`;
  const districts = new Map<string, { covered: number; notCovered: number }>();
  for (const area of coverage.areas) {
    const d = districts.get(area.district) ?? { covered: 0, notCovered: 0 };
    if (area.covered) d.covered++;
    else d.notCovered++;
    districts.set(area.district, d);
  }
  const svg = stackedRowChart({
    name: 'stationCoverage',
    title: '各区街镇服务站点覆盖情况',
    series: [
      { key: 'covered', label: '已覆盖' },
      { key: 'notCovered', label: '未覆盖' },
    ],
    rows: [...districts.entries()]
      .sort(([a], [b]) => a.localeCompare(b, 'zh-CN'))
      .map(([district, d]) => ({ key: district, label: district, values: [d.covered, d.notCovered] })),
  });
  const summary =
    coverage.total === 0
      ? `<p class="note">尚未登记街镇，无法计算覆盖率（已登记街镇 ${figure('areasTotal', 0)} 个）。</p>`
      : `<p>覆盖率 <strong>${figure('coverageShare', coverage.share, percent(coverage.share))}</strong>：已登记街镇 ${figure('areasTotal', coverage.total)} 个，其中 ${figure('areasCovered', coverage.covered)} 个距最近的服务站点不超过${radius}。</p>`;
  const uncovered = coverage.areas.filter((a) => !a.covered);
  const list =
    uncovered.length === 0
      ? ''
      : `<h3>未覆盖的街镇</h3><div class="scroll"><table><tr><th>区</th><th class="text">街镇</th><th class="text">最近的服务站点</th><th>距离</th></tr>${uncovered
          .map(
            (a) =>
              `<tr><td>${esc(a.district)}</td><td class="text">${esc(a.street)}</td>${
                a.nearest ? `<td class="text">${esc(a.nearest.name)}</td><td>${count(a.nearest.distanceM)}米</td>` : '<td class="text missing">无在营站点</td><td></td>'
              }</tr>`,
          )
          .join('')}</table></div>`;
  return `<section><h2>服务站点覆盖（${radius}服务圈）</h2>${summary}${chartFigure(svg, `各区已覆盖与未覆盖的街镇数（右侧：已覆盖 / 合计）`)}${list}</section>`;
}

const PAY_TYPES = [
  { payType: 'monthly', name: 'wageMonthly', title: '月薪' },
  { payType: 'hourly', name: 'wageHourly', title: '时薪' },
] as const;

function wageChart(survey: WageSurveyData | null, payType: 'monthly' | 'hourly', name: string, title: string): string {
  const rows: RangeRow[] = (survey?.wages ?? [])
    .filter((w) => w.payType === payType)
    .map((w) => ({
      key: `${w.post}/${w.experienceBand}`,
      group: w.postLabel,
      label: w.experienceBandLabel,
      range: w.figures === INSUFFICIENT ? null : { low: w.figures.lowFen, mid: w.figures.medianFen, high: w.figures.highFen },
    }));
  const stats = survey ? ([survey.method.low, survey.method.median, survey.method.high] as const) : (['P10', 'P50', 'P90'] as const);
  return rangeBarChart({ name, title: `工资价位：${title}`, rows, missingText: INSUFFICIENT_TEXT, stats, format: yuan, axisFormat: yuanAxis });
}

/** The exact figures behind a wage chart, one block of rows per post; amounts in yuan, the unit in the heading. */
function wageTable(survey: WageSurveyData, payType: 'monthly' | 'hourly'): string {
  const { method } = survey;
  const head = `<tr><th class="text">从业年限</th><th>低位数<br>${esc(method.low)}</th><th>中位数<br>${esc(method.median)}</th><th>高位数<br>${esc(method.high)}</th><th>样本<br>份 / 家企业</th></tr>`;
  let post: string | undefined;
  const rows = survey.wages
    .filter((w) => w.payType === payType)
    .map((w) => {
      const heading = w.postLabel === post ? '' : `<tr class="group"><th class="text" colspan="5">${esc(w.postLabel)}</th></tr>`;
      post = w.postLabel;
      const cells =
        w.figures === INSUFFICIENT
          ? `<td class="missing" colspan="4" data-insufficient="true">${INSUFFICIENT_TEXT}</td>`
          : `<td>${yuanAmount(w.figures.lowFen)}</td><td>${yuanAmount(w.figures.medianFen)}</td><td>${yuanAmount(w.figures.highFen)}</td><td>${count(w.figures.reports)} / ${count(w.figures.enterprises)}</td>`;
      return `${heading}<tr><td class="text">${esc(w.experienceBandLabel)}</td>${cells}</tr>`;
    })
    .join('');
  return `<div class="scroll"><table>${head}${rows}</table></div>`;
}

function wageSection(data: ReportData): string {
  const survey = data.wageSurvey;
  const intro = survey
    ? `<p class="note">税前工资的低位数、中位数与高位数，按岗位与从业年限；图中竖线为中位数，横条为低位数至高位数。计算于 ${shanghaiTime(survey.computedAt)}。</p>`
    : `<p class="note">${esc(data.year)}年工资价位尚未发布。</p>`;
  const parts = PAY_TYPES.map(({ payType, name, title }) => {
    const unit = payType === 'monthly' ? '元/月' : '元/小时';
    // The table's amounts are in this unit; the chart writes 元 beside each median.
    const table = survey ? wageTable(survey, payType) : '';
    return `<h3>${title}（${unit}）</h3>${chartFigure(wageChart(survey, payType, name, title), `${title}：低位数—高位数，标注为中位数`)}${table}`;
  }).join('');
  return `<section><h2>工资价位</h2>${intro}${parts}</section>`;
}

function footer(data: ReportData): string {
  const survey = data.wageSurvey;
  const method = survey
    ? `<dt>工资价位计算方法</dt><dd>低位数 ${esc(survey.method.low)}、中位数 ${esc(survey.method.median)}、高位数 ${esc(survey.method.high)}；${esc(survey.method.definition)}</dd>` +
      `<dt>数据不足规则</dt><dd>某一单元格须有至少 ${count(survey.withholding.minReports)} 个数值、来自至少 ${count(survey.withholding.minEnterprises)} 家不同企业方予公布，否则只显示“${INSUFFICIENT_TEXT}”。</dd>`
    : `<dt>工资价位计算方法</dt><dd>本年度工资价位尚未发布，无计算方法说明。</dd>`;
  return (
    `<footer><dl>` +
    `<dt>年度</dt><dd>${esc(data.year)}年</dd>` +
    `<dt>数据来源</dt><dd>${esc(data.apiUrl)}</dd>` +
    `<dt>数据截至</dt><dd>${shanghaiTime(data.programme.asOf)}</dd>` +
    `<dt>报告生成时间</dt><dd>${shanghaiTime(data.generatedAt)}</dd>` +
    method +
    `</dl></footer>`
  );
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1a202c;background:#fff;line-height:1.6;-webkit-text-size-adjust:100%;text-size-adjust:100%}
main{max-width:46rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;margin:.5rem 0 .25rem}
h2{font-size:1.2rem;margin:2rem 0 .5rem;border-bottom:2px solid #2b6cb0;padding-bottom:.25rem}
h3{font-size:1rem;margin:1.25rem 0 .5rem}
.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(9.5rem,1fr));gap:.5rem;margin:0}
.figures div{border:1px solid #e2e8f0;border-radius:.5rem;padding:.5rem .75rem}
.figures dt{font-size:.85rem;color:#4a5568}
.figures dd{margin:0;font-size:1.4rem;font-weight:600}
.figures small{display:block;font-size:.75rem;font-weight:400;color:#718096}
.grades{grid-template-columns:repeat(auto-fit,minmax(6rem,1fr))}
figure{margin:1rem 0}
figure svg{display:block;width:100%;max-width:36rem;height:auto;margin:0 auto}
figcaption{font-size:.85rem;color:#4a5568;text-align:center}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.8rem}
th{vertical-align:bottom;line-height:1.3}
th,td{border-bottom:1px solid #e2e8f0;padding:.3rem .4rem;text-align:right;white-space:nowrap}
th:first-child,td:first-child,.text{text-align:left}
.missing{color:#a0aec0}
td.missing{text-align:left}
tr.group th{padding-top:.6rem;border-bottom:1px solid #cbd5e0}
.note{color:#4a5568;font-size:.9rem}
footer{margin-top:2rem;border-top:1px solid #e2e8f0;padding-top:.5rem;font-size:.8rem;color:#4a5568}
footer dt{font-weight:600}
footer dd{margin:0 0 .4rem;overflow-wrap:anywhere}
@page{margin:15mm}
@media print{
body{font-size:10.5pt}
main{max-width:none;padding:0}
figure,.figures div,tr{break-inside:avoid;page-break-inside:avoid}
h2,h3{break-after:avoid;page-break-after:avoid}
.scroll{overflow:visible}
}`;

export function renderReport(data: ReportData): string {
  const title = `${data.year}年度家政服务项目报告`;
  return [
    '<!doctype html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body><main>',
    `<header><h1>${esc(title)}</h1><p class="note">安心家政服务平台 · 数据截至 ${shanghaiTime(data.programme.asOf)}</p></header>`,
    headline(data),
    ordersSection(data),
    certifiedSection(data),
    gradesSection(data),
    coverageSection(data),
    wageSection(data),
    monthsTable(data),
    footer(data),
    '</main></body>',
    '</html>',
    '',
  ].join('\n');
}
