/**
 * Group policies, their traces and rosters (access patterns in ACCESS-PATTERNS.md, "Insurance").
 *
 * Isolation by construction: the policy item, its trace and its roster live in the
 * insurer's partition `T#<insurer>#POLICY#<policyId>`; the enterprise holding the policy
 * has a copy of the policy item under `T#<enterprise>#POLICY#<policyId>`. Every read
 * builds its key from the caller's own tenant id, so another tenant's policy id simply
 * finds nothing (404). Each roster period is also kept in the worker's partition, sorted
 * by enterprise, because a claim's coverage and the subsidy's three-year cap ask "which
 * enrolments does this worker have" rather than "who is on this policy".
 *
 * Every change is ONE transaction of the traced write path (store/traced-write.ts): the
 * policy, the enterprise's copy, the new trace entries and the side items (policy-number
 * claim, roster periods). So the two copies, the trace and the roster can
 * never disagree, and two writers cannot fork the chain.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Enrolment, Policy } from '../domain/insurance/policy';
import type { TraceEntry } from '../trace/chain';
import type { StoreContext } from './client';
import { queryIndexPage } from './index-page';
import { INDEX, keys } from './keys';
import type { ExtraWrite } from './orders-repository';
import { queryPartition } from './partition-query';
import { fieldStripper } from './strip-fields';
import { readTrace } from './trace-items';

/** The claim on an insurer's policy number: which policy has it, and a fingerprint of the issuing request. */
export interface PolicyNumberClaim {
  policyId: string;
  requestHash: string;
}

export interface PolicyPage {
  items: Policy[];
  nextSk?: string;
}

export interface RosterPage {
  items: Enrolment[];
  nextSk?: string;
}

const strip = fieldStripper(['pk', 'sk', 'gsi1pk', 'gsi1sk']);

