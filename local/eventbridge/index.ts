/**
 * The local platform's EventBridge endpoint: the buses and event-pattern rules of the
 * synthesized template, reached by the unchanged handler code through
 * AWS_ENDPOINT_URL_EVENTBRIDGE (the SDK's service id is "EventBridge").
 *
 * Why hand-written: no npm package offers an embeddable (in-process, no Docker, no JVM)
 * EventBridge endpoint. The emulators that exist run out of process and have each got
 * something Anxin relies on wrong at some point: custom bus names or bus ARNs in PutEvents,
 * per-entry errors, rules from CloudFormation on custom buses, SQS targets. What is here is
 * small — one protocol, five actions, a pure pattern matcher — and every rule of it is
 * pinned by tests against the real @aws-sdk/client-eventbridge.
 *
 * Map of the directory:
 *   server.ts         HTTP, dispatch, routing of accepted events, lifecycle (startEventBridgeServer)
 *   json-protocol.ts  AWS JSON 1.1 in/out          errors.ts      error names and statuses
 *   put-events.ts     PutEvents checks, per-entry results, the event envelope (event.ts)
 *   read-actions.ts   DescribeEventBus, ListEventBuses, ListRules, TestEventPattern
 *   pattern.ts        event pattern validation and matching (pure)
 *   registry.ts       buses (template + `default`) and rules per bus
 *   targets.ts        delivery to targets with retries      sinks.ts   SQS (real SDK) and Lambda (platform invoke)
 *   input-path.ts     a target's InputPath (`$.detail`)
 *   recent.ts         the last events per bus (GET /_anxin/events)
 *
 * Where the local endpoint differs from AWS (each on purpose):
 *   - Buses and rules come from the template only: PutRule, PutTargets, CreateEventBus &
 *     co are not implemented (UnknownOperationException) — the template is the truth.
 *   - Target delivery retries 5 times over a few seconds, then drops with a log line
 *     (AWS: up to 24 h / 185 attempts, then the target's DLQ). Lambda targets are invoked
 *     asynchronously without Lambda's 2 automatic retries of a failed function.
 *   - Input transformers, InputPaths other than `$` and dotted member paths (`$.detail`;
 *     input-path.ts), archives, replays, schema discovery, cross-account and API
 *     destinations are not reproduced (the template reader refuses rules that need them;
 *     archives are ignored). IPv6 `cidr` patterns are refused.
 *   - Events live in memory: an event accepted just before the platform stops and not yet
 *     delivered is lost (AWS keeps it). Queue targets are durable once SQS accepted them.
 *   - As on AWS, PutEvents to a bus that does not exist is accepted and goes nowhere —
 *     locally with a log line, because it is nearly always a wrong EVENT_BUS_NAME.
 */
export { startEventBridgeServer, type EventBridgeServer, type EventBridgeServerOptions } from './server';
export { matchesPattern, parseEventPattern, InvalidEventPatternError, type EventPattern } from './pattern';
export { createPlatformSinks } from './sinks';
export type { TargetSinks } from './targets';
export type { EventBridgeEvent } from './event';
export type { RecentEvent } from './recent';
