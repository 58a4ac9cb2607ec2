/**
 * `anxin subsidy backfill-person-refs`: gives every worker the reference to its PERSON item's
 * hash (`WORKER#<id>` `PERSONREF`) that the subsidy ledger names a person by
 * (docs/subsidies.md "No double payment"). Workers registered before the reference was kept
 * have none, and a per-person scheme reading them answers 409 `subsidy-person-not-keyed`.
 *
 * One pass over the PERSON items — each names its worker, and is keyed by the very hash the
 * reference keeps, so no ID number is decrypted — writing each missing reference with a
 * conditional put. Idempotent: run again, it writes nothing. Safe beside live traffic: a
 * registration writes the same value for the same worker.
 */
import type { StoreContext } from '../store/client';
import { personRefsBackfillRepository, type PersonRefOutcome } from '../store/person-refs-backfill-repository';

export interface BackfillReport {
  /** PERSON items read. */
  persons: number;
  /** References written (they were missing). */
  written: number;
  /** References already there. */
  kept: number;
  /** Workers whose reference names another hash: left as they are, listed for an operator. */
  differing: string[];
}

/** Conditional puts sent at once: one page of the Scan is at most 1 MB of small items. */
const PUTS_AT_ONCE = 25;

export async function backfillPersonRefs(store: StoreContext, onPage?: (report: BackfillReport) => void): Promise<BackfillReport> {
  const repo = personRefsBackfillRepository(store);
  const report: BackfillReport = { persons: 0, written: 0, kept: 0, differing: [] };
  for await (const page of repo.personItemPages()) {
    for (let i = 0; i < page.length; i += PUTS_AT_ONCE) {
      const chunk = page.slice(i, i + PUTS_AT_ONCE);
      const outcomes: PersonRefOutcome[] = await Promise.all(chunk.map((item) => repo.putPersonRef(item)));
      outcomes.forEach((outcome, j) => {
        if (outcome === 'differs') report.differing.push(chunk[j]!.workerId);
        else report[outcome]++;
      });
    }
    report.persons += page.length;
    onPage?.(report);
  }
  return report;
}
