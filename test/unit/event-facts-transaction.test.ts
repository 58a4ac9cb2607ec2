/**
 * How the credit facts repository (shared/store/credit-facts-repository.ts) reads a
 * cancelled transaction, with a fake client: DynamoDB Local runs transactions one at a
 * time, so the conflicts a busy month item meets in AWS never happen in the integration
 * tests. The marker refusing is a duplicate; a conflict is tried again, a bounded number
 * of times; anything else is an error.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { EventFacts } from '../../shared/domain/credit/event-facts';
import { CreditFactsBusy, creditFactsRepository } from '../../shared/store/credit-facts-repository';
import { RETRY } from '../../shared/store/traced-write';

const FACTS: EventFacts = {
  eventId: 'evt_01JDX3S5Z8Q4K7M2N9P6R3T5V8',
  enterprise: { tenantId: 'ten_01JDX3S5Z8Q4K7M2N9P6R3T5V9', period: '2026-12', counters: { ratings: 1, ratingStarsSum: 4 } },
  worker: { workerId: 'wkr_01JDX3S5Z8Q4K7M2N9P6R3T5VB', period: '2026-12', counters: { ratings: 1, ratingStarsSum: 4 } },
};

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });

/** A client whose transactions answer `outcomes` in turn (an error is thrown, anything else succeeds). */
function fakeStore(outcomes: unknown[]) {
  const sent: TransactWriteCommand[] = [];
  const doc = {
    send: async (command: TransactWriteCommand) => {
      sent.push(command);
      const outcome = outcomes.shift();
      if (outcome instanceof Error) throw outcome;
      return {};
    },
  } as unknown as DynamoDBDocumentClient;
  const pauses: number[] = [];
  const pause = async (attempt: number) => pauses.push(attempt);
  return { repo: creditFactsRepository({ doc, tableName: 'table' }), sent, pauses, pause };
}

describe('applyEventFacts', () => {
  it('writes the marker (must not exist, expires) first, then ADD on the enterprise and the worker month', async () => {
    const { repo, sent } = fakeStore([undefined]);
    expect(await repo.applyEventFacts(FACTS, { now: new Date('2026-12-01T00:00:00Z') })).toBe('counted');
    const [marker, enterprise, worker] = sent[0]!.input.TransactItems!;
    expect(marker!.Put).toMatchObject({ Item: { pk: `CREDITEVENT#${FACTS.eventId}`, expiresAt: Date.parse('2026-12-01T00:00:00Z') / 1000 + 90 * 86_400 }, ConditionExpression: 'attribute_not_exists(pk)' });
    expect(enterprise!.Update).toMatchObject({ Key: { pk: `T#${FACTS.enterprise!.tenantId}#CREDITFACTS`, sk: 'MONTH#2026-12' }, UpdateExpression: 'SET #f0 = :f0, #f1 = :f1 ADD #c0 :c0, #c1 :c1' });
    expect(enterprise!.Update!.ExpressionAttributeValues).toEqual({ ':f0': FACTS.enterprise!.tenantId, ':f1': '2026-12', ':c0': 1, ':c1': 4 });
    expect(worker!.Update).toMatchObject({ Key: { pk: `WORKER#${FACTS.worker!.workerId}`, sk: 'CREDITFACTS#2026-12' } });
  });

  it('the marker refusing is a duplicate, even when another part conflicted too', async () => {
    expect(await fakeStore([cancelled('ConditionalCheckFailed', 'None', 'None')]).repo.applyEventFacts(FACTS)).toBe('duplicate');
    expect(await fakeStore([cancelled('ConditionalCheckFailed', 'TransactionConflict', 'None')]).repo.applyEventFacts(FACTS)).toBe('duplicate');
  });

  it('tries a conflicting transaction again after a pause, and then finds a duplicate or counts', async () => {
    const again = fakeStore([cancelled('None', 'TransactionConflict', 'None'), cancelled('TransactionConflict', 'None', 'None'), undefined]);
    expect(await again.repo.applyEventFacts(FACTS, { pause: again.pause })).toBe('counted');
    expect(again.sent).toHaveLength(3);
    expect(again.pauses).toEqual([2, 3]);
    const dup = fakeStore([cancelled('None', 'TransactionConflict', 'None'), cancelled('ConditionalCheckFailed', 'None', 'None')]);
    expect(await dup.repo.applyEventFacts(FACTS, { pause: dup.pause })).toBe('duplicate');
  });

  it(`gives up after ${RETRY.attempts} conflicts: safe to retry later`, async () => {
    const busy = fakeStore(Array.from({ length: RETRY.attempts }, () => cancelled('None', 'TransactionConflict', 'None')));
    await expect(busy.repo.applyEventFacts(FACTS, { pause: busy.pause })).rejects.toThrow(CreditFactsBusy);
    expect(busy.sent).toHaveLength(RETRY.attempts);
  });

  it('any other failure is an error, not a duplicate', async () => {
    await expect(fakeStore([cancelled('None', 'ValidationError', 'None')]).repo.applyEventFacts(FACTS)).rejects.toThrow(TransactionCanceledException);
    await expect(fakeStore([new Error('throttled')]).repo.applyEventFacts(FACTS)).rejects.toThrow('throttled');
  });
});
