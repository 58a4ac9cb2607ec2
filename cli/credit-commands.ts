/**
 * `anxin credit recompute --enterprise <id> --period <YYYY-MM>`: recomputes a stored
 * credit grade from the stored facts (services/credit-recompute.ts) and says, check by
 * check, whether it matches. Exit code 0 when it matches, 1 when it does not (or there is
 * no such grade), so a script can sweep every grade of a period and alarm.
 */
import { parseArgs } from 'node:util';
import { recomputeGrade } from '../shared/services/credit-recompute';
import { resolveStore, TARGET_OPTIONS, targetOf } from './target';
import { usageOf } from './usage';

export const CREDIT_COMMAND_OPTIONS = { ...TARGET_OPTIONS, json: { type: 'boolean' }, enterprise: { type: 'string' }, period: { type: 'string' } } as const;

export async function creditCommand(argv: string[], out: (line: string) => void): Promise<number> {
  const [action, ...rest] = argv;
  const { values } = parseArgs({ args: rest, options: CREDIT_COMMAND_OPTIONS });
  if (action !== 'recompute' || !values.enterprise || !values.period || !/^\d{4}-(0[1-9]|1[0-2])$/.test(values.period)) {
    out(usageOf('credit'));
    return 2;
  }
  const store = await resolveStore(targetOf(values));
  const report = await recomputeGrade(store, values.enterprise, values.period);
  if (values.json) out(JSON.stringify(report));
  else if (!report.found) out(`no credit grade of ${values.enterprise} for ${values.period}`);
  else {
    out(`credit grade of ${report.tenantId} for ${report.period} (model ${report.modelVersion}): stored ${report.stored!.grade ?? 'not graded'} ${report.stored!.score}`);
    for (const c of report.checks) out(`  ${c.ok ? 'ok      ' : 'MISMATCH'}  ${c.check}${c.detail ? `: ${c.detail}` : ''}`);
    for (const d of report.differences) out(`  differs ${d.pointer}: graded ${JSON.stringify(d.graded)}, now ${JSON.stringify(d.now)}`);
    out(report.matches ? 'MATCHES: the stored grade follows from the stored facts' : 'DOES NOT MATCH');
  }
  return report.matches ? 0 : 1;
}
