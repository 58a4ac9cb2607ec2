/**
 * Consumer faults for chaos mode, injected where Lambda's SQS event-source mapping invokes
 * the function: per batch delivered, at the spec's rates,
 *
 * - an error: the invocation fails as a function error, either before the handler runs or
 *   after it ran (its writes are kept, its answer is lost — a crash after the commit).
 *   The mapping deletes nothing and the whole batch comes back after the visibility timeout;
 * - a timeout: the invocation's deadline is cut to a random point of a typical run of this
 *   mapping's function, so the environment is killed part-way, as Lambda kills a function
 *   that runs out of time (local/lambda); only cuts that really ended the run are counted;
 * - a duplicate: after the function processed the batch, the same messages (same ids,
 *   receive count + 1) are handed to it again before anything is deleted — what a lost
 *   delete or a visibility timeout ending just before the delete does on SQS standard and
 *   FIFO queues alike. Nothing later in a FIFO group can overtake: the group's messages are
 *   still in flight, so the queue hands out nothing after them until they are deleted. What
 *   is deleted then follows the second invocation's answer.
 *
 * With `redeliver-after`, a batch whose invocation failed as a whole (an injected fault or
 * the function's own error) is made visible again after that delay instead of the queue's
 * visibility timeout (6 × the consumer's timeout, minutes): time compression, so a run with
 * many failures takes seconds. Messages the function itself reported failed
 * (batchItemFailures) are left as they are: the function may have set their visibility
 * (the webhooks consumer schedules its retries that way).
 *
 * A batch holding a message on its last receive before the dead-letter queue
 * (ApproximateReceiveCount = the queue's maxReceiveCount) gets no injected error or timeout:
 * a transient fault there would only exercise the DLQ, which has tests of its own, and
 * whatever reaches the DLQ under chaos has then failed for a reason of its own.
 */
import type { SQSEvent } from 'aws-lambda';
import { type InvokeOptions, type InvokeResult } from '../lambda';
import type { Random } from './random';

export interface ConsumerTally {
  /** Batches the mappings delivered (first deliveries; duplicates are counted apart). */
  batches: number;
  /** Injected errors before the handler ran / after it ran. */
  errorsBefore: number;
  errorsAfter: number;
  /** Invocations whose deadline was cut, and those the cut really ended as a timeout. */
  timeoutCuts: number;
  timeouts: number;
  /** Batches handed to the function a second time. */
  duplicates: number;
  /** Faults not injected because a message of the batch was on its last receive. */
  spared: number;
  /** Failed batches made visible again early (redeliver-after), and calls to do so that failed. */
  redelivered: number;
  redeliveryErrors: number;
}

export const emptyConsumerTally = (): ConsumerTally => ({
  batches: 0,
  errorsBefore: 0,
  errorsAfter: 0,
  timeoutCuts: 0,
  timeouts: 0,
  duplicates: 0,
  spared: 0,
  redelivered: 0,
  redeliveryErrors: 0,
});

export interface ConsumerFaultOptions {
  invoke: (event: unknown, options?: InvokeOptions) => Promise<InvokeResult>;
  errorRate: number;
  timeoutRate: number;
  duplicateRate: number;
  /** The source queue's maxReceiveCount (its RedrivePolicy); undefined = no DLQ. */
  maxReceiveCount?: number;
  random: Random;
  tally: ConsumerTally;
  /** Makes the batch's messages visible again soon (redeliver-after); absent = the queue's visibility timeout. */
  redeliver?: (records: SQSEvent['Records']) => Promise<void>;
}

/** A typical run before any has been measured (ms). */
const FIRST_ESTIMATE_MS = 200;

const injectedError = (when: string): InvokeResult => ({
  ok: false,
  requestId: '',
  durationMs: 0,
  coldStart: false,
  error: { errorType: 'Chaos.InjectedError', errorMessage: `chaos: consumer error injected ${when}` },
});

const receiveCount = (record: SQSEvent['Records'][number]) => Number(record.attributes.ApproximateReceiveCount ?? '1');

function redelivered(event: SQSEvent): SQSEvent {
  return {
    Records: event.Records.map((r) => ({ ...r, attributes: { ...r.attributes, ApproximateReceiveCount: String(receiveCount(r) + 1) } })),
  };
}

/** The mapping's invoke, with faults. */
export function faultyConsumer(opts: ConsumerFaultOptions): (event: unknown) => Promise<InvokeResult> {
  const { random, tally } = opts;
  let typicalMs = FIRST_ESTIMATE_MS;
  const measured = (result: InvokeResult) => {
    if (result.ok) typicalMs = typicalMs * 0.8 + result.durationMs * 0.2;
    return result;
  };

  const deliver = async (event: SQSEvent): Promise<InvokeResult> => {
    tally.batches++;
    const lastReceive = opts.maxReceiveCount !== undefined && event.Records.some((r) => receiveCount(r) >= opts.maxReceiveCount!);
    const draw = random();
    const faulted = draw < opts.errorRate + opts.timeoutRate;
    if (faulted && lastReceive) tally.spared++;

    let result: InvokeResult;
    if (faulted && !lastReceive && draw < opts.errorRate) {
      if (random() < 0.5) {
        tally.errorsBefore++;
        return injectedError('before the handler ran');
      }
      tally.errorsAfter++;
      result = measured(await opts.invoke(event));
      return { ...injectedError('after the handler ran (its work kept, its answer lost)'), durationMs: result.durationMs, coldStart: result.coldStart };
    }
    if (faulted && !lastReceive) {
      tally.timeoutCuts++;
      result = await opts.invoke(event, { timeoutMs: Math.max(1, Math.round(random() * typicalMs)) });
      if (!result.ok && result.timedOut) tally.timeouts++;
      else measured(result);
    } else {
      result = measured(await opts.invoke(event));
    }

    if (result.ok && opts.duplicateRate > 0 && random() < opts.duplicateRate) {
      tally.duplicates++;
      return measured(await opts.invoke(redelivered(event)));
    }
    return result;
  };

  return async (raw) => {
    const event = raw as SQSEvent;
    const result = await deliver(event);
    if (!result.ok && opts.redeliver) {
      try {
        await opts.redeliver(event.Records);
        tally.redelivered++;
      } catch {
        tally.redeliveryErrors++; // the batch then waits out the visibility timeout, as it would anyway
      }
    }
    return result;
  };
}

