/**
 * Finds the local function a resolved reference points at. Templates refer to functions
 * by name (Ref), by ARN (GetAtt, possibly with a version or alias qualifier, possibly
 * imported from another stack), or inside API Gateway's invocation URI
 * (`arn:...:apigateway:<region>:lambda:path/2015-03-31/functions/<functionArn>/invocations`).
 */
import type { LocalFunction } from '../topology';

const INVOCATION_URI = /:apigateway:[^:]*:lambda:path\/[^/]+\/functions\/(.+)\/invocations$/;

export class FunctionIndex {
  constructor(private readonly functions: readonly LocalFunction[]) {}

  /** The function's logical id, or undefined when the reference is not to a local function. */
  find(reference: unknown): LocalFunction | undefined {
    if (typeof reference !== 'string' || !reference) return undefined;
    const invocation = INVOCATION_URI.exec(reference);
    const target = invocation ? invocation[1]! : reference;
    const name = functionNameOf(target);
    return (
      this.functions.find((f) => f.arn === target) ??
      this.functions.find((f) => f.functionName === name)
    );
  }
}

/** `arn:aws:lambda:r:a:function:name[:qualifier]`, `a:function:name`, or a bare name → name. */
function functionNameOf(reference: string): string {
  const marker = ':function:';
  const at = reference.indexOf(marker);
  if (at < 0) return reference;
  return reference.slice(at + marker.length).split(':')[0]!;
}
