/**
 * The programme's figures of a year (GET /v1/admin/programme, `anxin report`): the counters
 * of every month up to the year's end, added up by the pure read model
 * (domain/programme/figures.ts). The current year stops at the current month; a year to
 * come has no months yet.
 */
import { programmeYear, type ProgrammeYear } from '../domain/programme/figures';
import { shanghaiMonth } from '../lib/shanghai-day';
import type { StoreContext } from '../store/client';
import { programmeFiguresRepository } from '../store/programme-figures-repository';

export async function programmeFigures(store: StoreContext, year: string, now: Date = new Date()): Promise<ProgrammeYear & { asOf: string }> {
  const current = shanghaiMonth(now);
  const lastMonth = `${year}-12` < current ? `${year}-12` : current;
  const shards = await programmeFiguresRepository(store).monthsUpTo(lastMonth);
  return { ...programmeYear(year, shards, lastMonth), asOf: now.toISOString() };
}
