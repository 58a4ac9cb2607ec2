/** The wage survey's routes in the OpenAPI document (openapi.ts hands in the helpers). */
import { queryParameters, type OpenApiHelpers } from './openapi-helpers';
import { PublicWageSurveyQuery, PublishedWageSurveyView, WageReportPage, WageReportRequest, WageReportsQuery, WageReportView } from './wage-survey';

export function wageSurveySchemas(schema: OpenApiHelpers['schema']) {
  return {
    WageReportRequest: schema(WageReportRequest),
    WageReport: schema(WageReportView),
    WageReportPage: schema(WageReportPage),
    PublishedWageSurvey: schema(PublishedWageSurveyView),
  };
}

export function wageSurveyPaths({ schema, ref, ok, problem, common, idempotencyKeyHeader }: OpenApiHelpers) {
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
