/**
 * AWS::Lambda::EventInvokeConfig: how Lambda treats a function's asynchronous invocations
 * (EventBridge targets, schedules, Invoke with InvocationType Event) — how many times it
 * retries after a function error (0–2, default 2), how old an event may get (60 s – 6 h,
 * default 6 h), and where an invocation record goes on failure or on success. Destinations
 * run locally when they are a queue or a function of the selected stacks; any other (an
 * SNS topic, an EventBridge bus) is refused by name rather than dropped in silence.
 */
import { DEFAULT_ASYNC_INVOKE } from '../lambda/async-invoke';
import type { LocalDestination, LocalFunction, LocalQueue } from '../topology';
import type { FunctionIndex } from './function-index';
import { asNumber, eachResource, isRecord, unsupported, type MapContext } from './map-context';

export function mapAsyncInvokeConfigs(ctx: MapContext, functions: LocalFunction[], queues: LocalQueue[], index: FunctionIndex): void {
  for (const fn of functions) fn.asyncInvoke = DEFAULT_ASYNC_INVOKE;
  // A function's own dead-letter queue for asynchronous events is not run locally: refused
  // by name, so that a failed event is never silently lost where AWS would keep it.
  eachResource(ctx, 'AWS::Lambda::Function', (r) =>
    r.prop('DeadLetterConfig') === undefined ? undefined : unsupported(ctx, r, 'DeadLetterConfig is not run locally; an OnFailure destination (EventInvokeConfig) is'),
  );
  eachResource(ctx, 'AWS::Lambda::EventInvokeConfig', (r) => {
    const fn = index.find(r.prop('FunctionName'));
    if (!fn) return unsupported(ctx, r, `FunctionName ${String(r.prop('FunctionName'))} is not a function of the selected stacks`);
    const qualifier = String(r.prop('Qualifier') ?? '$LATEST');
    if (qualifier !== '$LATEST') return unsupported(ctx, r, `Qualifier ${qualifier}: only $LATEST runs locally`);
    const destination = (kind: 'OnFailure' | 'OnSuccess'): LocalDestination | undefined | 'refused' => {
      const config = r.prop('DestinationConfig');
      const entry = isRecord(config) ? config[kind] : undefined;
      const arn = isRecord(entry) ? String(entry.Destination) : undefined;
      if (!arn) return undefined;
      const queue = queues.find((q) => q.arn === arn);
      if (queue) return { kind: 'sqs', queueLogicalId: queue.logicalId, arn };
      const target = index.find(arn);
      if (target) return { kind: 'lambda', functionLogicalId: target.logicalId, arn };
      unsupported(ctx, r, `${kind} destination ${arn}: only a queue or a function of the selected stacks is a local destination`);
      return 'refused';
    };
    const onFailure = destination('OnFailure');
    const onSuccess = destination('OnSuccess');
    if (onFailure === 'refused' || onSuccess === 'refused') return undefined;
    fn.asyncInvoke = {
      maximumRetryAttempts: asNumber(r.prop('MaximumRetryAttempts'), DEFAULT_ASYNC_INVOKE.maximumRetryAttempts),
      maximumEventAgeSeconds: asNumber(r.prop('MaximumEventAgeInSeconds'), DEFAULT_ASYNC_INVOKE.maximumEventAgeSeconds),
      ...(onFailure ? { onFailure } : {}),
      ...(onSuccess ? { onSuccess } : {}),
    };
    return undefined;
  });
}
