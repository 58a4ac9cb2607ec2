/**
 * The event EventBridge delivers to targets and matches rules against: the PutEvents entry
 * wrapped in the service's envelope. `detail` is the parsed Detail (an object); `time` is
 * the entry's Time or the moment of the call, at second precision like the service.
 */
export interface EventBridgeEvent {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
}

export function formatEventTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

export function eventBridgeEvent(args: {
  id: string;
  source: string;
  detailType: string;
  detail: Record<string, unknown>;
  resources: string[];
  time: Date;
  account: string;
  region: string;
}): EventBridgeEvent {
  return {
    version: '0',
    id: args.id,
    'detail-type': args.detailType,
    source: args.source,
    account: args.account,
    time: formatEventTime(args.time),
    region: args.region,
    resources: args.resources,
    detail: args.detail,
  };
}
