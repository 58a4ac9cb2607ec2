/**
 * AWS JSON 1.0/1.1, as SQS (`AmazonSQS`), KMS (`TrentService`) and EventBridge
 * (`AWSEvents`) speak it: `POST /` with `X-Amz-Target: <Service>.<Action>` and a JSON
 * object body (an empty body is `{}`); the answer is JSON of the same content type, and an
 * error is `{"__type", "message"}` with its status. What differs per service — the error
 * for an unknown target, `__type` names, extra error headers — comes in the spec.
 */
import { failureLine, type AwsEndpointError } from './errors';
import type { EndpointRequest, WireResponse } from './http-server';

export type JsonInput = Record<string, unknown>;

export interface JsonProtocolSpec<E extends AwsEndpointError> {
  /** The X-Amz-Target prefix before the dot. */
  service: string;
  version: '1.0' | '1.1';
  /** `target` is undefined when the header is missing. */
  unknownOperation(target: string | undefined): E;
  serializationError(message: string): E;
  /**
   * Headers an error carries besides the body: SQS's `x-amzn-query-error` (its clients take
   * the legacy code from there), EventBridge's `x-amzn-errortype`.
   */
  errorHeaders?(error: E): Record<string, string>;
}

export interface JsonProtocol<E extends AwsEndpointError> {
  parseRequest(target: string | undefined, body: Buffer): { action: string; input: JsonInput };
  response(output: unknown, requestId: string): WireResponse;
  error(error: E, requestId: string): WireResponse;
}

// AWS's wording for any body that is not one JSON object.
const NOT_A_STRUCTURE = 'Start of structure or map found where not expected.';

export function jsonProtocol<E extends AwsEndpointError>(spec: JsonProtocolSpec<E>): JsonProtocol<E> {
  const contentType = `application/x-amz-json-${spec.version}`;
  const prefix = `${spec.service}.`;
  return {
    parseRequest(target, body) {
      if (!target?.startsWith(prefix)) throw spec.unknownOperation(target);
      const action = target.slice(prefix.length);
      const text = body.toString('utf8').trim();
      if (text === '') return { action, input: {} };
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw spec.serializationError(NOT_A_STRUCTURE);
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw spec.serializationError(NOT_A_STRUCTURE);
      return { action, input: parsed as JsonInput };
    },
    response(output, requestId) {
      return { status: 200, headers: { 'content-type': contentType, 'x-amzn-requestid': requestId }, body: JSON.stringify(output) };
    },
    error(error, requestId) {
      return {
        status: error.status,
        headers: { 'content-type': contentType, 'x-amzn-requestid': requestId, ...spec.errorHeaders?.(error) },
        body: JSON.stringify({ __type: error.jsonType, message: error.message }),
      };
    },
  };
}

export interface JsonService<E extends AwsEndpointError> {
  dispatch(action: string, input: JsonInput): unknown;
  /** The service's error for anything thrown (unknown ones are its internal error). */
  toError(err: unknown): E;
  log(line: string): void;
  /** Start of a failure's log line, e.g. `kms: `. */
  logPrefix: string;
  /** Throws the service's AccessDeniedException when the template's IAM refuses the call (local/iam). */
  authorize?(action: string, input: JsonInput, request: EndpointRequest): void;
}

/**
 * One request of an endpoint that speaks nothing but JSON (KMS, EventBridge): read, parse,
 * dispatch, answer. SQS serves two protocols and does this itself.
 */
export async function serveJson<E extends AwsEndpointError>(
  protocol: JsonProtocol<E>,
  request: EndpointRequest,
  service: JsonService<E>,
): Promise<WireResponse> {
  let action = '';
  try {
    const body = await request.body();
    const target = request.req.headers['x-amz-target'];
    const parsed = protocol.parseRequest(typeof target === 'string' ? target : undefined, body);
    action = parsed.action;
    service.authorize?.(action, parsed.input, request);
    return protocol.response(await service.dispatch(action, parsed.input), request.requestId);
  } catch (err) {
    const e = service.toError(err);
    if (e.status >= 500) service.log(failureLine(service.logPrefix, action, err));
    return protocol.error(e, request.requestId);
  }
}
