/**
 * Pay reports of the wage survey (access patterns in ACCESS-PATTERNS.md, "Wage survey").
 * A report is written in ONE transaction of three items, each created only if absent:
 *
 *   [0] the report, under the enterprise, its id from the Idempotency-Key (a key names one report);
 *   [1] the worker's report of the year, in the worker's global partition (one per worker
 *       and year, whichever enterprise reports: the first one wins);
 *   [2] the value in its cell's sample partition, which the publication job reads.
 *
 * So a report cannot exist without its sample, nor twice for a worker and year, however
 * many requests race. The items hold ids, codes and the amount: never a name.
 *
 * A correction rewrites [0] under its version guard and moves [2] with it (in place for a
 * new amount; deleted from the old cell and created in the new one for a new post, band or
 * pay type); a withdrawal keeps [0], marked withdrawn and out of the year's list, and
 * deletes [1] and [2], so the worker's year may be reported again and the samples the
 * publication reads are exactly the reports that stand.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { ExperienceBand, PayType, Post } from '../domain/wage-survey/catalogue';
import { movesCell } from '../domain/wage-survey/report-change';
import type { StoreContext } from './client';
import { queryIndexPage } from './index-page';
import { INDEX, keys } from './keys';
import { fieldStripper } from './strip-fields';
import { transactRetryingConflicts } from './transact-retry';
import { RETRY } from './traced-write';
import type { TransactItem } from './transact-items';

export interface StoredWageReport {
  reportId: string;
  tenantId: string;
  workerId: string;
  year: string;
  post: Post;
  experienceBand: ExperienceBand;
  payType: PayType;
  amountFen: number;
  reportedAt: string;
  /** The API key that reported it. */
  reportedBy: string;
  /** Hash of the validated request: the same Idempotency-Key with another body is refused. */
  requestHash: string;
  /** 1 when reported, one more per correction or withdrawal; absent on reports stored before reports could change (version 1). */
  version?: number;
  /** The last correction's starting version and fingerprint (a retried correction is answered, not refused). */
  lastChange?: { fromVersion: number; requestHash: string };
  correctedAt?: string;
  /** The API key that made the last correction. */
  correctedBy?: string;
  withdrawnAt?: string;
  /** The API key that withdrew it. */
  withdrawnBy?: string;
}

/** `created`; `key-used`: this enterprise's key made a report already; `worker-reported`: the worker's year is reported. */
export type CreateOutcome = 'created' | 'key-used' | 'worker-reported';

/** `done`; `moved`: the report changed after it was read (decide again on the report as it is now). */
export type ChangeOutcome = 'done' | 'moved';

/** Other transactions kept writing the same items: safe to retry later. */
export class WageReportBusy extends Error {
  constructor() {
    super(`the wage report stayed busy after ${RETRY.attempts} attempts`);
    this.name = 'WageReportBusy';
  }
}

const toReport = fieldStripper(['pk', 'sk', 'gsi1pk', 'gsi1sk']);

type Cell = Pick<StoredWageReport, 'year' | 'post' | 'experienceBand' | 'payType'>;
const sampleKey = (report: Cell & { workerId: string }) => ({ pk: keys.wageSamples(report.year, report.post, report.experienceBand, report.payType), sk: report.workerId });
const sampleItem = (report: StoredWageReport) => ({ ...sampleKey(report), amountFen: report.amountFen, tenantId: report.tenantId });

