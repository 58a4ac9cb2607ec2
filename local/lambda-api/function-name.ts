/**
 * Which function an Invoke means. Lambda accepts a FunctionName in three forms, each with
 * an optional `:qualifier` (or the `Qualifier` query parameter):
 *   anxin-dev-credit-grading
 *   000000000000:function:anxin-dev-credit-grading
 *   arn:aws:lambda:us-east-1:000000000000:function:anxin-dev-credit-grading
 * Only `$LATEST` exists locally (the platform publishes no versions or aliases), so any
 * other qualifier is a function that is not there — Lambda's 404 for a missing version.
 */
import type { LocalFunction } from '../topology';
import { LambdaApiError } from './errors';

export interface FunctionRef {
  name: string;
  /** From an ARN (full or partial); the endpoint's own otherwise. */
  partition?: string;
  region?: string;
  account?: string;
  qualifier?: string;
}

export interface EndpointScope {
  partition: string;
  region: string;
  accountId: string;
}

const NAME = /^[a-zA-Z0-9-_]{1,64}$/;
const QUALIFIER = /^(\$LATEST|[a-zA-Z0-9-_]{1,128})$/;

function invalid(value: string): LambdaApiError {
  return new LambdaApiError(
    'ValidationException',
    `1 validation error detected: Value '${value}' at 'functionName' failed to satisfy constraint: Member must be a function name, a partial ARN or an ARN, with an optional qualifier`,
  );
}

/** `raw` as it came in the path (already URL-decoded); `queryQualifier` the `Qualifier` parameter. */
export function parseFunctionName(raw: string, queryQualifier?: string): FunctionRef {
  const parts = raw.split(':');
  let ref: FunctionRef;
  let rest: string[];
  if (parts[0] === 'arn') {
    const [, partition, service, region, account, kind, name, ...tail] = parts;
    if (!partition || service !== 'lambda' || !region || !account || kind !== 'function' || !name) throw invalid(raw);
    ref = { name, partition, region, account };
    rest = tail;
  } else if (parts[1] === 'function') {
    const [account, , name, ...tail] = parts;
    if (!account || !name) throw invalid(raw);
    ref = { name, account };
    rest = tail;
  } else {
    const [name, ...tail] = parts;
    ref = { name: name ?? '' };
    rest = tail;
  }
  if (!NAME.test(ref.name) || rest.length > 1) throw invalid(raw);
  const fromName = rest[0];
  if (fromName !== undefined && !QUALIFIER.test(fromName)) throw invalid(raw);
  if (queryQualifier !== undefined && !QUALIFIER.test(queryQualifier)) {
    throw new LambdaApiError('ValidationException', `1 validation error detected: Value '${queryQualifier}' at 'qualifier' failed to satisfy constraint: Member must satisfy regular expression pattern: (|[a-zA-Z0-9$_-]+)`);
  }
  if (fromName !== undefined && queryQualifier !== undefined && fromName !== queryQualifier) {
    throw new LambdaApiError('InvalidParameterValueException', 'The derived qualifier from the function name does not match the specified qualifier.');
  }
  const qualifier = fromName ?? queryQualifier;
  return qualifier === undefined ? ref : { ...ref, qualifier };
}

/** The ARN Lambda names in its "Function not found" message. */
function requestedArn(ref: FunctionRef, scope: EndpointScope): string {
  const arn = `arn:${ref.partition ?? scope.partition}:lambda:${ref.region ?? scope.region}:${ref.account ?? scope.accountId}:function:${ref.name}`;
  return ref.qualifier === undefined ? arn : `${arn}:${ref.qualifier}`;
}

/** The function of the topology `ref` names, or Lambda's 404 when there is none. */
export function resolveFunction(functions: readonly LocalFunction[], ref: FunctionRef, scope: EndpointScope): LocalFunction {
  const unqualified = requestedArn({ ...ref, qualifier: undefined }, scope);
  // Name, account, region and partition must all match: another account's or Region's
  // function of the same name is a different function.
  const fn = functions.find((f) => f.functionName === ref.name && f.arn === unqualified);
  if (!fn || (ref.qualifier !== undefined && ref.qualifier !== '$LATEST')) {
    throw new LambdaApiError('ResourceNotFoundException', `Function not found: ${requestedArn(ref, scope)}`);
  }
  return fn;
}
