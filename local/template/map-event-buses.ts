/**
 * AWS::Events::EventBus → LocalEventBus (custom buses; the `default` bus needs no
 * resource). Partner event sources (EventSourceName) and buses with a dead-letter
 * queue or KMS key are run as plain buses: neither changes which rules see an event.
 */
import type { LocalEventBus } from '../topology';
import { TemplateError } from './errors';
import { eachResource, unsupported, type MapContext } from './map-context';

export function mapEventBuses(ctx: MapContext): LocalEventBus[] {
  return eachResource(ctx, 'AWS::Events::EventBus', (r): LocalEventBus | undefined => {
    if (r.prop('EventSourceName') !== undefined) {
      return unsupported(ctx, r, 'partner event buses (EventSourceName) have no local event source');
    }
    const name = r.stack.physicalName(r.logicalId);
    if (name === 'default') throw new TemplateError(r.where, 'a custom event bus cannot be named "default"');
    const description = r.prop('Description');
    return {
      logicalId: r.logicalId,
      name,
      arn: String(r.stack.getAtt(r.logicalId, 'Arn', r.where)),
      ...(typeof description === 'string' && description ? { description } : {}),
    };
  });
}
