/**
 * GET /v1/training/stats?year=2026 — a training base's figures for one year (its own; the
 * admin names the base with ?tenantId=): trainees, completions, passes, pass rate, and per
 * category what a subsidy claim needs.
 */
import { actingTenant } from '../../shared/auth/acting-tenant';
import { trainingStats } from '../../shared/domain/training/stats';
import { httpHandler, json, parseQuery, requireRole } from '../../shared/lib/http';
import { SERVICE_TYPES } from '../../shared/schemas/order';
import { TrainingStatsQuery } from '../../shared/schemas/training';
import { defaultStore } from '../../shared/store/client';
import { trainingStatsRepository } from '../../shared/store/training-stats-repository';

const stats = trainingStatsRepository(defaultStore());

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'training-base', 'admin');
  const query = parseQuery(event, TrainingStatsQuery);
  const tenantId = actingTenant(caller, query.tenantId);
  return json(200, trainingStats(tenantId, query.year, await stats.counters(tenantId, query.year), SERVICE_TYPES));
});
