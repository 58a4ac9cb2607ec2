/** The rating summary routes in the OpenAPI document (openapi.ts hands in the helpers). */
import type { OpenApiHelpers } from './openapi-helpers';
import { EnterpriseRatingSummaryView, RatingSummaryView, WorkerRatingSummaryView } from './ratings';

export function ratingSchemas(schema: OpenApiHelpers['schema']) {
  return {
    RatingSummary: schema(RatingSummaryView),
    EnterpriseRatingSummary: schema(EnterpriseRatingSummaryView),
    WorkerRatingSummary: schema(WorkerRatingSummaryView),
  };
}

export function ratingPaths({ ok, problem, common, pathId }: OpenApiHelpers) {
  return {
    '/v1/ratings/summary': {
      get: {
        operationId: 'getRatingSummary',
        summary: "The enterprise's own rating summary: count, average, stars 1–5 (enterprise)",
        responses: { '200': ok('The summary; count 0 and no average while nothing is rated.', 'EnterpriseRatingSummary'), ...common },
      },
    },
    '/v1/workers/{workerId}/ratings/summary': {
      get: {
        operationId: 'getWorkerRatingSummary',
        summary: "A worker's rating summary on the enterprise's own orders: count, average, stars 1–5 (enterprise)",
        parameters: [pathId('workerId', 'Worker id')],
        responses: {
          '200': ok('The summary; count 0 and no average while nothing is rated.', 'WorkerRatingSummary'),
          ...common,
          '404': problem('The enterprise never employed this worker.'),
        },
      },
    },
  };
}
