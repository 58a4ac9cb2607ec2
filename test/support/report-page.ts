/**
 * Opens an `anxin report` file in headless Chromium (Debian's chromium driven by
 * playwright-core) on a phone-sized viewport, saves a full-page screenshot, and reads back
 * what the page shows a person: the headline figures (`data-figure`), every chart's marks
 * (`data-chart` … `data-value`) and the visible text. Nothing is read from the HTML
 * source: only from the rendered page.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHROMIUM, PAGE_SCREENSHOT } from './chromium';

export { hasChromium } from './chromium';


export interface ChartMark {
  key: string | null;
  series: string | null;
  stat: string | null;
  value: number;
}

export interface RenderedReport {
  figures: Record<string, number>;
  charts: Record<string, { empty: boolean; marks: ChartMark[]; width: number }>;
  text: string;
  /** The page's width in CSS pixels: wider than the viewport would mean sideways scrolling. */
  scrollWidth: number;
  lang: string | null;
}

export async function renderReportPage(file: string, screenshot: string): Promise<RenderedReport> {
  const { chromium } = await import('playwright-core');
  const userDataDir = mkdtempSync(join(tmpdir(), 'anxin-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    // A phone: 390 × 844 CSS pixels at 2x, Chinese locale.
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  });
  try {
    const page = await context.newPage();
    // No network at all: a self-contained report needs none, and any request would show here.
    const requests: string[] = [];
    page.on('request', (r) => void (r.url().startsWith('file:') || requests.push(r.url())));
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    if (requests.length > 0) throw new Error(`the report loaded ${requests.join(', ')}`);
    mkdirSync(dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot, ...PAGE_SCREENSHOT });
    // A string, run in the page: the project compiles without the DOM's types.
    return (await page.evaluate(READ_PAGE)) as RenderedReport;
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

const READ_PAGE = `(() => {
  const figures = {};
  for (const el of document.querySelectorAll('[data-figure]')) figures[el.getAttribute('data-figure')] = Number(el.getAttribute('data-value'));
  const charts = {};
  for (const chart of document.querySelectorAll('[data-chart]')) {
    const marks = [...chart.querySelectorAll('[data-value]')].map((m) => ({
      // A mark may sit in a group that names it (a wage row's P10, P50 and P90).
      key: m.closest('[data-key]')?.getAttribute('data-key') ?? null,
      series: m.getAttribute('data-series'),
      stat: m.getAttribute('data-stat'),
      value: Number(m.getAttribute('data-value')),
    }));
    charts[chart.getAttribute('data-chart')] = { empty: chart.getAttribute('data-empty') === 'true', marks, width: chart.getBoundingClientRect().width };
  }
  return { figures, charts, text: document.body.innerText, scrollWidth: document.documentElement.scrollWidth, lang: document.documentElement.getAttribute('lang') };
})()`;
