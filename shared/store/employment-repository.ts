/**
 * Employment links between workers and enterprises: what the assignment rule checks
 * ("only workers linked to the same enterprise"), at `T#<tenant>#WORKER#<workerId>` /
 * `EMPLOYMENT` with `status = current`. The worker registry writes them (inside its
 * transactions, through `linkWrite`/`periodWrite`), lists them per enterprise (gsi1, gsi2)
 * and reads one to decide who may see a worker; tests and seeds may still use `link`.
 *
 * A link is private to its enterprise: the key starts with the tenant, so no other tenant's
 * request can build it.
 */
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { EmploymentTerm } from '../domain/subsidy/facts';
import type { EmploymentStatus, EndReason } from '../domain/worker/employment';
import type { StoreContext } from './client';
import { INDEX, keys } from './keys';
import { queryIndexPage } from './index-page';
import type { ExtraWrite } from './orders-repository';

export interface EmploymentLink {
  tenantId: string;
  workerId: string;
  status: EmploymentStatus;
  since: string;
  until?: string;
  /** What the worker does for this enterprise (declared at registration). */
  serviceCategories?: string[];
  /** Copied from the worker at registration, so the enterprise's list needs no read of the worker. */
  nameMasked?: string;
  endReason?: EndReason;
  /** Its types over time (labour contract, service agreement), oldest first; kept into the finished period. */
  terms?: EmploymentTerm[];
}

/** A finished period of a link (history; the link item itself is reused when the worker is re-hired). */
export interface EmploymentPeriod {
  since: string;
  until: string;
  endReason?: EndReason;
  /** The link's terms, the last one closed on `until`. */
  terms?: EmploymentTerm[];
}

export interface EmploymentPage {
  items: EmploymentLink[];
  nextSk?: string;
}

const LINK_FIELDS = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'];
function toLink(item: Record<string, unknown>): EmploymentLink {
  const copy = { ...item };
  for (const field of LINK_FIELDS) delete copy[field];
  return copy as unknown as EmploymentLink;
}

const listSk = (link: EmploymentLink) => `${link.since}#${link.workerId}`;

export function employmentRepository(store: StoreContext) {
  const { doc, tableName } = store;
  const linkItem = (link: EmploymentLink) => ({
    ...keys.employment(link.tenantId, link.workerId),
    ...link,
    gsi1pk: keys.workersByTime(link.tenantId),
    gsi1sk: listSk(link),
    gsi2pk: keys.workersByStatus(link.tenantId, link.status),
    gsi2sk: listSk(link),
  });

  return {
    async isCurrent(tenantId: string, workerId: string): Promise<boolean> {
      const out = await doc.send(
        new GetCommand({ TableName: tableName, Key: keys.employment(tenantId, workerId), ConsistentRead: true }),
      );
      return out.Item?.status === 'current';
    },

    async link(link: EmploymentLink): Promise<void> {
      await doc.send(new PutCommand({ TableName: tableName, Item: linkItem(link) }));
    },

    async get(tenantId: string, workerId: string, consistent = false): Promise<EmploymentLink | undefined> {
      const out = await doc.send(
        new GetCommand({ TableName: tableName, Key: keys.employment(tenantId, workerId), ConsistentRead: consistent }),
      );
      return out.Item ? toLink(out.Item) : undefined;
    },

    /**
     * The link as a write in a worker transaction. `expected` is the status it was decided
     * on (undefined: no link yet), so a concurrent change of the same link cancels it.
     */
    linkWrite(link: EmploymentLink, expected: EmploymentStatus | undefined): ExtraWrite {
      return {
        Put: {
          TableName: tableName,
          Item: linkItem(link),
          ...(expected === undefined
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : { ConditionExpression: '#s = :expected', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':expected': expected } }),
        },
      };
    },

    periodWrite(tenantId: string, workerId: string, period: EmploymentPeriod): ExtraWrite {
      return { Put: { TableName: tableName, Item: { ...keys.employmentPeriod(tenantId, workerId, period.since), ...period } } };
    },

    /** Earlier periods of this enterprise's link with the worker, oldest first. */
    async periods(tenantId: string, workerId: string): Promise<EmploymentPeriod[]> {
      const out = await doc.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': keys.employment(tenantId, workerId).pk, ':prefix': 'EMPLOYMENT#' },
        }),
      );
      return (out.Items ?? []).map((item) => {
        const { since, until, endReason, terms } = item as EmploymentPeriod;
        return { since, until, ...(endReason ? { endReason } : {}), ...(terms ? { terms } : {}) };
      });
    },

    /** An enterprise's links, latest start first: all, or one status. The cursor is the GSI sort key. */
    async list(tenantId: string, options: { status?: EmploymentStatus; limit: number; afterSk?: string }): Promise<EmploymentPage> {
      const { index, pk } = options.status
        ? { index: INDEX.byStatus, pk: keys.workersByStatus(tenantId, options.status) }
        : { index: INDEX.byTime, pk: keys.workersByTime(tenantId) };
      const page = await queryIndexPage(store, { index, pk, limit: options.limit, afterSk: options.afterSk, tableKeysOf: (id) => keys.employment(tenantId, id) });
      return { items: page.items.map(toLink), nextSk: page.nextSk };
    },
  };
}
