/**
 * Training requests (POST /v1/training/enrolments, /completions, /exam-results — role
 * training-base) and the stats query. A base names the worker by ID number (it need not
 * know Anxin ids) or by worker id; the queued payload is the rest of the body.
 */
import * as z from 'zod/mini';
import { defineSchema } from '../lib/define-schema';
import type { TrainingCommandType } from '../domain/training/training';
import { residentIdInput } from '../domain/worker/id-number-input';
import { ID_PATTERNS } from '../lib/ids';
import { SERVICE_TYPES } from './order';

const date = () => z.iso.date();
const courseCode = () => z.string().check(z.minLength(1), z.maxLength(32), z.regex(/^[A-Za-z0-9._-]+$/));
const category = () => z.enum(SERVICE_TYPES);

/** What the training consumer applies (no worker reference: that is the message's workerId). */
export const TRAINING_PAYLOADS = /* @__PURE__ */ defineSchema(() => ({
  'training.enrolment': z.strictObject({ courseCode: courseCode(), category: category(), enrolledOn: date(), expectedEndOn: z.optional(date()) }),
  'training.completion': z.strictObject({
    courseCode: courseCode(),
    category: category(),
    completedOn: date(),
    /** Class hours attended. */
    hours: z.optional(z.int().check(z.positive(), z.lte(2000))),
  }),
  'training.exam-result': z.strictObject({
    courseCode: courseCode(),
    category: category(),
    examDate: date(),
    score: z.optional(z.number().check(z.gte(0), z.lte(100))),
    passed: z.boolean(),
  }),
} as const satisfies Record<TrainingCommandType, z.ZodMiniType>));

export type TrainingPayload<T extends TrainingCommandType> = z.infer<(typeof TRAINING_PAYLOADS)[T]>;

const workerRef = /* @__PURE__ */ defineSchema(() => ({
  /** The worker's resident ID number: looked up by its keyed hash, never stored or queued by this route. */
  idNumber: z.optional(
    z.string().check(
      z.maxLength(32),
      z.refine((v) => residentIdInput(v) !== undefined, 'is not a valid resident ID number'),
    ),
  ),
  workerId: z.optional(z.string().check(z.regex(ID_PATTERNS.worker, 'is not a worker id'))),
}));

const oneWorker = /* @__PURE__ */ defineSchema(() => z.refine<{ idNumber?: string; workerId?: string }>((body) => (body.idNumber === undefined) !== (body.workerId === undefined), {
  message: 'give exactly one of idNumber and workerId',
  path: ['workerId'],
}));


/** The route path segment of each command. */
export const TRAINING_ROUTES = {
  enrolments: 'training.enrolment',
  completions: 'training.completion',
  'exam-results': 'training.exam-result',
} as const satisfies Record<string, TrainingCommandType>;

export const TRAINING_REQUESTS = /* @__PURE__ */ defineSchema(() => ({
  'training.enrolment': z.extend(TRAINING_PAYLOADS['training.enrolment'], workerRef).check(oneWorker),
  'training.completion': z.extend(TRAINING_PAYLOADS['training.completion'], workerRef).check(oneWorker),
  'training.exam-result': z.extend(TRAINING_PAYLOADS['training.exam-result'], workerRef).check(oneWorker),
} as const));

export const TrainingStatsQuery = /* @__PURE__ */ defineSchema(() => z.strictObject({
  year: z.string().check(z.regex(/^20\d{2}$/, 'must be a year, e.g. 2026')),
  /** Admin only (and then required): the training base. */
  tenantId: z.optional(z.string().check(z.regex(ID_PATTERNS.tenant))),
}));

export const TrainingAccepted = /* @__PURE__ */ defineSchema(() => z.object({ workerId: z.string(), eventId: z.string(), status: z.literal('accepted') }));

const CategoryFigures = /* @__PURE__ */ defineSchema(() => z.object({
  category: z.enum(SERVICE_TYPES),
  trainees: z.int(),
  enrolments: z.int(),
  completions: z.int(),
  passes: z.int(),
  passedTrainees: z.int(),
}));

export const TrainingStatsView = /* @__PURE__ */ defineSchema(() => z.object({
  tenantId: z.string(),
  year: z.string(),
  trainees: z.int(),
  enrolments: z.int(),
  completions: z.int(),
  examResults: z.int(),
  passes: z.int(),
  passRate: z.nullable(z.number()),
  passedTrainees: z.int(),
  byCategory: z.array(CategoryFigures),
}));
