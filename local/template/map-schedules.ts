/**
 * AWS::Events::Rule with a ScheduleExpression → one LocalSchedule per Lambda target.
 * Event-pattern rules need an event bus the local platform does not have, so they are
 * reported, as are targets other than functions and input transformations.
 */
import type { LocalSchedule } from '../topology';
import type { FunctionIndex } from './function-index';
import { eachResource, isRecord, unsupported, type MapContext } from './map-context';

export function mapSchedules(ctx: MapContext, functions: FunctionIndex): LocalSchedule[] {
  return eachResource(ctx, 'AWS::Events::Rule', (r) => {
    const expression = r.prop('ScheduleExpression');
    if (typeof expression !== 'string') {
      return unsupported(ctx, r, 'event-pattern rules need an event bus; only schedule rules run locally');
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
