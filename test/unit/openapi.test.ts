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
    expect(Object.keys(doc.paths).sort()).toEqual(['/v1/events/{eventId}', '/v1/orders', '/v1/orders/{orderId}', '/v1/orders/{orderId}/trace']);
    expect(doc.paths['/v1/orders'].post.responses['422'].content).toHaveProperty('application/problem+json');
    expect(doc.components.schemas.CreateOrderRequest).toMatchObject({ additionalProperties: false });
  });
});
