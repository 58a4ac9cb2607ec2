/**
 * The one front in front of DynamoDB Local that the functions call: an HTTP proxy whose
 * guards may answer a call themselves (a refusal) before it is forwarded unchanged. The
 * IAM guard (iamGuard below) refuses what the calling function's role does not allow,
 * with DynamoDB's AccessDeniedException; other guards (chaos mode's throttling, say) can
 * be added to the same list rather than starting a proxy of their own. A refused call is
 * never forwarded, so it changes nothing — a TransactWriteItems is never half applied.
 */
import { randomUUID } from 'node:crypto';
import type { Enforcer } from '../iam';
import { startProxy, type ProxiedRequest, type ProxiedResponse, type RunningProxy } from '../metering/http-proxy';
import { accessesOf, operationOf } from './authorize';

/** Answers a call itself, or returns undefined to let the next guard (then DynamoDB Local) have it. */
export type DynamoDbGuard = (req: ProxiedRequest) => ProxiedResponse | undefined | Promise<ProxiedResponse | undefined>;

export async function startDynamoDbFront(opts: {
  target: string;
  host?: string;
  guards: DynamoDbGuard[];
  /** Applied to a call the guards let through, before it is forwarded (database-proxy.ts intoDatabase). */
  rewrite?: (req: ProxiedRequest) => void;
}): Promise<RunningProxy> {
  return startProxy({
    target: opts.target,
    host: opts.host,
    handle: async (req, forward) => {
      for (const guard of opts.guards) {
        const answer = await guard(req);
        if (answer) return answer;
      }
      opts.rewrite?.(req);
      return forward();
    },
  });
}

const ACCESS_DENIED = 'com.amazon.coral.service#AccessDeniedException';

/** The template's IAM for DynamoDB: every table and index a call touches must be allowed. */
export function iamGuard(iam: Enforcer, tableArnPrefix: string): DynamoDbGuard {
  const tableArn = (name: string) => (name.startsWith('arn:') ? name : `${tableArnPrefix}table/${name}`);
  return (req) => {
    const auth = req.headers.authorization;
    if (iam.callerOf(auth) === undefined) return undefined;
    const op = operationOf(req.headers['x-amz-target']);
    if (op === undefined) return undefined;
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(req.body.toString('utf8') || '{}') as Record<string, unknown>;
    } catch {
      return undefined; // DynamoDB Local answers the malformed body itself
    }
    for (const { action, resource } of accessesOf(op, body, tableArn)) {
      const refusal = iam.check(auth, action, resource);
      if (!refusal) continue;
      return {
        status: 400,
        headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': randomUUID() },
        body: Buffer.from(JSON.stringify({ __type: ACCESS_DENIED, Message: refusal.message })),
      };
    }
    return undefined;
  };
}
