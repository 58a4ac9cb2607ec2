/**
 * The read-only actions: DescribeEventBus, ListEventBuses, ListRules (Limit/NextToken
 * paging) and TestEventPattern (the service's own way to try a pattern on an event).
 */
import { EventBridgeError, errors } from './errors';
import { epochSeconds, type JsonInput } from './json-protocol';
import { InvalidEventPatternError, matchesPattern, parseEventPattern } from './pattern';
import { busNameOf, type BusRecord, type BusRegistry } from './registry';

const busView = (bus: BusRecord) => ({
  Name: bus.name,
  Arn: bus.arn,
  ...(bus.description ? { Description: bus.description } : {}),
  CreationTime: epochSeconds(bus.createdAt),
  LastModifiedTime: epochSeconds(bus.createdAt),
});

function page<T>(items: T[], input: JsonInput): { items: T[]; NextToken?: string } {
  const limit = input.Limit === undefined ? 100 : Number(input.Limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw errors.constraint(String(input.Limit), 'limit', 'Member must have value between 1 and 100');
  }
  let start = 0;
  if (typeof input.NextToken === 'string') {
    start = Number(Buffer.from(input.NextToken, 'base64url').toString('utf8'));
    if (!Number.isInteger(start) || start < 0) throw new EventBridgeError('ValidationException', 'The NextToken provided is invalid.');
  }
  const slice = items.slice(start, start + limit);
  const next = start + limit < items.length ? Buffer.from(String(start + limit)).toString('base64url') : undefined;
  return { items: slice, ...(next ? { NextToken: next } : {}) };
}

export function describeEventBus(registry: BusRegistry, input: JsonInput) {
  const name = typeof input.Name === 'string' ? input.Name : undefined;
  const bus = registry.bus(name);
  if (!bus) throw errors.busNotFound(busNameOf(name));
  return busView(bus);
}

export function listEventBuses(registry: BusRegistry, input: JsonInput) {
  const prefix = typeof input.NamePrefix === 'string' ? input.NamePrefix : '';
  const { items, NextToken } = page(registry.allBuses().filter((b) => b.name.startsWith(prefix)), input);
  return { EventBuses: items.map(busView), ...(NextToken ? { NextToken } : {}) };
}

export function listRules(registry: BusRegistry, input: JsonInput) {
  const busName = busNameOf(typeof input.EventBusName === 'string' ? input.EventBusName : undefined);
  if (!registry.bus(busName)) throw errors.busNotFound(busName);
  const prefix = typeof input.NamePrefix === 'string' ? input.NamePrefix : '';
  const rules = registry
    .rules(busName)
    .filter((r) => r.name.startsWith(prefix))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const { items, NextToken } = page(rules, input);
  return {
    Rules: items.map((r) => ({
      Name: r.name,
      Arn: r.arn,
      EventPattern: JSON.stringify(r.pattern),
      State: r.enabled ? 'ENABLED' : 'DISABLED',
      ...(r.description ? { Description: r.description } : {}),
      EventBusName: r.busName,
    })),
    ...(NextToken ? { NextToken } : {}),
  };
}

export function testEventPattern(input: JsonInput) {
  if (typeof input.EventPattern !== 'string') throw errors.constraint('null', 'eventPattern', 'Member must not be null');
  if (typeof input.Event !== 'string') throw errors.constraint('null', 'event', 'Member must not be null');
  let pattern;
  try {
    pattern = parseEventPattern(input.EventPattern);
  } catch (error) {
    if (error instanceof InvalidEventPatternError) throw new EventBridgeError('InvalidEventPatternException', error.message);
    throw error;
  }
  let event: unknown;
  try {
    event = JSON.parse(input.Event);
  } catch {
    throw new EventBridgeError('ValidationException', 'Parameter Event is not valid.');
  }
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    throw new EventBridgeError('ValidationException', 'Parameter Event is not valid.');
  }
  return { Result: matchesPattern(pattern, event) };
}
