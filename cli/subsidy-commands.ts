/**
 * `anxin subsidy backfill-person-refs`: writes the person reference of every worker
 * registered before it was kept (shared/admin/person-ref-backfill.ts), and reports the
 * counts. Exit code 0 when every worker has its reference, 1 when a worker's reference names
 * another hash (listed; left as it is for an operator to look at).
 */
import { parseArgs } from 'node:util';
import { backfillPersonRefs } from '../shared/admin/person-ref-backfill';
import { resolveStore, TARGET_OPTIONS, targetOf } from './target';
import { usageOf } from './usage';

export const SUBSIDY_COMMAND_OPTIONS = { ...TARGET_OPTIONS, json: { type: 'boolean' } } as const;

export async function subsidyCommand(argv: string[], out: (line: string) => void): Promise<number> {
  const [action, ...rest] = argv;
  const { values } = parseArgs({ args: rest, options: SUBSIDY_COMMAND_OPTIONS });
  if (action !== 'backfill-person-refs') {
    out(usageOf('subsidy'));
    return 2;
  }
  const store = await resolveStore(targetOf(values));
  const report = await backfillPersonRefs(store, values.json ? undefined : (r) => out(`… ${r.persons} persons read, ${r.written} references written`));
  if (values.json) out(JSON.stringify(report));
  else {
    out(`${report.persons} persons read: ${report.written} references written, ${report.kept} already kept, ${report.differing.length} naming another hash`);
    for (const workerId of report.differing) out(`  differs: ${workerId}`);
  }
  return report.differing.length === 0 ? 0 : 1;
}
