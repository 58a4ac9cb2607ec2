/**
 * What IAM is asked for an SQS call (local/iam): the action's IAM name — a batch action is
 * authorized as its single form (SendMessageBatch → sqs:SendMessage, as SQS documents) —
 * on the queue's ARN, from its QueueUrl (or QueueName for GetQueueUrl and CreateQueue);
 * ListQueues and the move tasks name no queue in the request and are asked on `*`.
 */
import type http from 'node:http';
import { partitionOf } from '../template/local-env';
import type { Enforcer } from '../iam';
import { SqsError } from './errors';

const IAM_ACTION: Readonly<Record<string, string>> = {
  SendMessageBatch: 'SendMessage',
  DeleteMessageBatch: 'DeleteMessage',
  ChangeMessageVisibilityBatch: 'ChangeMessageVisibility',
};

export function sqsAuthorizer(iam: Enforcer, region: string, accountId: string) {
  const arnPrefix = `arn:${partitionOf(region)}:sqs:${region}:${accountId}:`;
  return (req: http.IncomingMessage, action: string, input: Record<string, unknown>): void => {
    const auth = req.headers.authorization;
    if (iam.callerOf(auth) === undefined) return;
    const url = input.QueueUrl;
    const name = typeof url === 'string' ? url.split('/').filter(Boolean).pop() : typeof input.QueueName === 'string' ? input.QueueName : undefined;
    const resource = name ? arnPrefix + name : '*';
    const refusal = iam.check(auth, `sqs:${IAM_ACTION[action] ?? action}`, resource);
    if (refusal) throw new SqsError('AccessDenied', refusal.message);
  };
}
