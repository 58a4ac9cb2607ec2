/**
 * Checks real responses against the OpenAPI document (shared/schemas/openapi.ts, the source
 * of docs/openapi.json): the operation is found by method and path template, the status
 * must be documented for it, and a body with a documented media type must validate against
 * that response's schema (ajv, JSON Schema 2020-12). The e2e suite's HTTP calls go through
 * `conformingFetch`, so a handler that drifts from the document fails the test that saw it.
 */
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { buildOpenApiDocument } from '../../shared/schemas/openapi';

type Json = Record<string, unknown>;
export interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: Json }> }>;
}
export interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: Json;
}

let doc: Document | undefined;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
// Each document (a test may check against docs/openapi.json as committed, the e2e suite
// against the generated one) is added to ajv once, under an id of its own; a response's
// schema is compiled from it by JSON pointer, so its `#/components/...` references resolve in
// the document itself. Compiling each schema with a copy of every component instead made ajv
// walk all of them again for every operation, status and media type checked (about twice the
// CPU over the document's ~960 response schemas). ajv keeps each compiled schema by its pointer.
const documentIds = new WeakMap<Document, string>();
let documentCount = 0;
function responseValidator(doc: Document, method: string, template: string, status: number, media: string): ValidateFunction {
  let id = documentIds.get(doc);
  if (!id) {
    id = `anxin-openapi-document-${++documentCount}`;
    ajv.addSchema({ ...doc, $id: id });
    documentIds.set(doc, id);
  }
  const pointer = ['paths', template, method.toLowerCase(), 'responses', String(status), 'content', media, 'schema']
    .map((segment) => encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1')))
    .join('/');
  const validate = ajv.getSchema(`${id}#/${pointer}`);
  if (!validate) throw new Error(`no schema at ${pointer} in the document`);
  return validate;
}
let templates: { template: string; pattern: RegExp; params: number }[] = [];

function document(): Document {
  if (doc) return doc;
  doc = buildOpenApiDocument() as unknown as Document;
  // The most literal template first: /v1/orders/{orderId}/attendance before anything with more parameters.
  templates = Object.keys(doc.paths)
    .map((template) => ({
      template,
      pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
      params: (template.match(/\{/g) ?? []).length,
    }))
    .sort((a, b) => a.params - b.params);
  return doc;
}

/** The path template a request path belongs to, if the document has one. */
export function pathTemplateOf(path: string): string | undefined {
  document();
  return templates.find((t) => t.pattern.test(path))?.template;
}

/** What is wrong with a response, by the document; undefined when it conforms (or the route is not the API's). */
export function responseViolation(method: string, url: string, status: number, contentType: string | null, body: string): string | undefined {
  const path = new URL(url, 'http://localhost').pathname;
  const template = pathTemplateOf(path);
  if (!template || !document().paths[template]![method.toLowerCase()]) return undefined;
  // API Gateway's own answers for a missing or unknown key, before any Anxin code runs (docs/problems.md).
  if ((status === 401 || status === 403) && /^\{"message":"(Unauthorized|Forbidden)"\}$/.test(body.trim())) return undefined;
  return operationResponseViolation(document(), method, template, status, contentType, body);
}

/**
 * What is wrong with a response of one operation (method and path template) by `doc` — the
 * generated document or docs/openapi.json as committed: the status must be documented, and
 * so must the content type, and the body must validate against that response's schema.
 */
export function operationResponseViolation(doc: Document, method: string, template: string, status: number, contentType: string | null, body: string): string | undefined {
  const operation = doc.paths[template]?.[method.toLowerCase()];
  const what = `${method.toUpperCase()} ${template} → ${status}`;
  if (!operation) return `${method.toUpperCase()} ${template}: no such operation in the document`;
  const response = operation.responses[String(status)];
  if (!response) return `${what}: status not documented (${Object.keys(operation.responses).join(', ')})`;
  if (status === 204 || !response.content) return undefined;
  const media = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const documented = response.content[media];
  if (!documented) return `${what}: content type ${media || '(none)'} not documented (${Object.keys(response.content).join(', ')})`;
  if (!documented.schema || media === 'text/html') return undefined;
  const validate = responseValidator(doc, method, template, status, media);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return `${what}: body is not JSON`;
  }
  if (validate(parsed)) return undefined;
  return `${what}: body does not match the documented schema: ${ajv.errorsText(validate.errors)} — body ${body.slice(0, 500)}`;
}

/** `fetch` for the platform's API: throws when the response drifts from the OpenAPI document. */
export async function conformingFetch(input: string | URL, init?: RequestInit): Promise<Response> {
  const response = await fetch(input, init);
  const body = await response.clone().text();
  const violation = responseViolation(init?.method ?? 'GET', String(input), response.status, response.headers.get('content-type'), body);
  if (violation) throw new Error(`response does not conform to the OpenAPI document: ${violation}`);
  return response;
}
