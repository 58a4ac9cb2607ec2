/**
 * What the programme report is made from, read over HTTP from the Anxin API: the year's
 * figures and the station coverage with an admin key, and the published wage survey from
 * its public route. Every answer is checked against the schema the API itself answers
 * with, so a change of shape on either side fails here, loudly, rather than printing a
 * report with blanks or wrong numbers in it.
 */
import type * as z from 'zod/mini';
import { ProgrammeYearView } from '../../shared/schemas/programme';
import { CoverageView } from '../../shared/schemas/stations';
import { PublishedWageSurveyView } from '../../shared/schemas/wage-survey';
import { validate } from '../../shared/lib/validation';

export type CoverageViewData = z.infer<typeof CoverageView>;
export type WageSurveyData = z.infer<typeof PublishedWageSurveyView>;

export interface ReportData {
  /** The report's year, `YYYY`. */
  year: string;
  /** The API base URL the figures were read from. */
  apiUrl: string;
  /** When the report was made (ISO 8601); shown in Asia/Shanghai time. */
  generatedAt: string;
  programme: ProgrammeYearView;
  coverage: CoverageViewData;
  /** null when no survey of the year has been published yet (the API answers 404). */
  wageSurvey: WageSurveyData | null;
}

export interface ReportSource {
  apiUrl: string;
  /** An admin API key. */
  apiKey: string;
}

/** Long enough for a cold start of every function behind the API; a report is not worth hanging for. */
const TIMEOUT_MS = 30_000;

async function getJson(url: string, headers: Record<string, string>, notFoundIsNull: boolean): Promise<unknown> {
  const response = await fetch(url, { headers: { accept: 'application/json', ...headers }, signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (notFoundIsNull && response.status === 404) return null;
  if (!response.ok) {
    // A problem-details answer says why (docs/problems.md); its title and detail are enough.
    const text = await response.text();
    let why = text.slice(0, 300);
    try {
      const problem = JSON.parse(text) as { title?: string; detail?: string };
      why = [problem.title, problem.detail].filter(Boolean).join(': ') || why;
    } catch {
      // not JSON: the raw start of the body says it
    }
    throw new Error(`GET ${url} answered ${response.status}${why ? ` (${why})` : ''}`);
  }
  try {
    return await response.json();
  } catch {
    throw new Error(`GET ${url} answered ${response.status} with a body that is not JSON`);
  }
}

function checked<T extends z.ZodMiniType>(schema: T, name: string, url: string, body: unknown): z.infer<T> {
  const result = validate(schema, body);
  if (result.success) return result.data;
  const fields = result.errors.map((e) => `${e.pointer} ${e.detail}`).join('; ');
  throw new Error(`GET ${url} answered a body that is not a ${name}: ${fields}`);
}

/** Reads the three sources of the year's report; `now` is when the report counts as made. */
export async function fetchReportData(source: ReportSource, year: string, now = new Date()): Promise<ReportData> {
  const base = source.apiUrl.replace(/\/+$/, '');
  const admin = { authorization: `Bearer ${source.apiKey}` };
  const urls = {
    programme: `${base}/v1/admin/programme?year=${encodeURIComponent(year)}`,
    coverage: `${base}/v1/admin/station-coverage`,
    // Public: no key is sent where none is needed.
    wageSurvey: `${base}/v1/public/wage-survey?year=${encodeURIComponent(year)}`,
  };
  const [programme, coverage, wageSurvey] = await Promise.all([
    getJson(urls.programme, admin, false),
    getJson(urls.coverage, admin, false),
    getJson(urls.wageSurvey, {}, true),
  ]);
  return {
    year,
    apiUrl: base,
    generatedAt: now.toISOString(),
    programme: checked(ProgrammeYearView, 'ProgrammeYearView', urls.programme, programme),
    coverage: checked(CoverageView, 'CoverageView', urls.coverage, coverage),
    wageSurvey: wageSurvey === null ? null : checked(PublishedWageSurveyView, 'PublishedWageSurveyView', urls.wageSurvey, wageSurvey),
  };
}