export function wageReportsRepository(store: StoreContext) {
  const { doc, tableName } = store;
  const put = (Item: Record<string, unknown>) => ({ Put: { TableName: tableName, Item, ConditionExpression: 'attribute_not_exists(pk)' } });
  const listed = (report: StoredWageReport) => ({
    ...keys.wageReport(report.tenantId, report.reportId),
    ...report,
    gsi1pk: keys.wageReportsOfYear(report.tenantId, report.year),
    gsi1sk: keys.wageReportTimeSk(report.reportedAt, report.reportId),
  });
  /** The report's Put, guarded by the version it was read at (a report stored before versions has none). */
  const guardedPut = (Item: Record<string, unknown>, before: StoredWageReport): TransactItem => ({
    Put: {
      TableName: tableName,
      Item,
      ...(before.version === undefined
        ? { ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#v)', ExpressionAttributeNames: { '#v': 'version' } }
        : { ConditionExpression: '#v = :v', ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':v': before.version } }),
    },
  });
  /** The sample is the enterprise's: a sample of another enterprise's report is never touched. */
  const ownSample = (tenantId: string) => ({ ConditionExpression: 'tenantId = :t', ExpressionAttributeValues: { ':t': tenantId } });
  /**
   * Commits a change of a report read as `before`. Only the report's own guard (item 0) may
   * refuse: the sample and the worker's year follow the report, so a refusal there means
   * the items disagree, and the transaction's error is thrown rather than answered.
   */
  const commitChange = async (items: TransactItem[], pause?: (attempt: number) => Promise<unknown>): Promise<ChangeOutcome> => {
    const outcome = await transactRetryingConflicts(store, items, (cancel) => (cancel.conditionFailedAt(0) ? ('moved' as const) : undefined), pause);
    if ('busy' in outcome) throw new WageReportBusy();
    return 'answered' in outcome ? outcome.answered : 'done';
  };

  return {
    async create(report: StoredWageReport, pause?: (attempt: number) => Promise<unknown>): Promise<CreateOutcome> {
      const { tenantId, reportId, workerId, year } = report;
      const items = [put(listed(report)), put({ ...keys.workerWageReport(workerId, year), tenantId, reportId, year }), put(sampleItem(report))];
      const outcome = await transactRetryingConflicts(store, items, (cancel) => {
        if (cancel.conditionFailedAt(0)) return 'key-used' as const;
        // The sample is keyed by worker too: it exists exactly when the worker's year does.
        if (cancel.conditionFailedAt(1) || cancel.conditionFailedAt(2)) return 'worker-reported' as const;
        return undefined;
      }, pause);
      if ('busy' in outcome) throw new WageReportBusy();
      return 'answered' in outcome ? outcome.answered : 'created';
    },

    /**
     * A correction from `before` to `after` (same worker and year): the report under its
     * version guard, and its sample replaced in its cell or moved to the new one.
     */
    correct(before: StoredWageReport, after: StoredWageReport, pause?: (attempt: number) => Promise<unknown>): Promise<ChangeOutcome> {
      const sample: TransactItem[] = movesCell(before, after)
        ? [
            { Delete: { TableName: tableName, Key: sampleKey(before), ...ownSample(before.tenantId) } },
            { Put: { TableName: tableName, Item: sampleItem(after), ConditionExpression: 'attribute_not_exists(pk)' } },
          ]
        : [{ Put: { TableName: tableName, Item: sampleItem(after), ...ownSample(before.tenantId) } }];
      return commitChange([guardedPut(listed(after), before), ...sample], pause);
    },

    /**
     * A withdrawal: the report kept, marked withdrawn and out of the year's list (no gsi1
     * keys), so its Idempotency-Key still names it; the worker's year and the sample deleted.
     */
    withdraw(before: StoredWageReport, withdrawn: StoredWageReport, pause?: (attempt: number) => Promise<unknown>): Promise<ChangeOutcome> {
      const { workerId, year, tenantId, reportId } = before;
      return commitChange(
        [
          guardedPut({ ...keys.wageReport(tenantId, reportId), ...withdrawn }, before),
          { Delete: { TableName: tableName, Key: keys.workerWageReport(workerId, year), ConditionExpression: 'reportId = :r', ExpressionAttributeValues: { ':r': reportId } } },
          { Delete: { TableName: tableName, Key: sampleKey(before), ...ownSample(tenantId) } },
        ],
        pause,
      );
    },

    async get(tenantId: string, reportId: string): Promise<StoredWageReport | undefined> {
      const out = await doc.send(new GetCommand({ TableName: tableName, Key: keys.wageReport(tenantId, reportId), ConsistentRead: true }));
      return out.Item ? toReport<StoredWageReport>(out.Item) : undefined;
    },

    /** Who reported the worker's pay for a year, if anyone. */
    async workerReport(workerId: string, year: string): Promise<{ tenantId: string; reportId: string } | undefined> {
      const out = await doc.send(new GetCommand({ TableName: tableName, Key: keys.workerWageReport(workerId, year), ConsistentRead: true }));
      return out.Item ? { tenantId: String(out.Item.tenantId), reportId: String(out.Item.reportId) } : undefined;
    },

    /** An enterprise's reports of a year, newest first; the cursor is the index sort key (it ends with the report id). */
    async listOfYear(tenantId: string, year: string, options: { limit: number; afterSk?: string }): Promise<{ items: StoredWageReport[]; nextSk?: string }> {
      const page = await queryIndexPage(store, {
        index: INDEX.byTime,
        pk: keys.wageReportsOfYear(tenantId, year),
        limit: options.limit,
        afterSk: options.afterSk,
        tableKeysOf: (reportId) => keys.wageReport(tenantId, reportId),
      });
      return { items: page.items.map((item) => toReport<StoredWageReport>(item)), nextSk: page.nextSk };
    },
  };
}
