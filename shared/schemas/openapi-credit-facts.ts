/** GET /v1/credit/facts in the OpenAPI document (openapi.ts hands in the helpers). */
import { type OpenApiHelpers, queryParameters } from './openapi-helpers';
import { CreditFactsQuery, CreditFactsView, EnterpriseMonthFactsView } from './credit-facts';

export function creditFactsSchemas(schema: OpenApiHelpers['schema']) {
  return {
    EnterpriseMonthFacts: schema(EnterpriseMonthFactsView),
    CreditFacts: schema(CreditFactsView),
  };
}

export function creditFactsPaths({ schema, ok, problem, common }: OpenApiHelpers) {
  return {
    '/v1/credit/facts': {
      get: {
        operationId: 'getCreditFacts',
        summary: "The enterprise's own monthly credit counters, kept from its order events (enterprise; admin with tenantId)",
        parameters: queryParameters(schema(CreditFactsQuery)).map((p) => (p.name === 'tenantId' ? p : { ...p, required: true })),
        responses: {
          '200': ok('Every month from `from` to `to`, oldest first; a month without events has all counters 0.', 'CreditFacts'),
          '400': problem('Invalid query: a month not YYYY-MM, `to` before `from`, more than 24 months, an unknown parameter, or no tenantId from an admin.'),
          ...common,
        },
      },
    },
  };
}
