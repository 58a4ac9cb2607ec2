/**
 * What the API shows of a claim. Lists carry no free text (place, description, document
 * references, the decision's reason, the payment reference): a caller reads those by
 * opening one claim. Internal fields (trace head) stay inside.
 */
import type * as z from 'zod/mini';
import type { ClaimFilingView, ClaimSummary, ClaimView } from '../schemas/claims';
import type { EventRecord } from '../store/events-repository';
import type { InsurerClaimPointer, StoredClaim } from '../store/claims-repository';

type Summary = z.infer<typeof ClaimSummary>;

/** Fields in a fixed, readable order (DynamoDB returns attributes in no particular order). */
export function claimSummary(c: StoredClaim): Summary {
  return {
    claimId: c.claimId,
    enterpriseId: c.tenantId,
    orderId: c.orderId,
    type: c.type,
    status: c.status,
    occurredAt: c.occurredAt,
    filedAt: c.filedAt,
    amountClaimedFen: c.amountClaimedFen,
    ...(c.insurerId !== undefined ? { insurerId: c.insurerId } : {}),
    ...(c.policyId !== undefined ? { policyId: c.policyId } : {}),
    ...(c.policyNumber !== undefined ? { policyNumber: c.policyNumber } : {}),
    ...(c.workerId !== undefined ? { workerId: c.workerId } : {}),
    ...(c.notCovered ? { notCovered: { reason: c.notCovered.reason, detail: c.notCovered.detail } } : {}),
    ...(c.decision ? { outcome: c.decision.outcome, amountApprovedFen: c.decision.amountApprovedFen } : {}),
    ...(c.payment ? { amountPaidFen: c.payment.amountPaidFen } : {}),
    version: c.version,
    updatedAt: c.updatedAt,
  };
}

/** An insurer's list row, from its pointer (the same fields, read without touching the claim). */
export function pointerSummary(p: InsurerClaimPointer): Summary {
  return {
    claimId: p.claimId,
    enterpriseId: p.enterpriseId,
    orderId: p.orderId,
    type: p.type,
    status: p.status,
    occurredAt: p.occurredAt,
    filedAt: p.filedAt,
    amountClaimedFen: p.amountClaimedFen,
    insurerId: p.insurerId,
    ...(p.policyId !== undefined ? { policyId: p.policyId } : {}),
    ...(p.policyNumber !== undefined ? { policyNumber: p.policyNumber } : {}),
    ...(p.workerId !== undefined ? { workerId: p.workerId } : {}),
    ...(p.outcome !== undefined ? { outcome: p.outcome as Summary['outcome'] } : {}),
    ...(p.amountApprovedFen !== undefined ? { amountApprovedFen: p.amountApprovedFen } : {}),
    ...(p.amountPaidFen !== undefined ? { amountPaidFen: p.amountPaidFen } : {}),
    version: p.version,
    updatedAt: p.updatedAt,
  };
}

export function claimView(c: StoredClaim): z.infer<typeof ClaimView> {
  const e = c.evidence;
  return {
    ...claimSummary(c),
    place: c.place,
    description: c.description,
    documents: c.documents.map((d) => ({ kind: d.kind, ref: d.ref, sha256: d.sha256 })),
    ...(e
      ? {
          evidence:
            e.basis === 'attendance-day'
              ? { basis: e.basis, date: e.date }
              : { basis: e.basis, checkInAt: e.checkInAt, ...(e.checkOutAt !== undefined ? { checkOutAt: e.checkOutAt } : {}) },
        }
      : {}),
    ...(c.decision
      ? { decision: { outcome: c.decision.outcome, amountApprovedFen: c.decision.amountApprovedFen, reason: c.decision.reason, decidedAt: c.decision.decidedAt } }
      : {}),
    ...(c.payment
      ? { payment: { amountPaidFen: c.payment.amountPaidFen, paidOn: c.payment.paidOn, reference: c.payment.reference, recordedAt: c.payment.recordedAt } }
      : {}),
  };
}

/** A filing the claims consumer has not applied (accepted), or refused before storing a claim (rejected). */
export function claimFilingView(event: EventRecord): z.infer<typeof ClaimFilingView> {
  return {
    claimId: event.subjectId,
    enterpriseId: event.tenantId,
    status: event.status === 'rejected' ? 'rejected' : 'accepted',
    eventId: event.eventId,
    filedAt: event.acceptedAt,
    ...(event.status === 'rejected' && event.reason !== undefined ? { reason: event.reason } : {}),
  };
}
