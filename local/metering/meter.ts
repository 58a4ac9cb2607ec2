/**
 * The meter the bench hands to startPlatform({ meter }). It puts a metering proxy in front
 * of DynamoDB Local, the SQS endpoint, and the local EventBridge and KMS endpoints (so every
 * call a function or poller makes is seen), and records every Lambda invocation (billed duration at the function's memory and
 * architecture) and every line a function logs. HTTP API requests are recorded by whoever
 * sends them (recordHttpRequest), since the meter is not in front of the API.
 *
 * The platform does not depend on this module: it only knows the PlatformMeter hooks.
 */
import type { InvokeResult } from '../lambda';
import type { PlatformMeter } from '../platform';
import type { LocalFunction } from '../topology';
import { accessLogLineBytes, type AccessLogRequest } from './access-log';
import { dynamoDbMeter } from './dynamodb-proxy';
import { startProxy, type ExchangeHandler, type RunningProxy } from './http-proxy';
import { billedMilliseconds, gigabyteSeconds, platformLogBytes } from './lambda-usage';
import { eventBridgeMeter, kmsMeter } from './request-meters';
import { sqsMeter } from './sqs-proxy';
import { add, emptyUsage, type FunctionUsage, type Usage } from './usage';

export interface MeterOptions {
  /** Whether a function has active X-Ray tracing (Lambda then adds an XRAY line to its log). */
  tracing?: (fn: LocalFunction) => boolean;
  /** The HTTP API stage's access-log format, when the stage logs access (from the template). */
  accessLogFormat?: string;
  /**
   * Put metering proxies in front of DynamoDB and SQS (default true). Without them the
   * meter only sees invocations and log lines, and adds no latency to any call.
   */
  proxies?: boolean;
}

// Lines the local function host prints about an invocation itself; Lambda's own lines are modelled instead.
const HOST_LINES = /^(REPORT duration |not invoked: )/;

export class Meter implements PlatformMeter {
  private usage: Usage = emptyUsage();
  private readonly proxies: RunningProxy[] = [];

  constructor(private readonly opts: MeterOptions = {}) {}

  async endpointFor(service: string, endpoint: string): Promise<string> {
    if (this.opts.proxies === false) return endpoint;
    const handlers: Record<string, ExchangeHandler> = {
      dynamodb: dynamoDbMeter(() => this.usage.dynamodb),
      sqs: sqsMeter(() => this.usage.sqs),
      eventbridge: eventBridgeMeter(() => this.usage.eventbridge),
      kms: kmsMeter(() => this.usage.kms),
    };
    const handle = handlers[service];
    // A service the meter does not know yet is left alone (not counted), never broken.
    if (!handle) return endpoint;
    const proxy = await startProxy({ target: endpoint, handle });
    this.proxies.push(proxy);
    return proxy.endpoint;
  }

  onInvoke(fn: LocalFunction, result: InvokeResult): void {
    // A throttled or refused invocation never ran and is not billed.
    if (!result.ok && (result.error.errorType === 'TooManyRequestsException' || result.durationMs === 0)) return;
    const f = this.functionUsage(fn);
    const billed = billedMilliseconds(result.durationMs);
    f.invocations++;
    if (result.coldStart) f.coldStarts++;
    f.billedMs += billed;
    f.gbSeconds += gigabyteSeconds(fn.memoryMb, billed);
    f.durationsMs.push(result.durationMs);
    f.platformLogBytes += platformLogBytes({
      durationMs: result.durationMs,
      memoryMb: fn.memoryMb,
      coldStart: result.coldStart,
      tracing: this.opts.tracing?.(fn) ?? false,
    });
  }

  onFunctionLog(fn: LocalFunction, line: string): void {
    const prefix = `[${fn.functionName}] `;
    const text = line.startsWith(prefix) ? line.slice(prefix.length) : line;
    if (HOST_LINES.test(text)) return;
    this.functionUsage(fn).functionLogBytes += Buffer.byteLength(text) + 1;
  }

  recordHttpRequest(r: AccessLogRequest): void {
    add(this.usage.http.requests, r.routeKey, 1);
    if (this.opts.accessLogFormat) this.usage.http.accessLogBytes += accessLogLineBytes(this.opts.accessLogFormat, r);
  }

  /** Starts counting afresh (e.g. after set-up calls that are not part of the measured workload). */
  reset(): void {
    this.usage = emptyUsage();
  }

  /** A copy of everything counted since the last reset. */
  take(): Usage {
    return structuredClone(this.usage);
  }

  async close(): Promise<void> {
    await Promise.all(this.proxies.splice(0).map((p) => p.close()));
  }

  private functionUsage(fn: LocalFunction): FunctionUsage {
    return (this.usage.lambda[fn.functionName] ??= {
      memoryMb: fn.memoryMb,
      architecture: fn.architecture,
      invocations: 0,
      coldStarts: 0,
      billedMs: 0,
      gbSeconds: 0,
      durationsMs: [],
      functionLogBytes: 0,
      platformLogBytes: 0,
    });
  }
}
