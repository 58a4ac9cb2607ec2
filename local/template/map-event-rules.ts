/**
 * AWS::Events::Rule with an EventPattern → LocalEventRule, served by local/eventbridge.
 * (Rules with a ScheduleExpression are schedules: map-schedules.ts.)
 *
 * The pattern is validated here, so a pattern EventBridge would refuse fails the start,
 * naming the rule. Targets must be a queue or a function of the selected stacks. A
 * constant Input and a simple InputPath (`$`, `$.detail`, dotted member paths;
 * local/eventbridge/input-path.ts) are mapped; an InputTransformer, any other InputPath
 * and other target types are reported as unsupported. RetryPolicy and DeadLetterConfig
 * are accepted and not reproduced (local/eventbridge/targets.ts retries briefly, then
 * drops with a log line).
 */
import { parseInputPath } from '../eventbridge/input-path';
import { InvalidEventPatternError, parseEventPattern } from '../eventbridge/pattern';
import { busNameOf } from '../eventbridge/registry';
import type { LocalEventRule, LocalEventTarget, LocalQueue } from '../topology';
import { TemplateError } from './errors';
import type { FunctionIndex } from './function-index';
import { eachResource, isRecord, unsupported, type MapContext } from './map-context';

export function mapEventRules(ctx: MapContext, queues: readonly LocalQueue[], functions: FunctionIndex): LocalEventRule[] {
  return eachResource(ctx, 'AWS::Events::Rule', (r): LocalEventRule | undefined => {
    const rawPattern = r.prop('EventPattern');
    if (rawPattern === undefined || r.prop('ScheduleExpression') !== undefined) return undefined; // a schedule
    let pattern: Record<string, unknown>;
    try {
      pattern = parseEventPattern(rawPattern);
    } catch (error) {
      if (error instanceof InvalidEventPatternError) throw new TemplateError(r.where, error.message);
      throw error;
    }
    const targets: LocalEventTarget[] = [];
    const list = r.prop('Targets');
    for (const target of Array.isArray(list) ? list.filter(isRecord) : []) {
      const id = String(target.Id);
      if (target.InputTransformer !== undefined) {
        return unsupported(ctx, r, `target ${id}: InputTransformer is not supported locally (use Input, InputPath, or no input)`);
      }
      if (target.InputPath !== undefined && (typeof target.InputPath !== 'string' || !parseInputPath(target.InputPath))) {
        return unsupported(ctx, r, `target ${id}: InputPath ${JSON.stringify(target.InputPath)} is not supported locally (only $ and dotted paths such as $.detail)`);
      }
      const input = {
        ...(typeof target.Input === 'string' ? { input: target.Input } : {}),
        ...(typeof target.InputPath === 'string' ? { inputPath: target.InputPath } : {}),
      };
      const arn = String(target.Arn);
      const queue = queues.find((q) => q.arn === arn);
      if (queue) {
        const sqs = isRecord(target.SqsParameters) ? target.SqsParameters : {};
        const messageGroupId = typeof sqs.MessageGroupId === 'string' ? { messageGroupId: sqs.MessageGroupId } : {};
        targets.push({ kind: 'sqs', id, queueLogicalId: queue.logicalId, ...messageGroupId, ...input });
        continue;
      }
      const fn = functions.find(arn);
      if (fn) {
        targets.push({ kind: 'lambda', id, functionLogicalId: fn.logicalId, ...input });
        continue;
      }
      return unsupported(ctx, r, `target ${id} (${arn}) is neither a queue nor a function of the selected stacks`);
    }
    const description = r.prop('Description');
    const bus = r.prop('EventBusName');
    return {
      logicalId: r.logicalId,
      name: r.stack.physicalName(r.logicalId),
      arn: String(r.stack.getAtt(r.logicalId, 'Arn', r.where)),
      busName: busNameOf(typeof bus === 'string' ? bus : undefined),
      pattern,
      targets,
      enabled: (r.prop('State') ?? 'ENABLED') !== 'DISABLED',
      ...(typeof description === 'string' && description ? { description } : {}),
    };
  });
}
