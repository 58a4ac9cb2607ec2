/**
 * The daily certificate job (functions/schedules/certificates-daily.ts): every certificate
 * whose review date has come — its validity ended, or a health check or insurance lapsed —
 * is reviewed (services/certificates.ts: renewed or expired, light recomputed). Only
 * those: the review index (gsi2, sparse, sharded) holds each live certificate once, under
 * the next date time alone changes it, so the job reads what is due, not 100,000 items.
 *
 * Each certificate is its own transaction, so a run that stops half-way (timeout) loses
 * nothing: what it did not reach is still due tomorrow, and reviewing twice is a no-op.
 */
import { chinaDate } from '../domain/certificate/dates';
import type { StoreContext } from '../store/client';
import { certificatesRepository, REVIEW_SHARDS } from '../store/certificates-repository';
import { reviewCertificate, type FactsOf } from './certificates';

export interface DailySummary {
  date: string;
  reviewed: number;
  expired: number;
  renewed: number;
  lightChanged: number;
  unchanged: number;
}

/** Reviews in parallel within a page, a few at a time (the table is on-demand; the job is not urgent). */
const CONCURRENCY = 4;

export async function runCertificatesDaily(store: StoreContext, factsOf: FactsOf, now: Date): Promise<DailySummary> {
  const repo = certificatesRepository(store);
  const today = chinaDate(now);
  const summary: DailySummary = { date: today, reviewed: 0, expired: 0, renewed: 0, lightChanged: 0, unchanged: 0 };
  for (let shard = 0; shard < REVIEW_SHARDS; shard++) {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await repo.dueForReview(shard, today, start);
      for (let i = 0; i < page.certNos.length; i += CONCURRENCY) {
        const results = await Promise.all(page.certNos.slice(i, i + CONCURRENCY).map((certNo) => reviewCertificate(store, certNo, factsOf, now)));
        for (const result of results) {
          if (!result) continue;
          summary.reviewed += 1;
          if (result.outcome !== 'updated') summary.unchanged += 1;
          else {
            if (result.changes.includes('certificate.expired')) summary.expired += 1;
            if (result.changes.includes('certificate.renewed')) summary.renewed += 1;
            if (result.changes.includes('certificate.light-changed')) summary.lightChanged += 1;
          }
        }
      }
      start = page.next;
    } while (start);
  }
  return summary;
}
