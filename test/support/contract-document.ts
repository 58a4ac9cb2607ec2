/**
 * docs/openapi.json as committed, read as the list of operations a client sees (method, path
 * template, parameters, request body, responses, whether an API key is needed), and held
 * against the routes the app deploys (ROUTES and PROGRAMME_ROUTES, which the synthesized
 * template's routes are checked to equal in test/infra/app.test.ts).
 *
 * `documentationGaps` is the rule that makes "a route without its responses documented" fail
 * the suite before any request is made: every route must be an operation, and every
 * operation must document the statuses its kind of route can always return.
 */
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import type { Document } from './openapi-conformance';

export type JsonSchema = Record<string, unknown>;

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: JsonSchema;
}

export interface ContractOperation {
  /** `GET /v1/orders/{orderId}`: the route key, as the route table and API Gateway write it. */
  key: string;
  method: string;
  path: string;
  parameters: Parameter[];
  /** The JSON request body's schema ($refs resolved at the top), when the operation takes one. */
  body?: { schema: JsonSchema; required: boolean };
  responses: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
  /** No API key (`security: []`): the gateway lets every request through to the handler. */
  public: boolean;
}

export interface ContractDocument extends Document {
  components: { schemas: Record<string, JsonSchema> };
}

let loaded: ContractDocument | undefined;

export function contractDocument(): ContractDocument {
  loaded ??= JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8')) as ContractDocument;
  return loaded;
}

/** Follows `#/components/schemas/X` references (recursively where asked by the caller). */
export function resolve(schema: JsonSchema, doc: ContractDocument = contractDocument()): JsonSchema {
  let current = schema;
  for (let hops = 0; typeof current.$ref === 'string'; hops++) {
    if (hops > 20) throw new Error(`reference loop at ${String(schema.$ref)}`);
    const name = (current.$ref as string).replace('#/components/schemas/', '');
    const target = doc.components.schemas[name];
    if (!target) throw new Error(`unresolved reference ${String(current.$ref)}`);
    current = target;
  }
  return current;
}

export function contractOperations(doc: ContractDocument = contractDocument()): ContractOperation[] {
  const operations: ContractOperation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(methods)) {
      const op = raw as unknown as {
        parameters?: Parameter[];
        requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> };
        responses: ContractOperation['responses'];
        security?: unknown[];
      };
      const bodySchema = op.requestBody?.content['application/json']?.schema;
      operations.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        parameters: (op.parameters ?? []).map((p) => ({ ...p, required: Boolean(p.required), schema: resolve(p.schema ?? {}, doc) })),
        ...(bodySchema ? { body: { schema: resolve(bodySchema, doc), required: Boolean(op.requestBody?.required) } } : {}),
        responses: op.responses,
        public: Array.isArray(op.security) && op.security.length === 0,
      });
    }
  }
  return operations;
}

/**
 * The route keys the CDK app deploys (the template's routes are these, test/infra/app.test.ts),
 * from ROUTES and PROGRAMME_ROUTES as the integration project's global setup read them (deployed-shape.ts).
 */
export async function deployedRoutes(): Promise<{ key: string; public: boolean; entry: string }[]> {
  return inject('deployedRoutes').map((r) => ({ key: `${r.method} ${r.path}`, public: r.public, entry: r.entry }));
}

const GATEWAY = 'application/json';
const PROBLEM = 'application/problem+json';

/**
 * What the document leaves out, as readable lines (empty when complete):
 * - a deployed route that is no operation, or an operation no route serves;
 * - an operation behind the API key without the gateway's own 401 and 403 (`{message}`,
 *   application/json), or whose public/keyed status disagrees with the route table;
 * - an operation with a JSON body without 400 (not JSON), 413 (over 16 KiB), 415 (not JSON
 *   by its content type) and 422 (invalid fields) as problem documents;
 * - any 4xx or 5xx that is not a problem document (the gateway's 401/403 aside, and a page
 *   for people — text/html only — answering its errors as a page).
 */
export function documentationGaps(operations: ContractOperation[], routes: { key: string; public: boolean }[]): string[] {
  const gaps: string[] = [];
  const byKey = new Map(operations.map((o) => [o.key, o]));
  for (const route of routes) {
    const op = byKey.get(route.key);
    if (!op) gaps.push(`${route.key}: deployed, not in docs/openapi.json`);
    else if (op.public !== route.public) gaps.push(`${route.key}: ${route.public ? 'public' : 'behind the API key'} in the route table, not in the document`);
  }
  const deployed = new Set(routes.map((r) => r.key));
  for (const op of operations) {
    if (!deployed.has(op.key)) gaps.push(`${op.key}: documented, no route serves it`);
    const has = (status: number, media: string) => Boolean(op.responses[String(status)]?.content?.[media]);
    const need = (status: number, media: string, why: string) => {
      if (!has(status, media)) gaps.push(`${op.key}: ${status} ${media} not documented (${why})`);
    };
    if (!op.public) {
      need(401, GATEWAY, 'the gateway, no API key');
      need(403, GATEWAY, 'the gateway, a key it refuses');
    }
    if (op.body) {
      need(400, PROBLEM, 'a body that is not JSON');
      need(413, PROBLEM, 'a body over 16 KiB');
      need(415, PROBLEM, 'a body that is not application/json');
      need(422, PROBLEM, 'invalid fields');
    }
    for (const [status, response] of Object.entries(op.responses)) {
      if (Number(status) < 400) continue;
      const media = Object.keys(response.content ?? {});
      const gateway = (status === '401' || status === '403') && !op.public;
      // The QR code's page is opened by people on a phone: it answers its errors as a page.
      const page = media.length === 1 && media[0] === 'text/html';
      if (!media.includes(PROBLEM) && !(gateway && media.includes(GATEWAY)) && !page) gaps.push(`${op.key}: ${status} is not documented as ${PROBLEM}`);
    }
  }
  return gaps;
}
