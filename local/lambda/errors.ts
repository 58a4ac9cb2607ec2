/**
 * Errors in the shape Lambda's Node.js runtime reports them: `errorType` is the error's
 * name, `stack` its stack split into lines; a thrown non-Error becomes
 * `{errorType: typeof value, errorMessage: String(value)}`.
 */
import { types } from 'node:util';
import type { LambdaError } from './types';

export function toLambdaError(err: unknown): LambdaError {
  // isNativeError also recognises errors from other realms (vm contexts), unlike instanceof.
  if (types.isNativeError(err) || err instanceof Error) {
    return {
      errorType: err.name,
      errorMessage: err.message,
      stack: typeof err.stack === 'string' ? err.stack.split('\n') : [],
    };
  }
  let message: string;
  try {
    message = String(err);
  } catch {
    message = Object.prototype.toString.call(err);
  }
  return { errorType: typeof err, errorMessage: message, stack: [] };
}

/** The lines a Lambda log shows for a failed invocation, stack first when there is one. */
export function describeError(error: LambdaError): string[] {
  if (error.stack && error.stack.length > 0) return error.stack;
  return [`${error.errorType}: ${error.errorMessage}`];
}
