/**
 * What IAM is asked for an EventBridge call (local/iam): `events:<Operation>` on the event
 * bus ARN — for PutEvents, every bus its entries name (`default` when none), each of
 * which must be allowed, or the whole call is refused as AWS does; for the read actions,
 * the bus named (`Name`/`EventBusName`) or `*`.
 */
import type { EndpointRequest } from '../aws-endpoint/http-server';
import type { Enforcer } from '../iam';
import { EventBridgeError } from './errors';
import type { JsonInput } from './json-protocol';
import { busNameOf } from './registry';

export function eventBridgeAuthorizer(iam: Enforcer, busArnPrefix: string) {
  const busArn = (nameOrArn: unknown): string =>
    typeof nameOrArn === 'string' && nameOrArn.startsWith('arn:')
      ? nameOrArn
      : `${busArnPrefix}event-bus/${busNameOf(typeof nameOrArn === 'string' ? nameOrArn : undefined)}`;
  return (action: string, input: JsonInput, request: EndpointRequest): void => {
    const auth = request.req.headers.authorization;
    if (iam.callerOf(auth) === undefined) return;
    let resources: string[];
    if (action === 'PutEvents') {
      const entries = Array.isArray(input.Entries) ? (input.Entries as Record<string, unknown>[]) : [];
      resources = [...new Set(entries.map((e) => busArn(e?.EventBusName)))];
    } else if (action === 'DescribeEventBus') resources = [busArn(input.Name)];
    else if (action === 'ListRules') resources = [busArn(input.EventBusName)];
    else resources = ['*'];
    for (const resource of resources) {
      const refusal = iam.check(auth, `events:${action}`, resource);
      if (refusal) throw new EventBridgeError('AccessDeniedException', refusal.message);
    }
  };
}
