/**
 * Delayed EventBridge targets for chaos mode: every delivery to a rule's target (an SQS
 * queue or a function) waits a random time up to the spec's `events-delay` before it is
 * sent. EventBridge promises neither order nor timing, so deliveries of events published
 * one after another may arrive in another order, as they can on AWS. PutEvents itself still
 * answers at once; only the targets wait.
 */
import type { TargetSinks } from '../eventbridge/targets';
import type { Random } from './random';

export interface DelayedTargets<T extends TargetSinks> {
  sinks: T;
  /** Deliveries delayed so far. */
  delayed(): number;
  /** Ends pending waits at once (the deliveries then go ahead or fail on stopped endpoints). */
  close(): void;
}

export function delayTargets<T extends TargetSinks>(sinks: T, maxDelayMs: number, random: Random): DelayedTargets<T> {
  const waits = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  let delayed = 0;
  const wait = () =>
    new Promise<void>((resolve) => {
      delayed++;
      const entry = {
        timer: setTimeout(() => {
          waits.delete(entry);
          resolve();
        }, Math.round(random() * maxDelayMs)),
        resolve,
      };
      waits.add(entry);
    });
  return {
    sinks: {
      ...sinks,
      async sendToQueue(queueLogicalId, body, messageGroupId) {
        await wait();
        return sinks.sendToQueue(queueLogicalId, body, messageGroupId);
      },
      async invokeFunction(functionLogicalId, event) {
        await wait();
        return sinks.invokeFunction(functionLogicalId, event);
      },
    },
    delayed: () => delayed,
    close() {
      for (const w of waits) {
        clearTimeout(w.timer);
        w.resolve();
      }
      waits.clear();
    },
  };
}
