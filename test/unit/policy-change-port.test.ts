/**
 * A service's decisions through the write path's store port, without DynamoDB: the policy
 * change is decided again on fresh state after a conflict, answers with a domain outcome,
 * and gives up with the one conflict type when the record keeps moving. (What DynamoDB
 * refuses is tested against DynamoDB Local: test/integration/traced-write.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import type { Caller } from '../../shared/auth/roles';
import type { Policy } from '../../shared/domain/insurance/policy';
import { commitPolicyChange } from '../../shared/services/policy-change';
import type { StoreContext } from '../../shared/store/client';
import { RETRY, TracedWriteConflict, type TracedStore, type TracedWrite } from '../../shared/store/traced-write';

const insurer: Caller = { tenantId: 'ten_insurer', role: 'insurer', keyId: 'key_i' };

function storeWith(refusals: number): StoreContext & { commits: TracedWrite[] } {
  const commits: TracedWrite[] = [];
  const traced: TracedStore = {
    async commit(write) {
      if (refusals-- > 0) throw new TracedWriteConflict('record');
      commits.push(write);
    },
  };
  // No DynamoDB behind it: the plan reads nothing, and every write goes through `traced`.
  return { doc: undefined as never, tableName: 'T', traced, commits };
}

const policy = { policyId: 'pol_1', insurerId: insurer.tenantId, enterpriseId: 'ten_e', status: 'active', issuedAt: '2026-01-01T00:00:00Z' } as unknown as Omit<Policy, 'version' | 'traceHead'>;

function request(decisions: number[]) {
  return {
    caller: insurer,
    naturalKey: 'issue:pol_1',
    plan: async () => {
      decisions.push(decisions.length + 1);
      return {
        kind: 'change' as const,
        before: undefined,
        after: policy,
        entries: [{ type: 'policy.issued', payload: { policyId: 'pol_1' } }],
        answer: (p: Policy) => ({ created: true, body: { policyId: p.policyId, version: p.version } }),
        workerIds: ['wkr_1'],
      };
    },
  };
}

describe('commitPolicyChange through the store port', () => {
  it('decides again after a conflict, writes once, answers created, then refreshes the workers', async () => {
    const store = storeWith(1);
    const decisions: number[] = [];
    const refreshed: string[] = [];
    const answer = await commitPolicyChange({ store, afterChange: async (id) => refreshed.push(id) }, request(decisions));
    expect(answer).toEqual({ created: true, body: { policyId: 'pol_1', version: 1 } });
    expect(decisions).toEqual([1, 2]);
    expect(store.commits).toHaveLength(1);
    // The insurer's item (guarded) and the enterprise's copy, one trace entry in the insurer's partition.
    expect(store.commits[0]!.items.map((i) => i.pk)).toEqual(['T#ten_insurer#POLICY#pol_1', 'T#ten_e#POLICY#pol_1']);
    expect(store.commits[0]!.entries.map((e) => e.seq)).toEqual([1]);
    expect(refreshed).toEqual(['wkr_1']);
  });

  it('gives up with TracedWriteConflict after RETRY.attempts decisions', async () => {
    const store = storeWith(100);
    const decisions: number[] = [];
    await expect(commitPolicyChange({ store }, request(decisions))).rejects.toBeInstanceOf(TracedWriteConflict);
    expect(decisions).toHaveLength(RETRY.attempts);
  });
});
