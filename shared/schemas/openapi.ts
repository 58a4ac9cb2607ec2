/**
 * Builds the OpenAPI 3.1 document from the same zod schemas the handlers validate with.
 * Hand-assembled paths around zod 4's own JSON Schema output: the OpenAPI generators for
 * zod need classic zod (its `.openapi()` extension), which would put classic zod back into
 * every function bundle (docs/architecture.md "Cold-start budget"). This file runs only at
 * build time (scripts/generate-openapi.ts) and in tests.
 */
import * as z from 'zod/mini';
import { EXAMPLE_ORDER } from './examples';
import { CreateOrderRequest, ListOrdersQuery, OrderStatusSchema, OrderView } from './order';
import { ORDER_COMMAND_BODIES, PARTNER_COMMANDS, PublicRatingRequest } from './order-commands';
import { ProblemSchema } from './problem';
import { AcceptedResponse, AttendanceResponse, EventView, OrderPage, RatingAcceptedResponse, RatingTokenResponse, TraceResponse } from './responses';
import { complaintPaths, complaintSchemas } from './openapi-complaints';
import { certificatePaths, certificateSchemas } from './openapi-certificates';
import { workerPaths, workerSchemas } from './openapi-workers';
import { webhookPaths, webhookSchemas } from './openapi-webhooks';
import { claimPaths, claimSchemas } from './openapi-claims';
import { policyPaths, policySchemas } from './openapi-policies';
import { ratingPaths, ratingSchemas } from './openapi-ratings';
import { creditGradePaths, creditGradeSchemas } from './openapi-credit-grades';
import { creditFactsPaths, creditFactsSchemas } from './openapi-credit-facts';
import { stationPaths, stationSchemas } from './openapi-stations';
import { programmePaths, programmeSchemas } from './openapi-programme';
import { wageSurveyPaths, wageSurveySchemas } from './openapi-wage-survey';
import { subsidyPaths, subsidySchemas } from './openapi-subsidies';
import { GATEWAY_MESSAGE_SCHEMA, withCommonStatuses } from './openapi-statuses';

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

/** 401 and 403 of an operation behind the key; withCommonStatuses (openapi-statuses.ts) writes them. */
const common = {};

const pathId = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
});

const COMMAND_SUMMARIES: Record<(typeof PARTNER_COMMANDS)[number], string> = {
  assign: 'Assign a worker employed by the enterprise (CREATED/ASSIGNED/RESCHEDULED → ASSIGNED)',
  confirm: 'Confirm the assigned service (ASSIGNED/RESCHEDULED → CONFIRMED)',
  reschedule: 'Move the schedule before service starts (→ RESCHEDULED; confirm again)',
  'check-in': "Worker checked in at the client's door (CONFIRMED → IN_SERVICE); evidence for insurers",
  attendance: 'Record one attendance day of a live-in placement (IN_SERVICE, one per date)',
  'check-out': 'Worker checked out (IN_SERVICE → COMPLETED)',
  cancel: 'Cancel before service starts, by whom and why (→ CANCELLED)',
  'no-show': 'Worker or household did not show up (CONFIRMED → NO_SHOW)',
  dispute: 'Open a dispute (IN_SERVICE/COMPLETED/RATED/NO_SHOW → DISPUTED)',
  resolve: 'Resolve a dispute (DISPUTED → RESOLVED)',
  close: 'Close the order (COMPLETED/RATED/RESOLVED/NO_SHOW → CLOSED)',
};

const idempotencyKeyHeader = {
  name: 'Idempotency-Key',
  in: 'header',
  required: true,
  description:
    'Unique per command attempt (8–128 printable ASCII). Retrying with the same key returns the same answer; the same key with a different command or body is refused with 422.',
  schema: { type: 'string', minLength: 8, maxLength: 128 },
};

const accepted = {
  ...ok('Accepted; applied asynchronously — GET the event in Location to see "applied" or "rejected" with a reason.', 'Accepted'),
  headers: { Location: { description: 'The event to poll', schema: { type: 'string' } } },
};

