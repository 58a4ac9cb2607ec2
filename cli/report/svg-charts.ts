/**
 * Minimal chart builders that write inline SVG strings for the programme report.
 *
 * Hand-written rather than a charting library: the report is one static HTML file that an
 * officer prints or forwards to a phone, with no script, font, image or stylesheet to
 * fetch. Vega, Chart.js and the like draw in a browser at run time (the page would need
 * their script, megabytes of it for Vega) and server-side rendering of them needs a
 * headless browser or a canvas binding. The report needs four simple shapes — columns,
 * a line, horizontal range bars and horizontal stacked rows — which fit in this file.
 *
 * Every chart is `<svg data-chart="<name>" viewBox=… width="100%">`, so it scales to the
 * screen; every bar, point or range end carries `data-value` with the plain number it
 * draws (and `data-key`, plus `data-series` or `data-stat` where a chart has several), so a
 * test can read back what was drawn. A chart with nothing to draw says EMPTY_TEXT and
 * carries `data-empty="true"` instead of showing a bare axis. Labels are escaped here; the
 * callers pass raw text.
 */

import { escapeHtml } from '../../shared/lib/escape-html';

export const EMPTY_TEXT = '暂无数据';

/** Text and attribute values both: the five characters that can break out of either. */
export const escapeXml = escapeHtml;

export type Format = (n: number) => string;
const plain: Format = (n) => n.toLocaleString('zh-CN');
/** Axis ticks: short (万 for ten thousands) but exact for the round numbers ticks are. */
const compact: Format = (n) => n.toLocaleString('zh-CN', { notation: 'compact', maximumSignificantDigits: 4 });

export interface ChartBase {
  /** The `data-chart` name. */
  name: string;
  /** What the chart shows, for screen readers (`aria-label`). */
  title: string;
  /** How a value is written next to a mark and in its tooltip. */
  format?: Format;
  /** How an axis tick is written. */
  axisFormat?: Format;
}

export interface Category {
  /** Goes into `data-key`. */
  key: string;
  label: string;
}

export interface Series extends Category {
  /** One value per category, in the categories' order. */
  values: readonly number[];
}

const PALETTE = ['#2b6cb0', '#dd6b20', '#2f855a', '#805ad5', '#b7791f', '#718096'];
const FONT = 'font-family="system-ui, -apple-system, &quot;PingFang SC&quot;, &quot;Microsoft YaHei&quot;, &quot;Noto Sans CJK SC&quot;, sans-serif"';
const WIDTH = 400;
const num = (n: number) => String(Math.round(n * 10) / 10);

function open(base: ChartBase, height: number, extra = ''): string {
  return `<svg data-chart="${escapeXml(base.name)}"${extra} viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-label="${escapeXml(base.title)}" xmlns="http://www.w3.org/2000/svg" ${FONT} font-size="12">`;
}

/** What every builder draws when it has no mark at all. */
export function emptyChart(base: Pick<ChartBase, 'name' | 'title'>, text = EMPTY_TEXT): string {
  const height = 80;
  return `${open({ ...base }, height, ' data-empty="true"')}<rect x="0.5" y="0.5" width="${WIDTH - 1}" height="${height - 1}" fill="none" stroke="#cbd5e0" stroke-dasharray="4 3"/><text x="${WIDTH / 2}" y="${height / 2 + 5}" text-anchor="middle" font-size="14" fill="#718096">${escapeXml(text)}</text></svg>`;
}

/** Shortened for a label that must fit; the full text stays in the mark's tooltip. */
function fit(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Round tick values from 0 to at least `max`: steps of 1, 2 or 5 × 10ⁿ, about four of them; whole steps for counts. */
export function ticks(max: number): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!);
  const out: number[] = [];
  for (let t = 0; t < max + step; t += step) out.push(t);
  return out;
}

