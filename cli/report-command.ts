/**
 * `anxin report --year <YYYY> --out <file.html>`: the programme's year as one HTML page an
 * officer prints or forwards (cli/report/render-report.ts), read over HTTP from the API
 * with an admin key — the same figures the API answers, not a second count from the table.
 *
 * Where it reads: the local platform by default (.anxin/local.json: its API URL and the
 * demo admin key), `--data-dir <dir>` for a platform started with one, or `--api-url <url>`
 * for a deployed stage, with the key from `--api-key` or ANXIN_API_KEY. A stage's API key
 * is not in any file the CLI could read, so it is named; the environment variable keeps it
 * out of the shell history.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fetchReportData, type ReportData, type ReportSource } from './report/report-data';
import { renderReport } from './report/render-report';
import { readLocalInfo, type LocalInfo } from './target';
import { usageOf } from './usage';

export const REPORT_OPTIONS = {
  year: { type: 'string' },
  out: { type: 'string' },
  'data-dir': { type: 'string' },
  'api-url': { type: 'string' },
  'api-key': { type: 'string' },
} as const;

interface ReportSourceOptions {
  'data-dir'?: string;
  'api-url'?: string;
  'api-key'?: string;
}

/** The API and admin key the report reads from, by the rules in this file's comment. */
export function reportSource(values: ReportSourceOptions, env: NodeJS.ProcessEnv, readLocal: (dataDir?: string) => LocalInfo = readLocalInfo): ReportSource {
  if (values['api-url'] !== undefined) {
    if (values['data-dir'] !== undefined) throw new Error('--api-url and --data-dir name two different APIs: pass one');
    const apiKey = values['api-key'] ?? env.ANXIN_API_KEY;
    if (!apiKey) throw new Error('--api-url needs an admin key: --api-key <key> or ANXIN_API_KEY');
    return { apiUrl: values['api-url'], apiKey };
  }
  let local: LocalInfo;
  try {
    local = readLocal(values['data-dir']);
  } catch {
    // The table commands' advice (--endpoint-url, --stage) does not apply to an HTTP read.
    const where = values['data-dir'] ? resolve(values['data-dir'], 'local.json') : '.anxin/local.json';
    throw new Error(`No local platform found (${where}). Start it with \`npm start\`, or pass --data-dir <dir> or --api-url <url>.`);
  }
  const apiKey = values['api-key'] ?? local.keys?.admin;
  if (!local.apiUrl) throw new Error('the local platform has no API URL in its local.json (is its HTTP API running?)');
  if (!apiKey) throw new Error('the local platform has no admin key in its local.json: pass --api-key <key>');
  return { apiUrl: local.apiUrl, apiKey };
}

/** The one line the command prints: where the page went and the figures on it. */
export function summaryLine(path: string, data: ReportData): string {
  const t = data.programme.totals;
  const n = (v: number) => v.toLocaleString('en-US');
  const grades = t.latestGrades
    ? `, grades ${t.latestGrades.period} ${Object.entries(t.latestGrades.counts)
        .map(([g, c]) => `${g} ${n(c)}`)
        .join(' ')}`
    : ', no grades';
  const survey = data.wageSurvey ? 'wage survey published' : 'no wage survey';
  return `wrote ${path}: ${data.year} enterprises ${n(t.enterprises)}, workers ${n(t.workers)}, orders ${n(t.ordersCreated)}, services ${n(t.servicesDelivered)}, training ${n(t.trainingPersonTimes)}, certified ${n(t.certifiedWorkers)}${grades}; ${survey} (from ${data.apiUrl})`;
}

export async function reportCommand(argv: string[], out: (line: string) => void): Promise<number> {
  const { values } = parseArgs({ args: argv, options: REPORT_OPTIONS });
  if (!values.year || !/^20\d{2}$/.test(values.year) || !values.out) {
    out(usageOf('report'));
    return 2;
  }
  const source = reportSource(values, process.env);
  const data = await fetchReportData(source, values.year);
  const path = resolve(values.out);
  writeFileSync(path, renderReport(data), 'utf8');
  out(summaryLine(path, data));
  return 0;
}
