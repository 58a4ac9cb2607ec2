/**
 * AWS::Events::Rule with a ScheduleExpression → one LocalSchedule per Lambda target.
 * Targets other than functions and input transformations are reported. (Event-pattern
 * rules are mapped by map-event-rules.ts and served by local/eventbridge.)
 */
import type { LocalSchedule } from '../topology';
import type { FunctionIndex } from './function-index';
import { eachResource, isRecord, unsupported, type MapContext } from './map-context';

export function mapSchedules(ctx: MapContext, functions: FunctionIndex): LocalSchedule[] {
  return eachResource(ctx, 'AWS::Events::Rule', (r) => {
    const expression = r.prop('ScheduleExpression');
    if (typeof expression !== 'string') {
      if (r.prop('EventPattern') !== undefined) return undefined; // an event-pattern rule: map-event-rules.ts
      return unsupported(ctx, r, 'a rule needs a ScheduleExpression or an EventPattern');
    }
    const targets = r.prop('Targets');
    const list = Array.isArray(targets) ? targets.filter(isRecord) : [];
    const schedules: LocalSchedule[] = [];
    for (const target of list) {
      const fn = functions.find(target.Arn);
      if (!fn) return unsupported(ctx, r, `target ${String(target.Arn)} is not a function of the selected stacks`);
      if (target.InputPath !== undefined || target.InputTransformer !== undefined) {
        return unsupported(ctx, r, 'InputPath/InputTransformer targets are not supported locally (use Input)');
      }
      const schedule: LocalSchedule = {
        // One schedule per target; the rule's id alone when it has a single target.
        logicalId: list.length === 1 ? r.logicalId : `${r.logicalId}.${String(target.Id)}`,
        scheduleExpression: expression,
        functionLogicalId: fn.logicalId,
        enabled: (r.prop('State') ?? 'ENABLED') !== 'DISABLED',
        ruleArn: String(r.stack.getAtt(r.logicalId, 'Arn', r.where)),
      };
      if (typeof target.Input === 'string') schedule.input = target.Input;
      schedules.push(schedule);
    }
    return schedules;
  }).flat();
}
