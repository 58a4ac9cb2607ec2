/**
 * A standard queue pair (StandardQueuePair) fed by a rule on the domain event bus with the
 * bare CloudEvent (event-queue-target.ts): the input of a read model kept from domain events
 * (docs/architecture.md "Read models come from events"), e.g. the credit facts. The queue
 * `anxin-<stage>-<name>`, its DLQ `anxin-<stage>-<name>-dlq` and the rule
 * `anxin-<stage>-<name>` share the name; the consumer and the alarms live in the stack of
 * its capability (stacks/programme-stack.ts). The webhook delivery queue is one too, with
 * its own retry checks (webhook-delivery.ts).
 *
 * Standard, not FIFO: a read model counts each event once by its id and needs no order, so
 * a message group would only hold events back behind a failing one.
 */
import * as events from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import { physicalName, type StageConfig } from '../config';
import { cloudEventQueueTarget } from './event-queue-target';
import { StandardQueuePair } from './standard-queue-pair';

export interface EventFedQueueProps {
  readonly config: StageConfig;
  readonly bus: events.IEventBus;
  /** Names the queue, its DLQ and the rule. */
  readonly name: string;
  /** The rule's description: which events and for what. */
  readonly description: string;
  readonly eventPattern: events.EventPattern;
  /** Receives before a message moves to the DLQ (default 5). */
  readonly maxReceiveCount?: number;
}

export class EventFedQueue extends Construct {
  readonly pair: StandardQueuePair;
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: EventFedQueueProps) {
    super(scope, id);
    const { config, name } = props;
    this.pair = new StandardQueuePair(this, 'Queues', { config, name, maxReceiveCount: props.maxReceiveCount });
    this.rule = new events.Rule(this, 'Rule', {
      ruleName: physicalName(config, name),
      description: props.description,
      eventBus: props.bus,
      eventPattern: props.eventPattern,
      targets: [cloudEventQueueTarget(this.pair)],
    });
  }
}
