import type { Enforcer } from '../iam';
import type { LocalEventSourceMapping, LocalQueue } from '../topology';

/**
 * An SQS event-source mapping polls with its function's role: Lambda refuses to create one
 * whose role cannot receive, delete and read the queue's attributes, so `cdk deploy` would
 * fail; so does the start.
 */
export function assertMappingMayPoll(enforcer: Pick<Enforcer, 'checkFunction'>, mapping: LocalEventSourceMapping, queue: LocalQueue): void {
  for (const action of ['ReceiveMessage', 'DeleteMessage', 'GetQueueAttributes']) {
    if (enforcer.checkFunction(mapping.functionLogicalId, `sqs:${action}`, queue.arn)) {
      throw new Error(
        `event-source mapping ${mapping.logicalId} (${queue.queueName} -> ${mapping.functionLogicalId}): Invalid request provided: The provided execution role does not have permissions to call ${action} on SQS`,
      );
    }
  }
}
