/** The programme's figures in the OpenAPI document (openapi.ts hands in the helpers). */
import { queryParameters, type OpenApiHelpers } from './openapi-helpers';
import { ProgrammeQuery, ProgrammeYearView } from './programme';

export function programmeSchemas(schema: OpenApiHelpers['schema']) {
  return { ProgrammeYear: schema(ProgrammeYearView) };
}

export function programmePaths({ schema, ok, problem, common }: OpenApiHelpers) {
  return {
    '/v1/admin/programme': {
      get: {
        operationId: 'getProgrammeFigures',
        summary: "The programme's figures of a year by month: enterprises, registered workers, orders, services delivered, training person-times, certified workers, credit grades (admin)",
        parameters: queryParameters(schema(ProgrammeQuery)).map((p) => ({ ...p, required: true })),
        responses: {
          '200': ok('Counts only, January to December (the current year: up to this month). Standing figures (`enterprises`, `workers`, `certifiedWorkers`) are at each month\'s end.', 'ProgrammeYear'),
          ...common,
          '400': problem('Invalid query (a year 20YY is required).'),
        },
      },
    },
  };
}
