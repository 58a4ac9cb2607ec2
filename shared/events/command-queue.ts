/**
 * Putting an accepted command's message on its FIFO queue: the one place that speaks SQS
 * for the synchronous half of queued commands (services/accept-queued-command.ts decides
 * what to send and when).
 */
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';

export type CommandQueueClient = SQSClient;

/** One subject's commands apply in order (its group); the event id makes a re-send a no-op. */
export async function sendCommandMessage(sqs: CommandQueueClient, queueUrl: string, message: unknown, subjectId: string, eventId: string): Promise<void> {
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: queueUrl,
      MessageBody: JSON.stringify(message),
      MessageGroupId: subjectId,
      MessageDeduplicationId: eventId,
    }),
  );
}
