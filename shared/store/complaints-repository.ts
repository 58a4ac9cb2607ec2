/**
 * Complaints (access patterns 16–20). A complaint is written only by the orders consumer,
 * inside the transaction that appends the complaint's entry to the order's trace, so the
 * complaint item and the trace can never disagree. Its own partition makes it readable by
 * id alone; gsi1/gsi2 list a tenant's complaints (all, or by status) newest first.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { StoreContext } from './client';
import { INDEX, keys } from './keys';
import { queryIndexPage } from './index-page';
import type { ExtraWrite } from './orders-repository';

export type ComplaintStatus = 'open' | 'resolved';
export const COMPLAINT_STATUSES: readonly ComplaintStatus[] = ['open', 'resolved'];

export interface ComplaintActor {
  tenantId: string;
  role: string;
  keyId: string;
}

export interface Complaint {
  complaintId: string;
  tenantId: string;
  orderId: string;
  source: 'household' | 'enterprise';
  category: string;
  /** Free text that may hold personal data: stored here and nowhere else. */
  description: string;
  status: ComplaintStatus;
  openedAt: string;
  openedBy: ComplaintActor;
  openEventId: string;
  /** The worker assigned to the order when the complaint was opened. */
  workerId?: string;
  /** The claim filed for this complaint, if any (reserved: nothing links the two yet). */
  claimId?: string;
  resolution?: string;
  note?: string;
  resolvedAt?: string;
  resolvedBy?: ComplaintActor;
  resolveEventId?: string;
}

export interface ComplaintPage {
  items: Complaint[];
  /** The sort key of the last item read; the next page starts after it. */
  nextSk?: string;
}

const INDEX_FIELDS = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'];

function toComplaint(item: Record<string, unknown>): Complaint {
  const copy = { ...item };
  for (const field of INDEX_FIELDS) delete copy[field];
  return copy as unknown as Complaint;
}

/** The items the consumer writes with the order when a complaint is opened. */
export function openComplaintWrites(tableName: string, complaint: Complaint): ExtraWrite[] {
  const t = complaint.tenantId;
  const timeSk = keys.complaintTimeSk(complaint.openedAt, complaint.complaintId);
  return [
    {
      Put: {
        TableName: tableName,
        Item: {
          ...keys.complaint(t, complaint.complaintId),
          ...complaint,
          gsi1pk: keys.complaintsByTime(t),
          gsi1sk: timeSk,
          gsi2pk: keys.complaintsByStatus(t, 'open'),
          gsi2sk: timeSk,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Update: {
        TableName: tableName,
        Key: keys.tenantComplaints(t),
        UpdateExpression: 'ADD complaintCount :one, openComplaintCount :one',
        ExpressionAttributeValues: { ':one': 1 },
      },
    },
  ];
}

/** The items the consumer writes with the order when a complaint is resolved (guarded: open → resolved once). */
export function resolveComplaintWrites(
  tableName: string,
  tenantId: string,
  complaintId: string,
  resolved: { resolution: string; note?: string; resolvedAt: string; resolvedBy: ComplaintActor; resolveEventId: string },
): ExtraWrite[] {
  const values: Record<string, unknown> = {
    ':resolved': 'resolved',
    ':open': 'open',
    ':resolution': resolved.resolution,
    ':at': resolved.resolvedAt,
    ':by': resolved.resolvedBy,
    ':event': resolved.resolveEventId,
    ':statusPk': keys.complaintsByStatus(tenantId, 'resolved'),
  };
  const note = resolved.note === undefined ? '' : ', note = :note';
  if (resolved.note !== undefined) values[':note'] = resolved.note;
  return [
    {
      Update: {
        TableName: tableName,
        Key: keys.complaint(tenantId, complaintId),
        UpdateExpression: `SET #s = :resolved, resolution = :resolution, resolvedAt = :at, resolvedBy = :by, resolveEventId = :event, gsi2pk = :statusPk${note}`,
        ConditionExpression: '#s = :open',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: values,
      },
    },
    {
      Update: {
        TableName: tableName,
        Key: keys.tenantComplaints(tenantId),
        UpdateExpression: 'ADD openComplaintCount :minus, resolvedComplaintCount :one',
        ExpressionAttributeValues: { ':minus': -1, ':one': 1 },
      },
    },
  ];
}

export function complaintsRepository(store: StoreContext) {
  const { doc, tableName } = store;
  return {
    async get(tenantId: string, complaintId: string, consistent = false): Promise<Complaint | undefined> {
      const out = await doc.send(
        new GetCommand({ TableName: tableName, Key: keys.complaint(tenantId, complaintId), ConsistentRead: consistent }),
      );
      return out.Item ? toComplaint(out.Item) : undefined;
    },

    /**
     * Newest first, all or one status. The sort key (opening time + id) never changes, so a
     * cursor stays valid while complaints are resolved underneath; one that left the status
     * filter is simply not seen again.
     */
    async list(tenantId: string, options: { status?: ComplaintStatus; limit: number; afterSk?: string }): Promise<ComplaintPage> {
      const { index, pk } = options.status
        ? { index: INDEX.byStatus, pk: keys.complaintsByStatus(tenantId, options.status) }
        : { index: INDEX.byTime, pk: keys.complaintsByTime(tenantId) };
      const page = await queryIndexPage(store, { index, pk, limit: options.limit, afterSk: options.afterSk, tableKeysOf: (id) => keys.complaint(tenantId, id) });
      return { items: page.items.map(toComplaint), nextSk: page.nextSk };
    },

    /** The enterprise's complaint roll-up (zeros before its first complaint). */
    async rollUp(tenantId: string): Promise<{ complaintCount: number; openComplaintCount: number; resolvedComplaintCount: number }> {
      const out = await doc.send(new GetCommand({ TableName: tableName, Key: keys.tenantComplaints(tenantId), ConsistentRead: true }));
      const item = out.Item ?? {};
      return {
        complaintCount: Number(item.complaintCount ?? 0),
        openComplaintCount: Number(item.openComplaintCount ?? 0),
        resolvedComplaintCount: Number(item.resolvedComplaintCount ?? 0),
      };
    },
  };
}
