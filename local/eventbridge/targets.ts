/**
 * Delivery of matched events to rule targets, in the background of the PutEvents that
 * accepted them (as on AWS, PutEvents answers before targets are reached).
 *
 * What a target receives: the EventBridge event (JSON) — or the target's constant Input, or
 * the part of the event its InputPath selects (e.g. `$.detail`: the CloudEvent alone).
 * SQS: that JSON is the message body; a FIFO queue gets the target's
 * SqsParameters.MessageGroupId and no deduplication id, so, as on AWS, the queue needs
 * ContentBasedDeduplication (SQS refuses the message otherwise, and the failure is logged).
 * Lambda: an asynchronous invoke; the function's own errors are its business (logged).
 *
 * A delivery that fails is retried with exponential backoff a few times, then dropped with
 * a log line. AWS retries for up to 24 hours (185 attempts) and then uses the target's
 * dead-letter queue, if any: locally a few seconds of retries show the same problem
 * without holding events for a day.
 *
 * A target whose resource policy does not let EventBridge reach it from the rule (a queue
 * policy, an AWS::Lambda::Permission; checked when the template's IAM is enforced) is not
 * retried: AWS counts a failed invocation and drops it (or sends it to the target's DLQ).
 */
import type { LocalEventRule, LocalEventTarget } from '../topology';
import type { EventBridgeEvent } from './event';
import { selectInputPath } from './input-path';

/** The target's InputPath selects nothing in this event: no retry can change that. */
class NothingSelectedError extends Error {
  constructor(path: string) {
    super(`InputPath ${path} selects nothing in this event`);
    this.name = 'NothingSelectedError';
  }
}

export interface TargetSinks {
  /** SQS SendMessage; rejects when the queue refuses the message. */
  sendToQueue(queueLogicalId: string, body: string, messageGroupId?: string): Promise<void>;
  /** Asynchronous Lambda invoke: resolves once the invocation is accepted, not when it ends. */
  invokeFunction(functionLogicalId: string, event: unknown): Promise<void>;
}

export interface DeliveryOptions {
  /** Attempts per target, counting the first (default 5). */
  attempts: number;
  /** First retry delay, doubling after each failure (default 200 ms). */
  baseDelayMs: number;
  log: (line: string) => void;
  /** Why EventBridge may not reach the target from the rule (local/iam), or undefined when it may. */
  refusal?: (rule: LocalEventRule, target: LocalEventTarget) => string | undefined;
}

export class TargetDelivery {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly timers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  private stopped = false;

  constructor(
    private readonly sinks: TargetSinks,
    private readonly opts: DeliveryOptions,
  ) {}

  deliver(rule: LocalEventRule, target: LocalEventTarget, event: EventBridgeEvent): void {
    if (this.stopped) return;
    const running = this.run(rule, target, event).finally(() => this.inFlight.delete(running));
    this.inFlight.add(running);
  }

  /** Resolves when every delivery started so far has succeeded or given up. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Pending retries give up at once; deliveries already sending finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) {
      clearTimeout(t.timer);
      t.resolve();
    }
    this.timers.clear();
    await this.idle();
  }

  private async run(rule: LocalEventRule, target: LocalEventTarget, event: EventBridgeEvent): Promise<void> {
    const label = `${event['detail-type']} ${event.id} -> rule ${rule.name} -> ${describe(target)}`;
    const refused = this.opts.refusal?.(rule, target);
    if (refused) {
      this.opts.log(`[events] dropped ${label}: AccessDeniedException: ${refused}`);
      return;
    }
    for (let attempt = 1; ; attempt++) {
      try {
        await this.send(target, event);
        this.opts.log(`[events] delivered ${label}`);
        return;
      } catch (error) {
        const message = (error as Error).message;
        if (this.stopped || attempt >= this.opts.attempts || error instanceof NothingSelectedError) {
          this.opts.log(`[events] dropped ${label} after ${attempt} attempt(s): ${message}`);
          return;
        }
        this.opts.log(`[events] retrying ${label} (attempt ${attempt} failed: ${message})`);
        await this.wait(this.opts.baseDelayMs * 2 ** (attempt - 1));
        if (this.stopped) {
          this.opts.log(`[events] dropped ${label}: the endpoint stopped before attempt ${attempt + 1}`);
          return;
        }
      }
    }
  }

  private send(target: LocalEventTarget, event: EventBridgeEvent): Promise<void> {
    // A constant Input replaces the event; its text is sent as it stands. An InputPath sends
    // the part of the event it selects (input-path.ts).
    let payload: unknown = event;
    if (target.input !== undefined) payload = JSON.parse(target.input) as unknown;
    else if (target.inputPath !== undefined) {
      payload = selectInputPath(event, target.inputPath);
      if (payload === undefined) throw new NothingSelectedError(target.inputPath);
    }
    const body = target.input ?? JSON.stringify(payload);
    if (target.kind === 'sqs') return this.sinks.sendToQueue(target.queueLogicalId, body, target.messageGroupId);
    return this.sinks.invokeFunction(target.functionLogicalId, payload);
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          this.timers.delete(entry);
          resolve();
        }, ms),
        resolve,
      };
      this.timers.add(entry);
    });
  }
}

function describe(target: LocalEventTarget): string {
  return target.kind === 'sqs' ? `queue ${target.queueLogicalId}` : `function ${target.functionLogicalId}`;
}
