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
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { ExperienceBand, PayType, Post } from '../domain/wage-survey/catalogue';
import type { StoreContext } from './client';
import { queryIndexPage } from './index-page';
import { INDEX, keys } from './keys';
import { fieldStripper } from './strip-fields';
import { transactRetryingConflicts } from './transact-retry';
import { RETRY } from './traced-write';

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
}

/** `created`; `key-used`: this enterprise's key made a report already; `worker-reported`: the worker's year is reported. */
export type CreateOutcome = 'created' | 'key-used' | 'worker-reported';

/** Other transactions kept writing the same items: safe to retry later. */
export class WageReportBusy extends Error {
  constructor() {
    super(`the wage report stayed busy after ${RETRY.attempts} attempts`);
    this.name = 'WageReportBusy';
  }
}

const toReport = fieldStripper(['pk', 'sk', 'gsi1pk', 'gsi1sk']);

export function wageReportsRepository(store: StoreContext) {
  const { doc, tableName } = store;
  const put = (Item: Record<string, unknown>) => ({ Put: { TableName: tableName, Item, ConditionExpression: 'attribute_not_exists(pk)' } });

  return {
    async create(report: StoredWageReport, pause?: (attempt: number) => Promise<unknown>): Promise<CreateOutcome> {
      const { tenantId, reportId, workerId, year } = report;
      const items = [
        put({
          ...keys.wageReport(tenantId, reportId),
          ...report,
          gsi1pk: keys.wageReportsOfYear(tenantId, year),
          gsi1sk: keys.wageReportTimeSk(report.reportedAt, reportId),
        }),
        put({ ...keys.workerWageReport(workerId, year), tenantId, reportId, year }),
        put({ pk: keys.wageSamples(year, report.post, report.experienceBand, report.payType), sk: workerId, amountFen: report.amountFen, tenantId }),
      ];
      const outcome = await transactRetryingConflicts(store, items, (cancel) => {
        if (cancel.conditionFailedAt(0)) return 'key-used' as const;
        // The sample is keyed by worker too: it exists exactly when the worker's year does.
        if (cancel.conditionFailedAt(1) || cancel.conditionFailedAt(2)) return 'worker-reported' as const;
        return undefined;
      }, pause);
      if ('busy' in outcome) throw new WageReportBusy();
      return 'answered' in outcome ? outcome.answered : 'created';
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
