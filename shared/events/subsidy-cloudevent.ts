/**
 * `cn.anxin.subsidy.<step>.v1`: published after each step of a subsidy application is
 * committed (docs/subsidies.md "Events and privacy"), one type per step of
 * shared/domain/subsidy/application.ts (`submitted`, `info-requested`, `supplemented`,
 * `approved`, `rejected`, `paid`, `withdrawn`). Built from the application as stored and the
 * trace entry of the step, so a publication retried later gives the same event with the same
 * id (consumers deduplicate on it).
 *
 *   id       evt_… derived from (applicant, application, trace seq)
 *   source   /anxin/<stage>/subsidies     type  cn.anxin.subsidy.<step>.v1
 *   subject  the application id           time  the step's trace entry time
 *   anxintenant  the applicant            anxintraceseq  seq of the step's trace entry
 *
 * data: ids, scheme, year, state and amounts only — never a person, a worker id, a document
 * reference or free text (a reason or a note stays with the application).
 */
import * as z from 'zod/mini';
import { APPLICATION_STATES, STEP_NAMES, type ApplicationCommandType } from '../domain/subsidy/application';
import { SCHEME_IDS, type SchemeId } from '../domain/subsidy/schemes';
import { defineSchema } from '../lib/define-schema';
import { commandEventId, ID_PATTERNS } from '../lib/ids';
import { SUBSIDY_ID_PATTERNS } from '../lib/subsidy-ids';
import { buildCloudEvent, type CloudEvent } from './cloudevent';
import { Rfc3339 } from './cloudevent-schema';
import { eventSchemaUri } from './order-event-types';

export const SUBSIDY_STEPS = ['submitted', 'info-requested', 'supplemented', 'approved', 'rejected', 'paid', 'withdrawn'] as const;
export type SubsidyStep = (typeof SUBSIDY_STEPS)[number];

export const subsidyEventType = (step: SubsidyStep): string => `cn.anxin.subsidy.${step}.v1`;
export const stepOf = (command: ApplicationCommandType): SubsidyStep => STEP_NAMES[command] as SubsidyStep;
export const subsidyEventSource = (stage: string): string => `/anxin/${stage}/subsidies`;

export interface SubsidyEventData {
  applicationId: string;
  applicantId: string;
  schemeId: SchemeId;
  year: number;
  state: (typeof APPLICATION_STATES)[number];
  catalogueVersion: string;
  allowedFen: number;
  approvedFen: number | null;
  paidFen: number | null;
  traceHash: string;
}

export type SubsidyEvent = CloudEvent<SubsidyEventData> & { anxintenant: string; anxintraceseq: number };

const fen = () => z.int().check(z.gte(0));

export const subsidyEventSchema = (step: SubsidyStep) =>
  z.strictObject({
    specversion: z.literal('1.0'),
    id: z.string().check(z.regex(ID_PATTERNS.event)),
    source: z.string().check(z.regex(/^\/anxin\/[a-z0-9-]+\/subsidies$/)),
    type: z.literal(subsidyEventType(step)),
    subject: z.string().check(z.regex(SUBSIDY_ID_PATTERNS.application)),
    time: Rfc3339(),
    datacontenttype: z.literal('application/json'),
    dataschema: z.literal(eventSchemaUri(subsidyEventType(step))),
    anxintenant: z.string().check(z.regex(ID_PATTERNS.tenant)),
    anxintraceseq: z.int().check(z.positive()),
    data: z.strictObject({
      applicationId: z.string().check(z.regex(SUBSIDY_ID_PATTERNS.application)),
      applicantId: z.string().check(z.regex(ID_PATTERNS.tenant)),
      schemeId: z.enum(SCHEME_IDS),
      year: z.int().check(z.gte(2000), z.lte(2999)),
      state: z.enum(APPLICATION_STATES),
      catalogueVersion: z.string().check(z.regex(/^\d{4}\.\d+$/)),
      allowedFen: fen(),
      approvedFen: z.nullable(fen()),
      paidFen: z.nullable(fen()),
      traceHash: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
    }),
  });

export const SubsidyEventSchemas = /* @__PURE__ */ defineSchema(() => Object.fromEntries(SUBSIDY_STEPS.map((s) => [s, subsidyEventSchema(s)])) as Record<SubsidyStep, ReturnType<typeof subsidyEventSchema>>);

export interface SubsidyEventSource {
  applicationId: string;
  applicantId: string;
  schemeId: SchemeId;
  year: number;
  state: SubsidyEventData['state'];
  catalogueVersion: string;
  allowedFen: number;
  approvedFen?: number;
  paidOn?: string;
}

/**
 * The id of a step: its trace entry's event id and its CloudEvent's id, derived from the
 * application and the step's seq so a retried publication carries the same id.
 */
export const subsidyStepEventId = (applicantId: string, applicationId: string, seq: number): string =>
  commandEventId(applicantId, `subsidy-step\n${applicationId}\n${seq}`);

/** The event of one step of the application as stored; `entry` is the step's trace entry. */
export function subsidyEvent(stage: string, step: SubsidyStep, application: SubsidyEventSource, entry: { seq: number; hash: string; at: string }): SubsidyEvent {
  const type = subsidyEventType(step);
  const event = buildCloudEvent({
    id: subsidyStepEventId(application.applicantId, application.applicationId, entry.seq),
    source: subsidyEventSource(stage),
    type,
    subject: application.applicationId,
    time: entry.at,
    datacontenttype: 'application/json',
    dataschema: eventSchemaUri(type),
    extensions: { anxintenant: application.applicantId, anxintraceseq: entry.seq },
    data: {
      applicationId: application.applicationId,
      applicantId: application.applicantId,
      schemeId: application.schemeId,
      year: application.year,
      state: application.state,
      catalogueVersion: application.catalogueVersion,
      allowedFen: application.allowedFen,
      approvedFen: application.approvedFen ?? null,
      // A payment is exactly the approved amount (domain/subsidy/application.ts).
      paidFen: application.state === 'paid' ? (application.approvedFen ?? null) : null,
      traceHash: entry.hash,
    },
  });
  SubsidyEventSchemas[step].parse(event);
  return event as SubsidyEvent;
}
