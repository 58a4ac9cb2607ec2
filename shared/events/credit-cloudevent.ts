/**
 * `cn.anxin.enterprise.credit-graded.v1`: published when an enterprise's grade for a period
 * is computed (first grading, or a re-grade after an upheld objection). Built from the
 * grade record as stored, so a publication retried later gives the same event, byte for
 * byte, with the same id (consumers deduplicate on it).
 *
 *   id       evt_… derived from (tenant, period, revision)
 *   source   /anxin/<stage>/credit           type  cn.anxin.enterprise.credit-graded.v1
 *   subject  the enterprise's tenant id      time  when the grade was computed
 *   anxintenant  the enterprise             anxintraceseq  seq of the grade's trace entry
 *
 * data: ids, the period, the model version, the grade or why there is none, the score and
 * the hash of the inputs — no breakdown (the enterprise and admins read it over the API)
 * and no free text (an objection's reason stays with the objection).
 */
import * as z from 'zod/mini';
import type { CreditGradeRecord } from '../domain/credit/grade-record';
import { defineSchema } from '../lib/define-schema';
import { ID_PATTERNS } from '../lib/ids';
import { buildCloudEvent, type CloudEvent } from './cloudevent';
import { Rfc3339 } from './cloudevent-schema';
import { eventSchemaUri } from './order-event-types';

export const CREDIT_GRADED_TYPE = 'cn.anxin.enterprise.credit-graded.v1';
export const creditEventSource = (stage: string): string => `/anxin/${stage}/credit`;

export interface CreditGradedData {
  tenantId: string;
  period: string;
  modelVersion: string;
  revision: number;
  eligible: boolean;
  notGradedReasons: string[];
  grade: string | null;
  score: number;
  inputsHash: string;
  traceHash: string;
}

export type CreditGradedEvent = CloudEvent<CreditGradedData> & { anxintenant: string; anxintraceseq: number };

const hash = () => z.string().check(z.regex(/^[0-9a-f]{64}$/));

export const CreditGradedEventSchema = /* @__PURE__ */ defineSchema(() =>
  z.strictObject({
    specversion: z.literal('1.0'),
    id: z.string().check(z.regex(ID_PATTERNS.event)),
    source: z.string().check(z.regex(/^\/anxin\/[a-z0-9-]+\/credit$/)),
    type: z.literal(CREDIT_GRADED_TYPE),
    subject: z.string().check(z.regex(ID_PATTERNS.tenant)),
    time: Rfc3339(),
    datacontenttype: z.literal('application/json'),
    dataschema: z.literal(eventSchemaUri(CREDIT_GRADED_TYPE)),
    anxintenant: z.string().check(z.regex(ID_PATTERNS.tenant)),
    anxintraceseq: z.int().check(z.positive()),
    data: z.strictObject({
      tenantId: z.string().check(z.regex(ID_PATTERNS.tenant)),
      period: z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/)),
      modelVersion: z.string().check(z.regex(/^\d{4}\.\d+$/)),
      revision: z.int().check(z.positive()),
      eligible: z.boolean(),
      notGradedReasons: z.array(z.enum(['tenure', 'orders', 'blacklisted'])),
      grade: z.nullable(z.enum(['5A', '4A', '3A', '2A', '1A'])),
      score: z.number().check(z.gte(0), z.lte(100)),
      inputsHash: hash(),
      traceHash: hash(),
    }),
  }),
);

/** The event of the grade as stored; `entry` is the trace entry that computed its current result. */
export function creditGradedEvent(stage: string, eventId: string, record: CreditGradeRecord, entry: { seq: number; hash: string }): CreditGradedEvent {
  const event = buildCloudEvent({
    id: eventId,
    source: creditEventSource(stage),
    type: CREDIT_GRADED_TYPE,
    subject: record.tenantId,
    time: record.gradedAt,
    datacontenttype: 'application/json',
    dataschema: eventSchemaUri(CREDIT_GRADED_TYPE),
    extensions: { anxintenant: record.tenantId, anxintraceseq: entry.seq },
    data: {
      tenantId: record.tenantId,
      period: record.period,
      modelVersion: record.modelVersion,
      revision: record.revision,
      eligible: record.result.eligible,
      // Copied element by element: a list read back from DynamoDB is a fresh array either way.
      notGradedReasons: [...record.result.notGradedReasons],
      grade: record.result.grade,
      score: record.result.score,
      inputsHash: record.inputsHash,
      traceHash: entry.hash,
    },
  });
  CreditGradedEventSchema.parse(event);
  return event as CreditGradedEvent;
}
