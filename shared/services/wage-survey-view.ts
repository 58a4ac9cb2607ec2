/**
 * GET /v1/public/wage-survey?year=: the year's table as the publication job stored it, with
 * the labels people read and the method and withholding rule it was computed with. A year
 * the job has not computed is a 404 (nothing is computed on a public request).
 */
import { BAND_LABELS, POST_LABELS } from '../domain/wage-survey/catalogue';
import { MIN_ENTERPRISES, MIN_REPORTS } from '../domain/wage-survey/publication';
import { problems } from '../lib/problem';
import type { StoreContext } from '../store/client';
import { wageSurveyRepository } from '../store/wage-survey-repository';
import { serviceCategoryLabel } from '../views/certificate-wording';
import type { PublishedWageSurvey } from './wage-survey-publication';

export const PERCENTILE_DEFINITION =
  'Hyndman–Fan type 7: linear interpolation between the closest ranks, h = (n − 1) · p; rounded to a whole fen, halves up';

export async function publishedWageSurvey(store: StoreContext, year: string) {
  const stored = (await wageSurveyRepository(store).getPublished(year)) as PublishedWageSurvey | undefined;
  if (!stored) throw problems.notFound(`The wage survey of ${year}`);
  return wageSurveyView(stored);
}

/** A year's table as the public reads it (and as an officer's on-demand publication answers it). */
export function wageSurveyView(stored: PublishedWageSurvey) {
  return {
    year: stored.year,
    computedAt: stored.computedAt,
    method: { low: 'P10', median: 'P50', high: 'P90', definition: PERCENTILE_DEFINITION },
    withholding: { minReports: MIN_REPORTS, minEnterprises: MIN_ENTERPRISES },
    wages: stored.wages.map(({ post, experienceBand, payType, figures }) => ({
      post,
      postLabel: POST_LABELS[post],
      experienceBand,
      experienceBandLabel: BAND_LABELS[experienceBand],
      payType,
      figures,
    })),
    prices: stored.prices.map(({ serviceType, mode, unit, figures }) => ({ serviceType, serviceTypeLabel: serviceCategoryLabel(serviceType), mode, unit, figures })),
  };
}