function commandPaths() {
  return Object.fromEntries(
    PARTNER_COMMANDS.map((command) => [
      `/v1/orders/{orderId}/${command}`,
      {
        post: {
          operationId: `order${command.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase())}`,
          summary: `${COMMAND_SUMMARIES[command]} (enterprise)`,
          parameters: [pathId('orderId', 'Order id'), idempotencyKeyHeader],
          requestBody: { required: true, content: { 'application/json': { schema: schema(ORDER_COMMAND_BODIES[command]) } } },
          responses: {
            '202': accepted,
            '400': problem('Missing Idempotency-Key or malformed JSON.'),
            ...common,
            '404': problem('No such order for this tenant.'),
            '422': problem('Invalid fields, or Idempotency-Key reused.'),
          },
        },
      },
    ]),
  );
}

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
    paths: withCommonStatuses({
      '/v1/orders': {
        post: {
          operationId: 'createOrder',
          summary: 'Post a service order (enterprise)',
          parameters: [idempotencyKeyHeader],
          requestBody: { required: true, content: { 'application/json': { schema: ref('CreateOrderRequest'), example: EXAMPLE_ORDER } } },
          responses: {
            '202': accepted,
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
      ...commandPaths(),
      '/v1/orders/{orderId}/attendance': {
        ...commandPaths()['/v1/orders/{orderId}/attendance'],
        get: {
          operationId: 'getOrderAttendance',
          summary: "A live-in placement's attendance days (enterprise)",
          parameters: [pathId('orderId', 'Order id')],
          responses: { '200': ok('Attendance days in date order.', 'Attendance'), ...common, '404': problem('No such order for this tenant.') },
        },
      },
      '/v1/orders/{orderId}/rating-token': {
        post: {
          operationId: 'issueRatingToken',
          summary: 'A one-time rating link for a COMPLETED order, shown once; hand it to the household (enterprise)',
          parameters: [pathId('orderId', 'Order id')],
          responses: {
            '201': ok('The link: the token (shown once), when it expires and where the household submits it.', 'RatingToken'),
            ...common,
            '404': problem('No such order for this tenant.'),
            '409': problem('The order is not COMPLETED.'),
          },
        },
      },
      '/v1/public/ratings': {
        post: {
          operationId: 'submitRating',
          summary: 'A household rates a completed service with its one-time token (no API key)',
          security: [],
          requestBody: { required: true, content: { 'application/json': { schema: ref('RatingRequest') } } },
          responses: {
            '202': ok('Accepted; the orders consumer applies the rating to the order.', 'RatingAccepted'),
            '401': problem('The token is forged, unknown or expired (indistinguishable on purpose).'),
            '409': problem('The token was used already, or the order is rated already.'),
            '422': problem('Invalid fields.'),
          },
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
          parameters: [
            pathId('eventId', 'Event id from a 202 answer'),
            { name: 'tenantId', in: 'query', required: false, description: 'Admin only: the tenant an admin acted for (e.g. resolving a complaint).', schema: { type: 'string' } },
          ],
          responses: { '200': ok('The event.', 'Event'), ...common, '404': problem('No such event for this tenant.') },
        },
      },
      ...complaintPaths({ schema, ref, ok, problem, common, pathId, idempotencyKeyHeader }),
      ...certificatePaths({ schema, ref, ok, problem, common, pathId, idempotencyKeyHeader }),
      ...workerPaths({ schema, ref, ok, problem, common, pathId, idempotencyKeyHeader }),
      ...webhookPaths({ schema, ref, ok, problem, common, pathId, idempotencyKeyHeader }),
      ...claimPaths({ schema, ref, ok, problem, common, pathId, idempotencyKeyHeader }),
      ...policyPaths({ schema, ref, ok, problem, common, pathId, idempotencyKeyHeader }),
      ...ratingPaths({ schema, ref, ok, problem, common, pathId, idempotencyKeyHeader }),
      ...creditGradePaths({ schema, ref, ok, problem, common, pathId, idempotencyKeyHeader }),
      ...creditFactsPaths({ schema, ref, ok, problem, common, pathId, idempotencyKeyHeader }),
      ...stationPaths({ schema, ref, ok, problem, common, pathId, idempotencyKeyHeader }),
      ...wageSurveyPaths({ schema, ref, ok, problem, common, pathId, idempotencyKeyHeader }),
      ...programmePaths({ schema, ref, ok, problem, common, pathId, idempotencyKeyHeader }),
      ...subsidyPaths({ schema, ref, ok, problem, common, pathId, idempotencyKeyHeader }),
    }),
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
        GatewayMessage: GATEWAY_MESSAGE_SCHEMA,
        RatingRequest: schema(PublicRatingRequest),
        RatingToken: schema(RatingTokenResponse),
        RatingAccepted: schema(RatingAcceptedResponse),
        Attendance: schema(AttendanceResponse),
        ...complaintSchemas(schema),
        ...certificateSchemas(schema),
        ...workerSchemas(schema),
        ...webhookSchemas(schema),
        ...claimSchemas(schema),
        ...policySchemas(schema),
        ...ratingSchemas(schema),
        ...creditGradeSchemas(schema),
        ...creditFactsSchemas(schema),
        ...stationSchemas(schema),
        ...wageSurveySchemas(schema),
        ...programmeSchemas(schema),
        ...subsidySchemas(schema),
      },
    },
  };
}

export const renderOpenApi = () => `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`;
