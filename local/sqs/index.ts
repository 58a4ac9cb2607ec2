/**
 * The local platform's SQS endpoint: an in-process, optionally durable, SQS-compatible
 * HTTP server that the unchanged handler code reaches through AWS_ENDPOINT_URL_SQS.
 *
 * Why hand-written: no npm package offers an embeddable (in-process, no Docker, no JVM),
 * durable (survives kill -9) and faithful SQS endpoint. The usual emulators each get some
 * of what Anxin relies on wrong or only run out of process: FIFO group blocking while a
 * message is in flight, content-based dedup within 5 minutes, RedrivePolicy ->
 * DLQ at maxReceiveCount, MD5OfMessageAttributes, the JSON protocol's query-compatible
 * errors, queue URLs on the local host.
 *
 * Map of the directory:
 *   server.ts            HTTP, protocol detection, lifecycle (startSqsServer)
 *   json-protocol.ts     AWS JSON 1.0 in/out          query-protocol.ts, xml.ts   query protocol in/out
 *   actions.ts           action table                 errors.ts                   error codes per protocol
 *   queue-actions.ts     queue CRUD, attributes, tags, ListDeadLetterSourceQueues
 *   queue-attributes.ts  attribute defaults/validation/reading
 *   send.ts              SendMessage(Batch), FIFO dedup     receive.ts   ReceiveMessage, FIFO groups, DLQ
 *   settle.ts            Delete / ChangeMessageVisibility (+Batch)
 *   move-tasks.ts        StartMessageMoveTask & co (DLQ redrive)
 *   message-validation.ts, md5.ts, receipt-handle.ts, message-state.ts, long-poll.ts
 *   state.ts             in-memory state + apply(op)     journal.ts   write-ahead journal + snapshots
 *   housekeeping.ts      retention/dedup expiry, compaction      standalone.ts   run it as a process
 *
 * Choices where AWS leaves room or a local endpoint must differ (tests pin each down):
 *   - DeleteMessage with a stale receipt handle (the message was received again since)
 *     succeeds and deletes nothing, as the API reference documents; ChangeMessageVisibility
 *     with one fails. Deleting with the latest handle works even after visibility expired.
 *   - After a restart (crash or not) in-flight messages stay in flight until their
 *     visibility timeout ends, as on AWS, and their receipt handles keep working —
 *     unless the owner calls releaseInFlight() (the local platform does, at start).
 *     close() writes nothing extra (every acknowledged change is already journaled), so
 *     a graceful stop and a crash leave the same files; the next start compacts.
 *   - createQueue() is CreateQueue: an existing queue with different attributes is a
 *     QueueNameExists error. ensureQueue() is "apply the template": it creates or updates.
 *   - Durability covers process crashes (kill -9), not power loss: no fsync per request.
 *   - PurgeQueue is immediate and not limited to once per 60 s; a deleted queue's name can
 *     be reused at once (AWS: 60 s); permissions (AddPermission, Policy) and KMS are
 *     accepted but not enforced; ReceiveRequestAttemptId is accepted but not deduplicated.
 *   - Limits are today's AWS ones: messages up to MaximumMessageSize, default and maximum
 *     1 MiB (it was 256 KiB until 2025); batches up to 1 MiB in total.
 *   - Per-message DelaySeconds on a FIFO queue is refused unless it is 0.
 */
export { startSqsServer, type SqsServer, type SqsServerOptions } from './server';
export { SqsError } from './errors';
