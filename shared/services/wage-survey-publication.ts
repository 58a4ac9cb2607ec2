/**
 * Publishing the wage survey (docs/wage-survey.md "Publication"): the publication job reads
 * every cell's samples — one Query per cell partition, 48 wage cells and 21 price cells a
 * year — computes each cell's figures or withholds it (domain/wage-survey/publication.ts),
 * and stores the year's table as one item. The public route reads that item and nothing
 * else, so its cost does not grow with the number of reports or orders.
 */
import { WAGE_CELLS } from '../domain/wage-survey/catalogue';
import { PRICE_CELLS, PRICE_UNITS } from '../domain/wage-survey/price-sample';
import { cellResult } from '../domain/wage-survey/publication';
import { reportableYears } from '../domain/wage-survey/survey-year';
import { problems } from '../lib/problem';
import type { StoreContext } from '../store/client';
import { keys } from '../store/keys';
import { wageSurveyRepository } from '../store/wage-survey-repository';

/** Computes and stores a year's table; answers it with how many samples were read. */
export async function publishWageSurvey(store: StoreContext, year: string, now: Date = new Date()) {
  const repo = wageSurveyRepository(store);
  let samplesRead = 0;
  // One cell at a time: a cell's samples are dropped before the next cell is read.
  const wages = [];
  for (const cell of WAGE_CELLS) {
    const samples = await repo.cellSamples(keys.wageSamples(year, cell.post, cell.experienceBand, cell.payType), 'amountFen');
    samplesRead += samples.length;
    wages.push({ ...cell, figures: cellResult(samples) });
  }
  const prices = [];
  for (const cell of PRICE_CELLS) {
    const samples = await repo.cellSamples(keys.priceSamples(year, cell.serviceType, cell.mode), 'unitFen');
    samplesRead += samples.length;
    prices.push({ ...cell, unit: PRICE_UNITS[cell.mode], figures: cellResult(samples) });
  }
  const table = { year, computedAt: now.toISOString(), wages, prices };
  await repo.putPublished(year, table);
  return { table, samplesRead };
}

export type PublishedWageSurvey = Awaited<ReturnType<typeof publishWageSurvey>>['table'];

/**
 * POST /v1/admin/wage-survey/{year}/publish: the nightly job's computation for one year, at
 * once, for the years the job computes (the current and the previous one: older tables no
 * longer move, and a future year has nothing to publish). Anything else is a 422.
 */
export async function publishOpenYear(store: StoreContext, year: string, now: Date = new Date()) {
  const years = reportableYears(now);
  if (!years.includes(year)) throw problems.validation([{ pointer: '/year', detail: `must be ${years[0]} or ${years[1]}` }]);
  return publishWageSurvey(store, year, now);
}
