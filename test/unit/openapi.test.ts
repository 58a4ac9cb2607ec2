import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument, renderOpenApi } from '../../shared/schemas/openapi';

describe('OpenAPI document', () => {
  it('docs/openapi.json matches the zod schemas (run `npm run openapi` after changing them)', () => {
    const committed = readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8');
    expect(committed).toBe(renderOpenApi());
  });

  it('describes every route the API serves, with problem+json errors', () => {
    const doc = buildOpenApiDocument();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/events/{eventId}', '/v1/orders', '/v1/orders/{orderId}', '/v1/orders/{orderId}/trace', '/v1/orders/{orderId}/check-in', '/v1/public/ratings']));
    expect(doc.paths['/v1/orders'].post.responses['422'].content).toHaveProperty('application/problem+json');
    expect(doc.components.schemas.CreateOrderRequest).toMatchObject({ additionalProperties: false });
  });
});

describe('OpenAPI document and the deployed routes', () => {
  it('documents every route the CDK app deploys (API and programme stacks), and nothing else', async () => {
    const { ROUTES } = await import('../../infra/stacks/api-stack');
    const { PROGRAMME_ROUTES } = await import('../../infra/stacks/programme-stack');
    const doc = buildOpenApiDocument() as unknown as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual([...ROUTES, ...PROGRAMME_ROUTES].map((r) => `${r.method} ${r.path}`).sort());
  });
});

describe('OpenAPI responses', () => {
  it('every documented response of every operation has a schema (204 has no body)', () => {
    const doc = buildOpenApiDocument() as unknown as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }>>;
    };
    const without = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).flatMap(([method, op]) =>
        Object.entries(op.responses)
          .filter(([status, r]) => status !== '204' && !Object.values(r.content ?? {}).some((c) => c.schema))
          .map(([status]) => `${method.toUpperCase()} ${path} ${status}`),
      ),
    );
    expect(without).toEqual([]);
  });
});
