/**
 * Claims and their traces (access patterns 49–54 in ACCESS-PATTERNS.md). The only
 * place that knows how a claim is laid out in the table.
 *
 * The claim lives in the filing enterprise's partition (`T#<enterprise>#CLAIM#<id>`) with
 * its trace entries. A covered claim also has a pointer in its insurer's partition
 * (`T#<insurer>#INSURERCLAIM#<id>`) that names the enterprise and carries the list fields
 * (ids, amounts, status — no free text). Every change writes claim, trace entry, event
 * outcome and pointer in ONE transaction (store/traced-write.ts), so the insurer's view never disagrees with the
 * claim, and an insurer reaches a claim only through a pointer under its own tenant id.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Claim } from '../domain/insurance/claim';
import type { ClaimStatus } from '../domain/insurance/claim-state-machine';
import type { TraceEntry } from '../trace/chain';
import type { StoreContext } from './client';
import { queryIndexPage } from './index-page';
import { INDEX, keys } from './keys';
import { fieldStripper } from './strip-fields';
import { readTrace } from './trace-items';

export interface StoredClaim extends Claim {
  /** The last trace entry, so verification also catches a removed tail. */
  traceHead: { seq: number; hash: string };
}

/** The insurer's pointer to a claim: where it is, and what a list shows of it. */
export interface InsurerClaimPointer {
  claimId: string;
  enterpriseId: string;
  insurerId: string;
  orderId: string;
  type: Claim['type'];
  status: ClaimStatus;
  occurredAt: string;
  filedAt: string;
  amountClaimedFen: number;
  policyId?: string;
  policyNumber?: string;
  workerId?: string;
  outcome?: string;
  amountApprovedFen?: number;
  amountPaidFen?: number;
  version: number;
  updatedAt: string;
}

export interface ClaimPage<T> {
  items: T[];
  /** The sort key of the last item read; the next page starts after it. */
  nextSk?: string;
}

const strip = fieldStripper(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk']);

function claimItem(claim: StoredClaim) {
  const t = claim.tenantId;
  const timeSk = keys.claimTimeSk(claim.filedAt, claim.claimId);
  return {
    ...keys.claim(t, claim.claimId),
    ...claim,
    gsi1pk: keys.claimsByTime(t),
    gsi1sk: timeSk,
    gsi2pk: keys.claimsByStatus(t, claim.status),
    gsi2sk: timeSk,
  };
}

export function pointerOf(claim: Claim & { insurerId: string }): InsurerClaimPointer {
  return {
    claimId: claim.claimId,
    enterpriseId: claim.tenantId,
    insurerId: claim.insurerId,
    orderId: claim.orderId,
    type: claim.type,
    status: claim.status,
    occurredAt: claim.occurredAt,
    filedAt: claim.filedAt,
    amountClaimedFen: claim.amountClaimedFen,
    ...(claim.policyId !== undefined ? { policyId: claim.policyId } : {}),
    ...(claim.policyNumber !== undefined ? { policyNumber: claim.policyNumber } : {}),
    ...(claim.workerId !== undefined ? { workerId: claim.workerId } : {}),
    ...(claim.decision ? { outcome: claim.decision.outcome, amountApprovedFen: claim.decision.amountApprovedFen } : {}),
    ...(claim.payment ? { amountPaidFen: claim.payment.amountPaidFen } : {}),
    version: claim.version,
    updatedAt: claim.updatedAt,
  };
}

function pointerItem(pointer: InsurerClaimPointer) {
  const i = pointer.insurerId;
  const timeSk = keys.claimTimeSk(pointer.filedAt, pointer.claimId);
  return {
    ...keys.insurerClaim(i, pointer.claimId),
    ...pointer,
    gsi1pk: keys.insurerClaimsByTime(i),
    gsi1sk: timeSk,
    gsi2pk: keys.insurerClaimsByStatus(i, pointer.status),
    gsi2sk: timeSk,
  };
}

export function claimsRepository(store: StoreContext) {
  const { doc, tableName } = store;

  return {
    async get(tenantId: string, claimId: string, consistent = false): Promise<StoredClaim | undefined> {
      const out = await doc.send(new GetCommand({ TableName: tableName, Key: keys.claim(tenantId, claimId), ConsistentRead: consistent }));
      return out.Item ? strip<StoredClaim>(out.Item) : undefined;
    },

    /** The insurer's pointer to a claim; undefined when the claim is not addressed to this insurer. */
    async pointer(insurerId: string, claimId: string, consistent = false): Promise<InsurerClaimPointer | undefined> {
      const out = await doc.send(new GetCommand({ TableName: tableName, Key: keys.insurerClaim(insurerId, claimId), ConsistentRead: consistent }));
      return out.Item ? strip<InsurerClaimPointer>(out.Item) : undefined;
    },

    /**
     * The claim as the traced write path stores it (store/traced-write.ts): the claim, then
     * (covered claims) the insurer's pointer, which the claim's version guard serializes.
     */
    record(claim: StoredClaim) {
      const covered = claim.insurerId !== undefined && claim.status !== 'not-covered';
      return {
        items: [claimItem(claim), ...(covered ? [pointerItem(pointerOf(claim as StoredClaim & { insurerId: string }))] : [])],
        tracePartition: keys.claimPartition(claim.tenantId, claim.claimId),
      };
    },

    /** The whole trace in seq order (strongly consistent, so a verification sees every committed entry). */
    async trace(tenantId: string, claimId: string): Promise<TraceEntry[]> {
      return readTrace(store, keys.claimPartition(tenantId, claimId));
    },

    /** An enterprise's claims, newest filing first, all or one status. The sort key never changes, so cursors survive status changes. */
    async list(tenantId: string, options: { status?: ClaimStatus; limit: number; afterSk?: string }): Promise<ClaimPage<StoredClaim>> {
      const { index, pk } = options.status
        ? { index: INDEX.byStatus, pk: keys.claimsByStatus(tenantId, options.status) }
        : { index: INDEX.byTime, pk: keys.claimsByTime(tenantId) };
      const page = await queryIndexPage(store, { index, pk, limit: options.limit, afterSk: options.afterSk, tableKeysOf: (id) => keys.claim(tenantId, id) });
      return { items: page.items.map((item) => strip<StoredClaim>(item)), nextSk: page.nextSk };
    },

    /** The claims addressed to an insurer (its pointers), newest filing first, all or one status. */
    async listForInsurer(insurerId: string, options: { status?: ClaimStatus; limit: number; afterSk?: string }): Promise<ClaimPage<InsurerClaimPointer>> {
      const { index, pk } = options.status
        ? { index: INDEX.byStatus, pk: keys.insurerClaimsByStatus(insurerId, options.status) }
        : { index: INDEX.byTime, pk: keys.insurerClaimsByTime(insurerId) };
      const page = await queryIndexPage(store, {
        index,
        pk,
        limit: options.limit,
        afterSk: options.afterSk,
        tableKeysOf: (id) => keys.insurerClaim(insurerId, id),
      });
      return { items: page.items.map((item) => strip<InsurerClaimPointer>(item)), nextSk: page.nextSk };
    },
  };
}
