/**
 * The daily certificate job, run by an EventBridge schedule rule (02:00 Asia/Shanghai; see
 * infra/stacks/api-stack.ts SCHEDULES). "Now" is the event's `time` — the scheduled time
 * EventBridge puts on every Scheduled Event — so a late or repeated delivery judges the
 * same day, and tests run the job on a simulated date by sending a `time`.
 */
import type { ScheduledEvent } from 'aws-lambda';
import { logger } from '../../shared/lib/logger';
import { registryFactsOf } from '../../shared/services/certificate-facts-source';
import { runCertificatesDaily } from '../../shared/services/certificates-daily';
import { defaultStore } from '../../shared/store/client';

const store = defaultStore();

export function jobTime(event: Partial<ScheduledEvent> | undefined, fallback = new Date()): Date {
  const ms = typeof event?.time === 'string' ? Date.parse(event.time) : Number.NaN;
  return Number.isNaN(ms) ? fallback : new Date(ms);
}

export const handler = async (event?: Partial<ScheduledEvent>) => {
  const summary = await runCertificatesDaily(store, registryFactsOf(store), jobTime(event));
  logger.info('certificates daily job', { ...summary });
  return summary;
};
