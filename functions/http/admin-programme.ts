/**
 * GET /v1/admin/programme?year= — the programme's own figures by month (admin; docs/programme.md):
 * enterprises, registered workers, orders traced, services delivered, training person-times,
 * certified workers and the credit-grade distribution, from counters kept as the platform
 * writes (no scans). Counts only.
 */
import { httpHandler, json, parseQuery, requireRole } from '../../shared/lib/http';
import { ProgrammeQuery } from '../../shared/schemas/programme';
import { programmeFigures } from '../../shared/services/programme-figures';
import { defaultStore } from '../../shared/store/client';

const store = defaultStore();

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'admin');
  const { year } = parseQuery(event, ProgrammeQuery);
  return json(200, await programmeFigures(store, year));
});
