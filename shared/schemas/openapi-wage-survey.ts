/** The wage survey's routes in the OpenAPI document (openapi.ts hands in the helpers). */
import { queryParameters, type OpenApiHelpers } from './openapi-helpers';
import { PublicWageSurveyQuery, PublishedWageSurveyView, WageReportCorrection, WageReportPage, WageReportRequest, WageReportsQuery, WageReportView } from './wage-survey';

export function wageSurveySchemas(schema: OpenApiHelpers['schema']) {
  return {
    WageReportRequest: schema(WageReportRequest),
    WageReportCorrection: schema(WageReportCorrection),
    WageReport: schema(WageReportView),
    WageReportPage: schema(WageReportPage),
    PublishedWageSurvey: schema(PublishedWageSurveyView),
  };
}

export function wageSurveyPaths({ schema, ref, ok, problem, common, pathId, idempotencyKeyHeader }: OpenApiHelpers) {
  const reportId = pathId('reportId', 'The report id its POST answered, e.g. wgr_01J…');
  const yearClosed = 'wage-survey-year-closed';
  return {
    '/v1/wage-reports': {
      post: {
        operationId: 'reportPay',
        summary: "Report one worker's pay for a survey year (工资价位), by worker id, once per worker and year (enterprise)",
        parameters: [idempotencyKeyHeader],
        requestBody: { required: true, content: { 'application/json': { schema: ref('WageReportRequest') } } },
        responses: {
          '201': ok('The report.', 'WageReport'),
          '200': ok('The same Idempotency-Key again: the report it made.', 'WageReport'),
          ...common,
          '404': problem('The enterprise did not employ this worker in that year (or there is no such worker).'),
          '409': problem("The worker's pay for that year was reported already (`wage-report-exists`): the first report stands."),
          '422': problem('Invalid fields: an amount outside the plausible range of its pay type, a year other than the current or the previous one; or the Idempotency-Key was used with another body.'),
        },
      },
      get: {
        operationId: 'listWageReports',
        summary: "The enterprise's own pay reports of a year, newest first (enterprise; admin with tenantId)",
        parameters: queryParameters(schema(WageReportsQuery)).map((p) => (p.name === 'year' ? { ...p, required: true } : p)),
        responses: { '200': ok('A page of reports; `nextCursor` when more follow.', 'WageReportPage'), ...common, '400': problem('Invalid query.') },
      },
    },
    '/v1/wage-reports/{reportId}': {
      put: {
        operationId: 'correctWageReport',
        summary: "Correct one of the enterprise's own pay reports — post, band, pay type, amount — at the version read; the survey's sample follows (enterprise)",
        parameters: [reportId],
        requestBody: { required: true, content: { 'application/json': { schema: ref('WageReportCorrection') } } },
        responses: {
          '200': ok('The corrected report (the same correction again, or one that changes nothing: the report as it is).', 'WageReport'),
          ...common,
          '400': problem('Malformed JSON.'),
          '404': problem('No such report of this enterprise (another enterprise’s report is not found alike).'),
          '409': problem(`The report is at another version (\`wage-report-changed\`), was withdrawn (\`wage-report-withdrawn\`), or is of a year before the previous one (\`${yearClosed}\`).`),
          '415': problem('Body is not application/json.'),
          '422': problem('Invalid fields: an amount outside the plausible range of its pay type.'),
          '503': problem('Other writes kept the report busy; safe to retry.'),
        },
      },
      delete: {
        operationId: 'withdrawWageReport',
        summary: "Withdraw one of the enterprise's own pay reports: it leaves the survey's samples, and the worker's pay for that year may be reported again (enterprise)",
        parameters: [reportId],
        responses: {
          '200': ok('The withdrawn report (`withdrawnAt`); withdrawing again answers it as it is.', 'WageReport'),
          ...common,
          '404': problem('No such report of this enterprise (another enterprise’s report is not found alike).'),
          '409': problem(`The report is of a year before the previous one (\`${yearClosed}\`).`),
          '503': problem('Other writes kept the report busy; safe to retry.'),
        },
      },
    },
    '/v1/admin/wage-survey/{year}/publish': {
      post: {
        operationId: 'publishWageSurvey',
        summary: "Compute and store a year's wage survey now, as the nightly job does, and answer the table the public reads (admin)",
        parameters: [pathId('year', 'The survey year, YYYY: the current or the previous one')],
        responses: {
          '200': ok('The table just computed and stored (`computedAt`).', 'PublishedWageSurvey'),
          ...common,
          '422': problem('A year other than the current or the previous one.'),
        },
      },
    },
    '/v1/public/wage-survey': {
      get: {
        operationId: 'getWageSurvey',
        summary: "A year's wage survey: P10 / P50 / P90 pay per post, experience band and pay type, and order prices per service type and mode (no API key)",
        security: [],
        parameters: queryParameters(schema(PublicWageSurveyQuery)).map((p) => ({ ...p, required: true })),
        responses: {
          '200': ok('The table the nightly job stored (`computedAt`); a cell with fewer than 30 values or 5 enterprises is "insufficient data".', 'PublishedWageSurvey'),
          '400': problem('Invalid query.'),
          '404': problem('The survey of that year has not been computed.'),
        },
      },
    },
  };
}
