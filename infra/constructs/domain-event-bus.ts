/**
 * The domain event bus: an EventBridge custom bus `anxin-<stage>-events` that every
 * applied command publishes a CloudEvents 1.0 event to (shared/events), and the helper that
 * lets a function publish to it.
 *
 * Archive: yes. Every event is kept for as long as the stage keeps its logs (1 month dev,
 * 1 year prod), so an event can be replayed to a consumer that missed it or to a new one
 * (an insurer's queue, the webhook queue) without touching the table. Events carry ids
 * and facts only (no personal data), so keeping them raises no PIPL question, and at a
 * few hundred bytes per event the storage cost is negligible. The archive matches every
 * event of this account on the bus. Locally it is ignored (replay is an operator's
 * action; local/template/resource-types.ts).
 *
 * The bus itself keeps the default encryption (an AWS owned key) and no resource policy:
 * publishers are functions of this account, authorized by their roles (events:PutEvents
 * on this bus only).
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { physicalName, type StageConfig } from '../config';

/** Environment variable a publishing function reads the bus name from (shared/events/publisher.ts). */
export const EVENT_BUS_NAME_ENV = 'EVENT_BUS_NAME';

export interface DomainEventBusProps {
  readonly config: StageConfig;
}

export class DomainEventBus extends Construct {
  readonly bus: events.EventBus;
  readonly archive: events.Archive;

  constructor(scope: Construct, id: string, props: DomainEventBusProps) {
    super(scope, id);
    const { config } = props;
    this.bus = new events.EventBus(this, 'Bus', {
      eventBusName: physicalName(config, 'events'),
      description: `Anxin ${config.stage}: domain events (CloudEvents 1.0, ids and facts only)`,
    });
    this.archive = this.bus.archive('Archive', {
      archiveName: physicalName(config, 'events-archive'),
      description: `Anxin ${config.stage}: every domain event, for replay`,
      eventPattern: { account: [Stack.of(this).account] },
      retention: Duration.days(config.logRetention),
    });
    this.archive.applyRemovalPolicy(config.removalPolicy);
  }
}

/** Lets `fn` publish to `bus`: events:PutEvents on that bus only, and EVENT_BUS_NAME in its environment. */
export function grantEventPublishing(bus: events.IEventBus, fn: lambda.Function & iam.IGrantable): void {
  bus.grantPutEventsTo(fn);
  fn.addEnvironment(EVENT_BUS_NAME_ENV, bus.eventBusName);
}
