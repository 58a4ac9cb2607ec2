/**
 * An enterprise's current workers, by following its own list of current employment links
 * page by page (access pattern 29, never a scan): what the staff counts of credit grading
 * and of the stations' certified workers start from.
 */
import type { StoreContext } from '../store/client';
import { employmentRepository } from '../store/employment-repository';

const PAGE = 100;

export async function currentWorkerIds(store: StoreContext, tenantId: string): Promise<string[]> {
  const workerIds: string[] = [];
  let afterSk: string | undefined;
  do {
    const page = await employmentRepository(store).list(tenantId, { status: 'current', limit: PAGE, afterSk });
    workerIds.push(...page.items.map((link) => link.workerId));
    afterSk = page.nextSk;
  } while (afterSk);
  return workerIds;
}