function legend(series: readonly Category[], y: number): string {
  let x = 48;
  return series
    .map((s, i) => {
      const item = `<rect x="${x}" y="${y - 9}" width="10" height="10" fill="${PALETTE[i % PALETTE.length]}"/><text x="${x + 14}" y="${y}">${escapeXml(fit(s.label, 12))}</text>`;
      x += 24 + Array.from(fit(s.label, 12)).length * 12;
      return item;
    })
    .join('');
}

const tooltip = (label: string, value: string) => `<title>${escapeXml(label)}：${escapeXml(value)}</title>`;

/** Vertical axis with gridlines for a plot from `top` to `bottom`, scaled to `top` value `tickValues.at(-1)`. */
function valueAxis(tickValues: readonly number[], left: number, right: number, top: number, bottom: number, format: Format): string {
  const max = tickValues.at(-1)!;
  return tickValues
    .map((t) => {
      const y = bottom - ((bottom - top) * t) / max;
      return `<line x1="${left}" x2="${right}" y1="${num(y)}" y2="${num(y)}" stroke="${t === 0 ? '#4a5568' : '#e2e8f0'}"/><text x="${left - 4}" y="${num(y + 4)}" text-anchor="end" fill="#4a5568">${escapeXml(format(t))}</text>`;
    })
    .join('');
}

/**
 * Columns per category, one per series side by side (one series: a plain bar chart).
 * `valueLabels` writes each value above its column, for charts with few columns.
 */
export function groupedBarChart(base: ChartBase & { categories: readonly Category[]; series: readonly Series[]; valueLabels?: boolean }): string {
  const { categories, series } = base;
  if (categories.length === 0 || series.length === 0) return emptyChart(base);
  const format = base.format ?? plain;
  const withLegend = series.length > 1;
  const top = withLegend ? 34 : 16;
  const bottom = 190;
  const left = 48;
  const right = WIDTH - 8;
  const height = bottom + 26;
  const tickValues = ticks(Math.max(...series.flatMap((s) => s.values)));
  const max = tickValues.at(-1)!;
  const slot = (right - left) / categories.length;
  const barWidth = Math.min(28, (slot * 0.8) / series.length);
  const labelEvery = Math.ceil(categories.length / Math.max(1, Math.floor((right - left) / 34)));
  const marks = categories
    .map((c, ci) => {
      const groupLeft = left + slot * ci + (slot - barWidth * series.length) / 2;
      const bars = series
        .map((s, si) => {
          const value = s.values[ci] ?? 0;
          const h = Math.max(0, ((bottom - top) * value) / max);
          const x = groupLeft + barWidth * si;
          const label = base.valueLabels ? `<text x="${num(x + barWidth / 2)}" y="${num(bottom - h - 4)}" text-anchor="middle" fill="#2d3748">${escapeXml(format(value))}</text>` : '';
          return `<rect data-key="${escapeXml(c.key)}" data-series="${escapeXml(s.key)}" data-value="${value}" x="${num(x)}" y="${num(bottom - h)}" width="${num(barWidth)}" height="${num(h)}" fill="${PALETTE[si % PALETTE.length]}">${tooltip(`${c.label} ${s.label}`, format(value))}</rect>${label}`;
        })
        .join('');
      const tick = ci % labelEvery === 0 ? `<text x="${num(left + slot * ci + slot / 2)}" y="${bottom + 16}" text-anchor="middle" fill="#2d3748">${escapeXml(fit(c.label, 5))}</text>` : '';
      return bars + tick;
    })
    .join('');
  return `${open(base, height)}${withLegend ? legend(series, 16) : ''}${valueAxis(tickValues, left, right, top, bottom, base.axisFormat ?? compact)}${marks}</svg>`;
}

/** One column per bar. */
export function barChart(base: ChartBase & { bars: readonly (Category & { value: number })[]; seriesKey?: string; valueLabels?: boolean }): string {
  return groupedBarChart({
    ...base,
    categories: base.bars,
    series: base.bars.length === 0 ? [] : [{ key: base.seriesKey ?? base.name, label: base.title, values: base.bars.map((b) => b.value) }],
  });
}