export function policiesRepository(store: StoreContext) {
  const { doc, tableName } = store;

  const policyItem = (tenantId: string, policy: Policy) => ({
    ...keys.policy(tenantId, policy.policyId),
    ...policy,
    gsi1pk: keys.policiesByTime(tenantId),
    gsi1sk: keys.policyTimeSk(policy.issuedAt, policy.policyId),
  });

  const queryAll = (pk: string, prefix: string) => queryPartition(store, pk, prefix);

  return {
    /** A policy as `tenantId` sees it: the insurer's own, or the enterprise's copy. */
    async get(tenantId: string, policyId: string, consistent = false): Promise<Policy | undefined> {
      const out = await doc.send(new GetCommand({ TableName: tableName, Key: keys.policy(tenantId, policyId), ConsistentRead: consistent }));
      return out.Item ? strip<Policy>(out.Item) : undefined;
    },

    async numberClaim(insurerId: string, policyNumber: string): Promise<PolicyNumberClaim | undefined> {
      const out = await doc.send(new GetCommand({ TableName: tableName, Key: keys.policyNumber(insurerId, policyNumber), ConsistentRead: true }));
      return out.Item ? { policyId: String(out.Item.policyId), requestHash: String(out.Item.requestHash) } : undefined;
    },

    /** Claims a policy number for a new policy (in its issuing transaction; fails if the number is taken). */
    numberClaimWrite(insurerId: string, policyNumber: string, claim: PolicyNumberClaim): ExtraWrite {
      return {
        Put: {
          TableName: tableName,
          Item: { ...keys.policyNumber(insurerId, policyNumber), ...claim },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      };
    },

    /** A tenant's policies (issued or held), newest first. The cursor is the gsi1 sort key. */
    async list(tenantId: string, options: { limit: number; afterSk?: string }): Promise<PolicyPage> {
      const page = await queryIndexPage(store, {
        index: INDEX.byTime,
        pk: keys.policiesByTime(tenantId),
        limit: options.limit,
        afterSk: options.afterSk,
        tableKeysOf: (id) => keys.policy(tenantId, id),
      });
      return { items: page.items.map((item) => strip<Policy>(item)), nextSk: page.nextSk };
    },

    /** Every policy a tenant issued or holds (the subsidy report reads an enterprise's all). */
    async all(tenantId: string): Promise<Policy[]> {
      const items: Policy[] = [];
      let afterSk: string | undefined;
      do {
        const page = await this.list(tenantId, { limit: 100, afterSk });
        items.push(...page.items);
        afterSk = page.nextSk;
      } while (afterSk);
      return items;
    },

    /** The whole trace in seq order (strongly consistent). */
    async trace(insurerId: string, policyId: string): Promise<TraceEntry[]> {
      return readTrace(store, keys.policyPartition(insurerId, policyId));
    },

    /** One worker's periods on a policy's roster (strongly consistent: rules are decided on it). */
    async workerOnRoster(insurerId: string, policyId: string, workerId: string): Promise<Enrolment[]> {
      return (await queryAll(keys.policyPartition(insurerId, policyId), keys.rosterPrefix(workerId))).map((item) => strip<Enrolment>(item));
    },

    /** Every roster period of a policy (by worker id, then start). */
    async roster(insurerId: string, policyId: string): Promise<Enrolment[]> {
      return (await queryAll(keys.policyPartition(insurerId, policyId), keys.rosterPrefix())).map((item) => strip<Enrolment>(item));
    },

    /** A page of the roster, by worker id then start; the cursor is the sort key. */
    async rosterPage(insurerId: string, policyId: string, options: { limit: number; afterSk?: string }): Promise<RosterPage> {
      const pk = keys.policyPartition(insurerId, policyId);
      const prefix = keys.rosterPrefix();
      // A cursor outside the roster's sort keys could start the page elsewhere in the partition.
      const afterSk = options.afterSk?.startsWith(prefix) ? options.afterSk : undefined;
      const out = await doc.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
          Limit: options.limit,
          ExclusiveStartKey: afterSk ? { pk, sk: afterSk } : undefined,
        }),
      );
      const last = out.LastEvaluatedKey;
      return { items: (out.Items ?? []).map((item) => strip<Enrolment>(item)), nextSk: last ? String(last.sk) : undefined };
    },

    /** A worker's enrolments with one enterprise, or with every enterprise (strongly consistent). */
    async enrolmentsOfWorker(workerId: string, enterpriseId?: string): Promise<Enrolment[]> {
      return (await queryAll(keys.workerPartition(workerId), keys.workerEnrolmentPrefix(enterpriseId))).map((item) => strip<Enrolment>(item));
    },

    /** A new roster period: on the roster and in the worker's partition (neither may exist yet). */
    enrolmentPuts(enrolment: Enrolment): ExtraWrite[] {
      const { insurerId, enterpriseId, policyId, workerId, from } = enrolment;
      return [
        {
          Put: {
            TableName: tableName,
            Item: { pk: keys.policyPartition(insurerId, policyId), sk: keys.rosterSk(workerId, from), ...enrolment },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: tableName,
            Item: { pk: keys.workerPartition(workerId), sk: keys.workerEnrolmentSk(enterpriseId, policyId, from), ...enrolment },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ];
    },

    /** Ends a roster period on `until`, in both places, as it was read (its end unchanged meanwhile). */
    enrolmentEndWrites(enrolment: Enrolment, until: string, endedAt: string): ExtraWrite[] {
      const { insurerId, enterpriseId, policyId, workerId, from } = enrolment;
      const guard =
        enrolment.until === undefined
          ? { ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#u)' }
          : { ConditionExpression: 'attribute_exists(pk) AND #u = :was', ExpressionAttributeValues: { ':was': enrolment.until } };
      const update = (key: { pk: string; sk: string }): ExtraWrite => ({
        Update: {
          TableName: tableName,
          Key: key,
          UpdateExpression: 'SET #u = :until, endedAt = :at',
          ...guard,
          ExpressionAttributeNames: { '#u': 'until' },
          ExpressionAttributeValues: { ...(guard.ExpressionAttributeValues ?? {}), ':until': until, ':at': endedAt },
        },
      });
      return [
        update({ pk: keys.policyPartition(insurerId, policyId), sk: keys.rosterSk(workerId, from) }),
        update({ pk: keys.workerPartition(workerId), sk: keys.workerEnrolmentSk(enterpriseId, policyId, from) }),
      ];
    },

    /**
     * The policy as the traced write path stores it (store/traced-write.ts): the insurer's
     * item, whose version guard serializes writers, then the enterprise's copy that follows it.
     */
    record(policy: Policy) {
      return {
        items: [policyItem(policy.insurerId, policy), policyItem(policy.enterpriseId, policy)],
        tracePartition: keys.policyPartition(policy.insurerId, policy.policyId),
      };
    },
  };
}
