/**
 * The contract fuzz's requests and its verdict on each answer, per operation of
 * docs/openapi.json (contract-fuzz.test.ts):
 *
 * - `fuzzRequest(op, world)` generates a request from the operation's own schema — the
 *   caller (mostly a role that may use it, sometimes another), path parameters (tenant A's
 *   real ids, schema-valid ones, or hostile text with `/`, `%2F`, lone surrogates, 20 000
 *   characters), query parameters (valid, hostile, unknown ones, made-up cursors and cursors
 *   the API issued to another query), headers (odd or missing content types and
 *   Idempotency-Keys) and a body (valid, valid with one thing broken, JSON of the wrong shape,
 *   not JSON, over 16 KiB, nested thousands deep).
 * - `contractViolation(op, reply)` says what is wrong with the answer: a 5xx; a 4xx that is
 *   not a problem document with type, title and the same status (a page for people whose
 *   document gives its errors as text/html aside); anything that does not validate against
 *   what docs/openapi.json gives for that status and media type.
 */
import fc from 'fast-check';
import type { Caller } from '../../shared/auth/roles';
import { brokenBody, contentType, forgedCursor, hostileJson, hostileRawBody, hostileString, idempotencyKey, validValue } from './contract-arbitraries';
import { contractDocument, type ContractOperation, type Parameter } from './contract-document';
import { operationResponseViolation } from './openapi-conformance';
import type { CallOptions, Reply } from './route-caller';

export interface FuzzWorld {
  /** Tenant A's objects by path parameter name (tenant-objects.ts). */
  ids: Record<string, string>;
  /** Callers the operation lets in (found by probing), and every caller there is. */
  allowed: Caller[];
  everyone: Caller[];
  /** Cursors the API has issued so far, to be replayed on other queries. */
  cursors: string[];
  /** Tenant A's enterprise, for `tenantId` parameters. */
  tenantId: string;
}

export interface FuzzRequest {
  caller: Caller | undefined;
  options: CallOptions;
  /** Index into the issued cursors at send time (the pool grows while the fuzz runs). */
  cursorPick?: { name: string; index: number };
}

function paramValue(p: Parameter, world: FuzzWorld): fc.Arbitrary<string> {
  const valid = validValue(p.schema).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  const known = world.ids[p.name] ?? (p.name === 'tenantId' ? world.tenantId : undefined);
  return fc.oneof(
    ...(known ? [{ weight: 4, arbitrary: fc.constant(known) }] : []),
    { weight: 2, arbitrary: valid },
    { weight: 2, arbitrary: hostileString },
    ...(known ? [{ weight: 1, arbitrary: fc.constantFrom(`${known}/trace`, encodeURIComponent(`${known}/x`), `${known}\u0000`, known.toLowerCase(), ` ${known}`) }] : []),
  );
}

const queryValue = (p: Parameter, world: FuzzWorld): fc.Arbitrary<string | { cursor: number }> =>
  p.name === 'cursor' ? fc.oneof(forgedCursor, fc.nat().map((n) => ({ cursor: n }))) : paramValue(p, world);

export function fuzzRequest(op: ContractOperation, world: FuzzWorld): fc.Arbitrary<FuzzRequest> {
  const path = op.parameters.filter((p) => p.in === 'path');
  const query = op.parameters.filter((p) => p.in === 'query');
  const wantsKey = op.parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key');
  const caller: fc.Arbitrary<Caller | undefined> = op.public
    ? fc.constant(undefined)
    : fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...(world.allowed.length > 0 ? world.allowed : world.everyone)) }, { weight: 1, arbitrary: fc.constantFrom(...world.everyone) });
  const params = fc.record(Object.fromEntries(path.map((p) => [p.name, paramValue(p, world)])));
  const queryArb = fc.record(
    Object.fromEntries(query.map((p) => [p.name, p.required ? fc.oneof({ weight: 4, arbitrary: queryValue(p, world) }, { weight: 1, arbitrary: fc.constant(undefined) }) : fc.option(queryValue(p, world), { nil: undefined, freq: 2 })])),
  );
  const strayQuery = fc.option(fc.tuple(fc.oneof(fc.constantFrom('tenantId', 'limit', 'x', '__proto__', 'cursor'), hostileString), hostileString), { nil: undefined, freq: 6 });
  const validBody = op.body ? validValue(op.body.schema).map((v) => withIds(v, world)) : fc.constant(undefined);
  const body: fc.Arbitrary<string | undefined> = op.body
    ? fc.oneof(
        { weight: 4, arbitrary: validBody.map((v) => JSON.stringify(v)) },
        { weight: 4, arbitrary: brokenBody(op.body.schema).map((v) => JSON.stringify(v) ?? 'null') },
        { weight: 1, arbitrary: hostileJson.map((v) => JSON.stringify(v) ?? 'null') },
        { weight: 2, arbitrary: hostileRawBody },
        ...(op.body.required ? [] : [{ weight: 1, arbitrary: fc.constant(undefined) }]),
      )
    : fc.option(hostileRawBody, { nil: undefined, freq: 8 });
  return fc.record({ caller, params, query: queryArb, strayQuery, body, contentType, key: wantsKey ? idempotencyKey : fc.constant(undefined) }).map((r) => {
    let cursorPick: FuzzRequest['cursorPick'];
    const q: Record<string, string> = {};
    for (const [name, value] of Object.entries(r.query)) {
      if (value === undefined) continue;
      if (typeof value === 'object') cursorPick = { name, index: value.cursor };
      else q[name] = value;
    }
    if (r.strayQuery) q[r.strayQuery[0]] = r.strayQuery[1];
    const headers: Record<string, string | undefined> = { 'content-type': r.body === undefined ? undefined : r.contentType };
    if (wantsKey) headers['idempotency-key'] = r.key;
    return {
      caller: r.caller,
      options: { params: r.params, query: q, headers, idempotencyKey: null, ...(r.body === undefined ? {} : { body: r.body }) },
      ...(cursorPick ? { cursorPick } : {}),
    };
  });
}

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
/**
 * Requests whose schema-valid sample a handler refuses on the request alone (a rule across
 * fields, a plausible range), before it looks anything up: a valid one instead, so a
 * plausible request reaches the object (the BOLA matrix tests the owner check, not the
 * request's validation; the fuzz's probe finds which roles may call).
 */
