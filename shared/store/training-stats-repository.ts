/**
 * A training base's yearly counters (access pattern 30): one item per base and year under
 * the tenant, moved with `ADD` inside the training consumer's transaction, so the figures
 * always match the records on the workers' traces.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { StatsDelta } from '../domain/training/training';
import type { StoreContext } from './client';
import { addCountersUpdate } from './counter-update';
import { keys } from './keys';
import type { ExtraWrite } from './orders-repository';

const NON_COUNTERS = new Set(['pk', 'sk', 'tenantId', 'year']);

export function trainingStatsRepository({ doc, tableName }: StoreContext) {
  return {
    statsWrite(tenantId: string, delta: StatsDelta): ExtraWrite {
      return addCountersUpdate(tableName, keys.trainingStats(tenantId, delta.year), { tenantId, year: delta.year }, delta.counters);
    },

    /** The counters of one base and year ({} before anything was reported). */
    async counters(tenantId: string, year: string): Promise<Record<string, number>> {
      const out = await doc.send(new GetCommand({ TableName: tableName, Key: keys.trainingStats(tenantId, year) }));
      const counters: Record<string, number> = {};
      for (const [name, value] of Object.entries(out.Item ?? {})) if (!NON_COUNTERS.has(name) && typeof value === 'number') counters[name] = value;
      return counters;
    },
  };
}
