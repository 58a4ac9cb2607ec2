import { describe, expect, it } from 'vitest';
import { equalJitterMs, fullJitterMs } from '../../shared/lib/backoff';
import { handleCommandRecord } from '../../shared/lib/command-record';
import { isTransient, TRANSIENT_RETRY, withTransientRetry } from '../../shared/lib/transient-retry';
import { captureEverythingLogged } from '../support/log-capture';
import { TracedWriteConflict } from '../../shared/store/traced-write-conflict';

const throttled = () => Object.assign(new Error('over capacity'), { name: 'ProvisionedThroughputExceededException' });
const noPause = () => 0;

/** Work that fails with `errors` in turn, then answers. */
function failing(errors: Error[]) {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    work: async () => {
      const error = errors[calls++];
      if (error) throw error;
      return 'done';
    },
  };
}

describe('withTransientRetry', () => {
  it('repeats work that was throttled or met conflicting writers, then answers', async () => {
    const w = failing([throttled(), new TracedWriteConflict('busy')]);
    await expect(withTransientRetry(w.work, noPause)).resolves.toBe('done');
    expect(w.calls).toBe(3);
  });

  it(`gives up after ${TRANSIENT_RETRY.attempts} attempts with the last failure`, async () => {
    const errors = Array.from({ length: TRANSIENT_RETRY.attempts + 1 }, throttled);
    const w = failing(errors);
    await expect(withTransientRetry(w.work, noPause)).rejects.toBe(errors[TRANSIENT_RETRY.attempts - 1]);
    expect(w.calls).toBe(TRANSIENT_RETRY.attempts);
  });

  it('lets any other failure through at once', async () => {
    const denied = Object.assign(new Error('no'), { name: 'AccessDeniedException' });
    const w = failing([denied]);
    await expect(withTransientRetry(w.work, noPause)).rejects.toBe(denied);
    expect(w.calls).toBe(1);
    expect(isTransient(denied)).toBe(false);
    expect(isTransient(new Error('boom'))).toBe(false);
  });
});

describe('handleCommandRecord', () => {
  const logged = captureEverythingLogged();
  const ids = { eventId: 'evt_1', orderId: 'ord_1', type: 'order.assign', messageId: 'm-1' };
  const lines = () => logged.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

  it('logs the outcome with the ids, and a failure with the ids and the error name, then throws it', async () => {
    await handleCommandRecord('order command', ids, async () => 'applied');
    const denied = Object.assign(new Error('User: arn:aws:sts::1:assumed-role/x is not authorized'), { name: 'AccessDeniedException' });
    await expect(handleCommandRecord('order command', ids, () => Promise.reject(denied))).rejects.toBe(denied);
    expect(lines().map(({ level, message, eventId, orderId, type, messageId, outcome, error }) => ({ level, message, eventId, orderId, type, messageId, outcome, error }))).toEqual([
      { level: 'INFO', message: 'order command', ...ids, outcome: 'applied', error: undefined },
      { level: 'WARN', message: 'order command failed', ...ids, outcome: undefined, error: 'AccessDeniedException' },
    ]);
    // The error's name only: its message is not the log's to carry.
    expect(logged.join('')).not.toContain('not authorized');
  });
});

describe('the pauses between retries (shared/lib/backoff.ts)', () => {
  it('full jitter: up to a cap that doubles per attempt, never above maxMs', () => {
    const backoff = { baseMs: 200, maxMs: 2_000 };
    expect([1, 2, 3, 4, 5, 9].map((n) => fullJitterMs(n, backoff, () => 1))).toEqual([200, 400, 800, 1_600, 2_000, 2_000]);
    expect(fullJitterMs(3, backoff, () => 0)).toBe(0);
  });

  it('equal jitter: the doubled pause, its upper half random', () => {
    expect([1, 2, 3].map((n) => equalJitterMs(n, 100, () => 0))).toEqual([50, 100, 200]);
    expect([1, 2, 3].map((n) => equalJitterMs(n, 100, () => 1))).toEqual([100, 200, 400]);
  });
});