/** A line through the points in order, each point a circle; the last value is written beside it. */
export function lineChart(base: ChartBase & { points: readonly (Category & { value: number })[] }): string {
  const { points } = base;
  if (points.length === 0) return emptyChart(base);
  const format = base.format ?? plain;
  const top = 20;
  const bottom = 190;
  const left = 48;
  const right = WIDTH - 24;
  const tickValues = ticks(Math.max(...points.map((p) => p.value)));
  const max = tickValues.at(-1)!;
  const slot = (right - left) / points.length;
  const at = (i: number, v: number) => ({ x: left + slot * i + slot / 2, y: bottom - ((bottom - top) * v) / max });
  const labelEvery = Math.ceil(points.length / Math.max(1, Math.floor((right - left) / 34)));
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${num(at(i, p.value).x)} ${num(at(i, p.value).y)}`).join(' ');
  const marks = points
    .map((p, i) => {
      const { x, y } = at(i, p.value);
      const tick = i % labelEvery === 0 ? `<text x="${num(x)}" y="${bottom + 16}" text-anchor="middle" fill="#2d3748">${escapeXml(fit(p.label, 5))}</text>` : '';
      return `<circle data-key="${escapeXml(p.key)}" data-value="${p.value}" cx="${num(x)}" cy="${num(y)}" r="3.5" fill="${PALETTE[0]}">${tooltip(p.label, format(p.value))}</circle>${tick}`;
    })
    .join('');
  const last = at(points.length - 1, points.at(-1)!.value);
  const lastLabel = `<text x="${num(last.x)}" y="${num(last.y - 8)}" text-anchor="middle" fill="#2d3748" font-weight="600">${escapeXml(format(points.at(-1)!.value))}</text>`;
  return `${open(base, bottom + 26)}${valueAxis(tickValues, left, right, top, bottom, base.axisFormat ?? compact)}<path d="${path}" fill="none" stroke="${PALETTE[0]}" stroke-width="2"/>${marks}${lastLabel}</svg>`;
}

export interface RangeRow extends Category {
  /** Rows of one group follow each other under the group's heading. */
  group?: string;
  /** Low, middle and high; null when the row has no figures (it then says `missingText`). */
  range: { low: number; mid: number; high: number } | null;
}

/**
 * Horizontal bars from low to high with a tick at the middle value, one row each, the
 * middle value written at the right. A row without figures is listed with `missingText`
 * and draws no mark, so no number is implied for it. `stats` names the three values in
 * `data-stat` (e.g. P10, P50, P90).
 */
export function rangeBarChart(base: ChartBase & { rows: readonly RangeRow[]; missingText: string; stats: readonly [string, string, string] }): string {
  const { rows } = base;
  if (!rows.some((r) => r.range !== null)) return emptyChart(base);
  const format = base.format ?? plain;
  const rowHeight = 22;
  const left = 116;
  const right = WIDTH - 64;
  const tickValues = ticks(Math.max(...rows.flatMap((r) => (r.range ? [r.range.high] : []))));
  const max = tickValues.at(-1)!;
  const x = (v: number) => left + ((right - left) * v) / max;
  let y = 8;
  let group: string | undefined;
  const body: string[] = [];
  for (const row of rows) {
    if (row.group !== undefined && row.group !== group) {
      group = row.group;
      y += 8;
      body.push(`<text x="4" y="${y + 12}" font-weight="600" fill="#1a202c">${escapeXml(fit(row.group, 30))}</text>`);
      y += rowHeight - 4;
    }
    const mid = y + rowHeight / 2;
    body.push(`<text x="${left - 6}" y="${mid + 4}" text-anchor="end" fill="#2d3748">${escapeXml(fit(row.label, 10))}</text>`);
    if (row.range === null) {
      body.push(`<text data-key="${escapeXml(row.key)}" data-missing="true" x="${left + 4}" y="${mid + 4}" fill="#a0aec0">${escapeXml(base.missingText)}</text>`);
    } else {
      const { low, mid: middle, high } = row.range;
      const [sLow, sMid, sHigh] = base.stats;
      const tip = `${row.group ? `${row.group} ` : ''}${row.label}`;
      body.push(
        `<g data-key="${escapeXml(row.key)}">`,
        `<rect data-stat="${escapeXml(sLow)}" data-value="${low}" x="${num(x(low))}" y="${mid - 5}" width="${num(Math.max(1, x(high) - x(low)))}" height="10" rx="3" fill="#bee3f8" stroke="${PALETTE[0]}">${tooltip(`${tip} ${sLow}–${sHigh}`, `${format(low)}–${format(high)}`)}</rect>`,
        `<line data-stat="${escapeXml(sHigh)}" data-value="${high}" x1="${num(x(high))}" x2="${num(x(high))}" y1="${mid - 5}" y2="${mid + 5}" stroke="${PALETTE[0]}"/>`,
        `<line data-stat="${escapeXml(sMid)}" data-value="${middle}" x1="${num(x(middle))}" x2="${num(x(middle))}" y1="${mid - 8}" y2="${mid + 8}" stroke="#1a365d" stroke-width="3">${tooltip(`${tip} ${sMid}`, format(middle))}</line>`,
        `<text x="${right + 4}" y="${mid + 4}" fill="#1a365d">${escapeXml(format(middle))}</text>`,
        '</g>',
      );
    }
    y += rowHeight;
  }
  const axisY = y + 6;
  const axis = tickValues
    .map((t) => `<line x1="${num(x(t))}" x2="${num(x(t))}" y1="8" y2="${axisY}" stroke="#e2e8f0"/><text x="${num(x(t))}" y="${axisY + 14}" text-anchor="middle" fill="#4a5568">${escapeXml((base.axisFormat ?? compact)(t))}</text>`)
    .join('');
  return `${open(base, axisY + 22)}${axis}${body.join('')}</svg>`;
}

/**
 * Horizontal rows split into segments, one per series (e.g. covered and not covered),
 * with each row's values written at the right as "a / total".
 */
export function stackedRowChart(base: ChartBase & { series: readonly Category[]; rows: readonly (Category & { values: readonly number[] })[] }): string {
  const { rows, series } = base;
  if (rows.length === 0 || series.length === 0) return emptyChart(base);
  const format = base.format ?? plain;
  const rowHeight = 24;
  const left = 96;
  const right = WIDTH - 72;
  const top = 28;
  const max = Math.max(1, ...rows.map((r) => r.values.reduce((a, b) => a + b, 0)));
  const body = rows
    .map((row, ri) => {
      const y = top + ri * rowHeight;
      const total = row.values.reduce((a, b) => a + b, 0);
      let x = left;
      const segments = series
        .map((s, si) => {
          const value = row.values[si] ?? 0;
          const w = Math.max(0, ((right - left) * value) / max);
          const rect = `<rect data-key="${escapeXml(row.key)}" data-series="${escapeXml(s.key)}" data-value="${value}" x="${num(x)}" y="${y + 4}" width="${num(w)}" height="${rowHeight - 8}" fill="${PALETTE[si % PALETTE.length]}">${tooltip(`${row.label} ${s.label}`, format(value))}</rect>`;
          x += w;
          return rect;
        })
        .join('');
      return `<text x="${left - 6}" y="${y + rowHeight / 2 + 4}" text-anchor="end" fill="#2d3748">${escapeXml(fit(row.label, 8))}</text>${segments}<text x="${right + 6}" y="${y + rowHeight / 2 + 4}" fill="#2d3748">${escapeXml(`${format(row.values[0] ?? 0)} / ${format(total)}`)}</text>`;
    })
    .join('');
  return `${open(base, top + rows.length * rowHeight + 8)}${legend(series, 16)}${body}</svg>`;
}
