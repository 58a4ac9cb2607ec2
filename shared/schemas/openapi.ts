/**
 * Builds the OpenAPI 3.1 document from the same zod schemas the handlers validate with.
 * Hand-assembled paths around zod 4's own JSON Schema output: the OpenAPI generators for
 * zod need classic zod (its `.openapi()` extension), which would put classic zod back
 * into every function bundle (DESIGN.md "Cold start budget"). This file runs only at
 * build time (scripts/generate-openapi.ts) and in tests.
 */
import * as z from 'zod/mini';
import { CreateOrderRequest, ListOrdersQuery, OrderStatusSchema, OrderView } from './order';
import { ProblemSchema } from './problem';
import { AcceptedResponse, EventView, OrderPage, TraceResponse } from './responses';

const schema = (s: z.ZodMiniType) => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(s, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
  return rest;
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
});
const ok = (description: string, name: string) => ({
  description,
  content: { 'application/json': { schema: ref(name) } },
});

const common = {
  '401': problem('No API key was sent (answered by API Gateway with {"message":"Unauthorized"}).'),
  '403': problem('The key is not valid, or its role may not do this.'),
};

const pathId = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
});

export function buildOpenApiDocument() {
  const listQuery = schema(ListOrdersQuery) as { properties: Record<string, object> };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Anxin API',
      version: '1.0.0',
      description:
        'Partner API of the Anxin domestic-services platform. Commands are accepted with 202 and applied asynchronously; follow the `Location` header (GET /v1/events/{eventId}) to see the outcome.',
    },
    servers: [{ url: 'http://localhost:3000', description: 'local platform (npm start)' }],
    security: [{ apiKey: [] }],
    paths: {
      '/v1/orders': {
        post: {
          operationId: 'createOrder',
          summary: 'Post a service order (enterprise)',
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: true,
              description:
                'Unique per order attempt (8–128 printable ASCII). Retrying with the same key returns the same answer; the same key with a different body is refused with 422.',
              schema: { type: 'string', minLength: 8, maxLength: 128 },
            },
          ],
          requestBody: { required: true, content: { 'application/json': { schema: ref('CreateOrderRequest') } } },
          responses: {
            '202': {
              ...ok('Accepted; applied asynchronously.', 'Accepted'),
              headers: { Location: { description: 'The event to poll', schema: { type: 'string' } } },
            },
            '400': problem('Missing Idempotency-Key or malformed JSON.'),
            ...common,
            '413': problem('Body larger than 16 KiB.'),
            '415': problem('Body is not application/json.'),
            '422': problem('Invalid fields, or Idempotency-Key reused with another body.'),
          },
        },
        get: {
          operationId: 'listOrders',
          summary: "List the caller's orders, newest first (enterprise)",
          parameters: Object.entries(listQuery.properties).map(([name, s]) => ({ name, in: 'query', required: false, schema: s })),
          responses: { '200': ok('A page of orders.', 'OrderPage'), '400': problem('Invalid query parameters.'), ...common },
        },
      },
      '/v1/orders/{orderId}': {
        get: {
          operationId: 'getOrder',
          summary: 'Get one order (enterprise)',
          parameters: [pathId('orderId', 'Order id, e.g. ord_01J…')],
          responses: { '200': ok('The order.', 'Order'), ...common, '404': problem('No such order for this tenant.') },
        },
      },
      '/v1/orders/{orderId}/trace': {
        get: {
          operationId: 'getOrderTrace',
          summary: "An order's hash-chained trace and its verification (enterprise)",
          parameters: [pathId('orderId', 'Order id')],
          responses: { '200': ok('The trace.', 'Trace'), ...common, '404': problem('No such order for this tenant.') },
        },
      },
      '/v1/events/{eventId}': {
        get: {
          operationId: 'getEvent',
          summary: 'What became of an accepted command',
          parameters: [pathId('eventId', 'Event id from a 202 answer')],
          responses: { '200': ok('The event.', 'Event'), ...common, '404': problem('No such event for this tenant.') },
        },
      },
    },
    components: {
      securitySchemes: {
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'An Anxin API key (`ak_key_….…`) issued with `npx anxin key create`.',
        },
      },
      schemas: {
        CreateOrderRequest: schema(CreateOrderRequest),
        Order: schema(OrderView),
        OrderStatus: schema(OrderStatusSchema),
        OrderPage: schema(OrderPage),
        Accepted: schema(AcceptedResponse),
        Event: schema(EventView),
        Trace: schema(TraceResponse),
        Problem: schema(ProblemSchema),
      },
    },
  };
}

export const renderOpenApi = () => `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`;