const VALID_REQUESTS: Record<string, { body?: unknown; query?: Record<string, string> }> = {
  'POST /v1/workers/{workerId}/checks/health': { body: { examDate: inDays(-10), passed: true, validUntil: inDays(300) } },
  'POST /v1/claims/{claimId}/decision': { body: { outcome: 'rejected', amountApprovedFen: 0, reason: '不在保障范围' } },
  'PUT /v1/wage-reports/{reportId}': { body: { version: 1, post: 'nanny', experienceBand: '1-to-3', payType: 'monthly', amountFen: 700_000 } },
  'GET /v1/stations/{stationId}/figures': { query: { from: inDays(0).slice(0, 7), to: inDays(0).slice(0, 7) } },
};

let plausibleKeys = 0;

/**
 * A request a well-behaved client would send (the same one every time): tenant A's ids in
 * the path and wherever the body names an object, schema-valid fields and required query
 * parameters, a fresh Idempotency-Key.
 */
export function plausibleRequest(op: ContractOperation, world: Pick<FuzzWorld, 'ids' | 'tenantId'>, query: Record<string, string> = {}): CallOptions {
  const sample = <T>(arbitrary: fc.Arbitrary<T>): T => fc.sample(arbitrary, { numRuns: 1, seed: 7 })[0]!;
  const valid = VALID_REQUESTS[op.key];
  const params = Object.fromEntries(op.parameters.filter((p) => p.in === 'path').map((p) => [p.name, world.ids[p.name] ?? `no-fixture-for-${p.name}`]));
  const required = Object.fromEntries(op.parameters.filter((p) => p.in === 'query' && p.required).map((p) => [p.name, String(sample(validValue(p.schema)))]));
  let body = valid?.body;
  if (body === undefined && op.body) {
    body = withIds(sample(validValue(op.body.schema)), world as FuzzWorld);
    if (body && typeof body === 'object' && 'tenantId' in body) (body as Record<string, unknown>).tenantId = world.tenantId;
  }
  const wantsKey = op.parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key');
  return {
    params,
    query: { ...required, ...valid?.query, ...query },
    ...(body === undefined ? {} : { body }),
    ...(wantsKey ? { headers: { 'idempotency-key': `plausible-${process.pid}-${++plausibleKeys}` } } : {}),
  };
}

/** Names tenant A's objects where a body names an object of that kind (so the request reaches real objects). */
function withIds(value: unknown, world: FuzzWorld): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const out = { ...(value as Record<string, unknown>) };
  for (const key of Object.keys(out)) if (world.ids[key]) out[key] = world.ids[key];
  return out;
}

/** The request as it will be sent: a replayed cursor resolved from the pool as it is now. */
export function resolveCursor(request: FuzzRequest, world: FuzzWorld): CallOptions {
  if (!request.cursorPick || world.cursors.length === 0) return request.options;
  const cursor = world.cursors[request.cursorPick.index % world.cursors.length]!;
  return { ...request.options, query: { ...request.options.query, [request.cursorPick.name]: cursor } };
}

/** What is wrong with an answer by the contract; undefined when nothing is. */
export function contractViolation(op: ContractOperation, reply: Reply): string | undefined {
  if (reply.status >= 500) return `${op.key} → ${reply.status} ${reply.rawBody?.slice(0, 2000)}`;
  const media = (reply.headers['content-type'] ?? '').split(';')[0]!.trim();
  // A page for people (the QR code's page opened on a phone) answers its errors as a page, where the document says so.
  const page = media === 'text/html' && Boolean(op.responses[String(reply.status)]?.content?.['text/html']);
  if (reply.status >= 400 && !page) {
    if (media !== 'application/problem+json') return `${op.key} → ${reply.status} as ${media || '(no content type)'}, not application/problem+json`;
    const body = reply.body as { type?: unknown; title?: unknown; status?: unknown } | undefined;
    if (typeof body?.type !== 'string' || typeof body.title !== 'string' || body.status !== reply.status) return `${op.key} → ${reply.status}: not a problem document with type, title and status: ${reply.rawBody?.slice(0, 300)}`;
  }
  return operationResponseViolation(contractDocument(), op.method, op.path, reply.status, reply.headers['content-type'] ?? null, reply.rawBody ?? '');
}

/** A request, shown short enough to read in a failure (long strings cut, lone surrogates visible). */
export function describeRequest(op: ContractOperation, request: FuzzRequest, options: CallOptions): string {
  const cut = (_k: string, v: unknown) => (typeof v === 'string' && v.length > 120 ? `${v.slice(0, 60)}…(${v.length} chars)…${v.slice(-20)}` : v);
  return `${op.key} as ${request.caller ? `${request.caller.role} ${request.caller.tenantId}` : 'anyone'} ${JSON.stringify(options, cut)}`;
}
