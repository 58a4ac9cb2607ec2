/**
 * What the API shows of a complaint. Lists carry no free text (description, note): a
 * handler reads it only by opening one complaint. Actors show their role, not key ids.
 */
import type * as z from 'zod/mini';
import type { ComplaintSummary, ComplaintView } from '../schemas/complaints';
import type { Complaint } from '../store/complaints-repository';

export function complaintSummary(c: Complaint): z.infer<typeof ComplaintSummary> {
  return {
    complaintId: c.complaintId,
    orderId: c.orderId,
    status: c.status,
    source: c.source,
    category: c.category as z.infer<typeof ComplaintSummary>['category'],
    ...(c.workerId !== undefined ? { workerId: c.workerId } : {}),
    ...(c.claimId !== undefined ? { claimId: c.claimId } : {}),
    openedAt: c.openedAt,
    openedBy: { role: c.openedBy.role },
    ...(c.resolution !== undefined ? { resolution: c.resolution as z.infer<typeof ComplaintSummary>['resolution'] } : {}),
    ...(c.resolvedAt !== undefined ? { resolvedAt: c.resolvedAt } : {}),
    ...(c.resolvedBy !== undefined ? { resolvedBy: { role: c.resolvedBy.role } } : {}),
  };
}

export function complaintView(c: Complaint): z.infer<typeof ComplaintView> {
  return { ...complaintSummary(c), description: c.description, ...(c.note !== undefined ? { note: c.note } : {}) };
}
