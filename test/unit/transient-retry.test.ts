import { describe, expect, it } from 'vitest';
import { isTransient, TRANSIENT_RETRY, withTransientRetry } from '../../shared/lib/transient-retry';
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
    const w = failing([throttled(), new TracedWriteConflict('ORDER#o1')]);
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
