/**
 * A consumer or a scheduled job from its table entry (CONSUMERS / SCHEDULES of the API
 * stack, PROGRAMME_CONSUMERS / PROGRAMME_SCHEDULES of the programme stack): the construct,
 * the environment and the grants its entry declares (function-access.ts). Routes have their
 * own helper (http-routes.ts).
 */
import type { Duration } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as events from 'aws-cdk-lib/aws-events';
import type { Construct } from 'constructs';
import { accessEnvironment, grantAccess, type AccessResources, type FunctionAccess } from './function-access';
import { QueueConsumer } from './queue-consumer';
import type { QueuePair } from './queue-pair';
import { ScheduledFunction } from './scheduled-function';
import type { TableAccess } from './table-access';

export interface ConsumerEntry extends FunctionAccess {
  readonly entry: string;
}

export interface ConsumerWiring {
  readonly pair: QueuePair;
  readonly alarmAction: cloudwatch.IAlarmAction;
  /** The domain event bus, for consumers that publish. */
  readonly eventBus: events.IEventBus;
}

/** Consumers write unless their entry says otherwise. */
export function addQueueConsumer(scope: Construct, id: string, resources: AccessResources, def: ConsumerEntry, wiring: ConsumerWiring): QueueConsumer {
  const consumer = new QueueConsumer(scope, id, {
    config: resources.config,
    pair: wiring.pair,
    entry: def.entry,
    environment: accessEnvironment(resources, def),
    alarmAction: wiring.alarmAction,
    publishesTo: def.publishesEvents ? wiring.eventBus : undefined,
  });
  // QueueConsumer granted the publishing already (publishesTo).
  grantAccess(consumer.fn, resources, { ...def, table: def.table ?? 'readWrite', publishesEvents: false });
  return consumer;
}

export interface ScheduleDefinition extends FunctionAccess {
  /** Construct id; the function is `<id>Function`, the rule `<id>Rule`. */
  readonly id: string;
  readonly entry: string;
  readonly serviceName: string;
  readonly schedule: events.Schedule;
  readonly description: string;
  readonly table: TableAccess;
  readonly timeout: Duration;
  /** MB; Lambda's CPU share grows with it (one vCPU at 1,769 MB). Default: AnxinFunction's. */
  readonly memorySize?: number;
}

export function addScheduledJob(scope: Construct, resources: AccessResources, def: ScheduleDefinition, alarmAction: cloudwatch.IAlarmAction, eventBus?: events.IEventBus): ScheduledFunction {
  const job = new ScheduledFunction(scope, def.id, {
    config: resources.config,
    entry: def.entry,
    serviceName: def.serviceName,
    schedule: def.schedule,
    description: def.description,
    timeout: def.timeout,
    memorySize: def.memorySize,
    environment: accessEnvironment(resources, def),
    alarmAction,
  });
  grantAccess(job.fn, resources, def, eventBus);
  return job;
}
