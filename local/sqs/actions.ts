/**
 * The action table: SQS action name -> implementation. Both protocols dispatch through it
 * with JSON-shaped input and get JSON-shaped output back.
 */
import type { RequestInfo, ServiceContext } from './context';
import { SqsError } from './errors';
import type { Input, Output } from './input';
import { cancelMessageMoveTask, listMessageMoveTasks, startMessageMoveTask, type MoveTaskRunner } from './move-tasks';
import {
  acceptPermissionChange,
  createQueue,
  deleteQueue,
  getQueueAttributes,
  getQueueUrl,
  listDeadLetterSourceQueues,
  listQueues,
  listQueueTags,
  purgeQueue,
  setQueueAttributes,
  tagQueue,
  untagQueue,
} from './queue-actions';
import { receiveMessage } from './receive';
import { sendMessage, sendMessageBatch } from './send';
import { changeMessageVisibility, changeMessageVisibilityBatch, deleteMessage, deleteMessageBatch } from './settle';

type Handler = (ctx: ServiceContext, input: Input, req: RequestInfo, runner: MoveTaskRunner) => Output | Promise<Output>;

const ACTIONS: Record<string, Handler> = {
  CreateQueue: createQueue,
  GetQueueUrl: getQueueUrl,
  ListQueues: listQueues,
  GetQueueAttributes: getQueueAttributes,
  SetQueueAttributes: setQueueAttributes,
  DeleteQueue: deleteQueue,
  PurgeQueue: purgeQueue,
  TagQueue: tagQueue,
  UntagQueue: untagQueue,
  ListQueueTags: listQueueTags,
  AddPermission: acceptPermissionChange,
  RemovePermission: acceptPermissionChange,
  ListDeadLetterSourceQueues: listDeadLetterSourceQueues,
  SendMessage: sendMessage,
  SendMessageBatch: sendMessageBatch,
  ReceiveMessage: receiveMessage,
  DeleteMessage: deleteMessage,
  DeleteMessageBatch: deleteMessageBatch,
  ChangeMessageVisibility: changeMessageVisibility,
  ChangeMessageVisibilityBatch: changeMessageVisibilityBatch,
  StartMessageMoveTask: (ctx, input, _req, runner) => startMessageMoveTask(ctx, input, runner),
  ListMessageMoveTasks: listMessageMoveTasks,
  CancelMessageMoveTask: cancelMessageMoveTask,
};

export function isKnownAction(action: string): boolean {
  return Object.hasOwn(ACTIONS, action);
}

export async function dispatch(
  ctx: ServiceContext,
  runner: MoveTaskRunner,
  action: string,
  input: Input,
  req: RequestInfo,
): Promise<Output> {
  const handler = Object.hasOwn(ACTIONS, action) ? ACTIONS[action] : undefined;
  if (!handler) throw new SqsError('InvalidAction', `The action ${action} is not valid for this endpoint.`);
  return handler(ctx, input, req, runner);
}
