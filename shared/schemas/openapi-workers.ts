/**
 * OpenAPI paths and schemas of the worker registry and training routes, kept apart
 * from openapi.ts like the complaint routes. The helpers come from openapi.ts.
 */
import { type Json, type OpenApiHelpers, queryParameters } from './openapi-helpers';
import { CHECK_KINDS } from '../domain/worker/checks';
import { TRAINING_REQUESTS, TRAINING_ROUTES, TrainingAccepted, TrainingStatsQuery, TrainingStatsView } from './training';
import {
  CHECK_BODIES,
  ConsentBody,
  EmploymentTermRequest,
  EndEmploymentRequest,
  GraduationRequest,
  ListWorkersQuery,
  RegisterWorkerRequest,
  WorkerChangeApplied,
  WorkerPage,
  WorkerRegistered,
  WorkerTraceResponse,
  WorkerView,
} from './workers';

type Helpers = OpenApiHelpers;


const CHECK_SUMMARIES: Record<(typeof CHECK_KINDS)[number], string> = {
  identity: 'Record the identity check: verified against the ID document, and how',
  background: 'Record a background check: clear or flagged, and its date',
  health: 'Record a health check: exam date, passed, valid until at most one year after the exam (422 otherwise)',
};

const TRAINING_SUMMARIES: Record<keyof typeof TRAINING_ROUTES, string> = {
  enrolments: 'Report an enrolment in a course',
  completions: 'Report that a worker completed a course (after enrolling)',
  'exam-results': 'Report an exam result (after completing the course); a pass marks the category trained',
};

export function workerSchemas(schema: Helpers['schema']) {
  return {
    RegisterWorkerRequest: schema(RegisterWorkerRequest),
    WorkerRegistered: schema(WorkerRegistered),
    Worker: schema(WorkerView),
    WorkerPage: schema(WorkerPage),
    WorkerTrace: schema(WorkerTraceResponse),
    WorkerChangeApplied: schema(WorkerChangeApplied),
    ConsentRequest: schema(ConsentBody),
    EmploymentTermRequest: schema(EmploymentTermRequest),
    GraduationRequest: schema(GraduationRequest),
    TrainingAccepted: schema(TrainingAccepted),
    TrainingStats: schema(TrainingStatsView),
  };
}

export function workerPaths({ schema, ref, ok, problem, common, pathId, idempotencyKeyHeader }: Helpers) {
  const body = (s: Json) => ({ required: true, content: { 'application/json': { schema: s } } });
  const workerId = pathId('workerId', 'Worker id, e.g. wkr_01J…');
  const changeResponses = (extra: Record<string, Json> = {}) => ({
    '200': ok('Applied; a retry with the same Idempotency-Key gets the same answer.', 'WorkerChangeApplied'),
    '400': problem('Missing Idempotency-Key or malformed JSON.'),
    ...common,
    '404': problem('No such worker for this enterprise (never employed by it).'),
    '409': problem('The enterprise does not employ the worker now (not-employed).'),
    '422': problem('Invalid fields, or Idempotency-Key reused.'),
    ...extra,
  });
  const checkPaths = Object.fromEntries(
    CHECK_KINDS.map((kind) => [
      `/v1/workers/{workerId}/checks/${kind}`,
      {
        post: {
          operationId: `record${kind[0]!.toUpperCase()}${kind.slice(1)}Check`,
          summary: `${CHECK_SUMMARIES[kind]} (enterprise, current employer); on the worker's trace`,
          parameters: [workerId, idempotencyKeyHeader],
          requestBody: body(schema(CHECK_BODIES[kind])),
          responses: changeResponses(),
        },
      },
    ]),
  );
  const trainingPaths = Object.fromEntries(
    (Object.keys(TRAINING_ROUTES) as (keyof typeof TRAINING_ROUTES)[]).map((segment) => [
      `/v1/training/${segment}`,
      {
        post: {
          operationId: `report${segment.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase())}`,
          summary: `${TRAINING_SUMMARIES[segment]} (training-base); name the worker by idNumber or workerId; applied by the training consumer onto the worker's trace`,
          parameters: [idempotencyKeyHeader],
          requestBody: body(schema(TRAINING_REQUESTS[TRAINING_ROUTES[segment]])),
          responses: {
            '202': {
              ...ok('Accepted; GET the event in Location for "applied" or "rejected" with a reason.', 'TrainingAccepted'),
              headers: { Location: { description: 'The event to poll', schema: { type: 'string' } } },
            },
            '400': problem('Missing Idempotency-Key or malformed JSON.'),
            ...common,
            '422': problem('Invalid fields, Idempotency-Key reused, or no registered worker matches (worker-not-registered).'),
          },
        },
      },
    ]),
  );
  return {
    '/v1/workers': {
      post: {
        operationId: 'registerWorker',
        summary:
          'Register a worker (enterprise), synchronously. The ID number and name are encrypted before they are stored; the same person registered by another enterprise is the same worker',
        parameters: [idempotencyKeyHeader],
        requestBody: { required: true, content: { 'application/json': { schema: ref('RegisterWorkerRequest') } } },
        responses: {
          '201': { ...ok('Registered: a new worker, or a new (or renewed) employment link to a known one.', 'WorkerRegistered'), headers: { Location: { description: 'The worker', schema: { type: 'string' } } } },
          '200': ok('Already registered and current with this enterprise; nothing changed.', 'WorkerRegistered'),
          '400': problem('Missing Idempotency-Key or malformed JSON.'),
          ...common,
          '409': problem('The person is currently employed by another enterprise (worker-employed-elsewhere), or a consent could not be revoked.'),
          '422': problem('Invalid fields (e.g. an ID number whose check character is wrong; unknown fields such as a phone number), or Idempotency-Key reused.'),
        },
      },
      get: {
        operationId: 'listWorkers',
        summary: "The enterprise's workers, current and former, latest start first (enterprise)",
        parameters: queryParameters(schema(ListWorkersQuery)),
        responses: { '200': ok('A page of workers (masked names).', 'WorkerPage'), '400': problem('Invalid query parameters.'), ...common },
      },
    },
    '/v1/workers/{workerId}': {
      get: {
        operationId: 'getWorker',
        summary: 'One worker, masked: checks, consents, training, certificate status and the caller’s own employment link (enterprise that employs or employed it; admin)',
        parameters: [workerId],
        responses: { '200': ok('The worker.', 'Worker'), ...common, '404': problem('No such worker for this enterprise.') },
      },
    },
    '/v1/workers/{workerId}/trace': {
      get: {
        operationId: 'getWorkerTrace',
        summary: "The worker's hash-chained trace, verified on the server; other tenants' entries show no actor or payload hash (enterprise; admin sees all)",
        parameters: [workerId],
        responses: { '200': ok('The trace.', 'WorkerTrace'), ...common, '404': problem('No such worker for this enterprise.') },
      },
    },
    '/v1/workers/{workerId}/employment/end': {
      post: {
        operationId: 'endEmployment',
        summary: 'End the employment (enterprise, current employer); the link stays as history and the person may be registered elsewhere',
        parameters: [workerId, idempotencyKeyHeader],
        requestBody: { required: false, content: { 'application/json': { schema: schema(EndEmploymentRequest) } } },
        responses: changeResponses(),
      },
    },
    '/v1/workers/{workerId}/employment/terms': {
      post: {
        operationId: 'recordEmploymentTerm',
        summary:
          "Record the employment's type — labour contract (劳动合同) or service agreement (服务协议) — from a day (enterprise, current employer): from today, or the employment's first day for its first term; the running term ends the day before. Kept on the employment link and on the worker's trace; the end of the employment closes it",
        parameters: [workerId, idempotencyKeyHeader],
        requestBody: body(ref('EmploymentTermRequest')),
        responses: changeResponses({
          '200': ok('Recorded (`change`: opened, changed, or corrected — a second change the same day); `employment.terms` are the link\'s terms. A retry with the same Idempotency-Key gets the same answer.', 'WorkerChangeApplied'),
          '409': problem('The enterprise does not employ the worker now (not-employed), or the worker is on this type already (employment-term-unchanged).'),
          '422': problem('Invalid fields: an unknown type, `from` in the future, before the employment started, or backdated (not today, nor the first day for the first term); or Idempotency-Key reused.'),
        }),
      },
    },
    '/v1/workers/{workerId}/graduation': {
      put: {
        operationId: 'recordGraduation',
        summary:
          "Record the worker's graduation year and school type for the graduate employment subsidy (enterprise, current employer), only with the worker's open subsidy-graduate consent. Encrypted with the personal-data key; the trace holds a hash of the ciphertext; never shown — GET /v1/workers/{workerId} says only whether one is recorded. Revoking the consent deletes it",
        parameters: [workerId, idempotencyKeyHeader],
        requestBody: body(ref('GraduationRequest')),
        responses: changeResponses({
          '200': ok('Recorded (replacing an earlier one); the answer says `graduation.recorded` only. A retry with the same Idempotency-Key gets the same answer.', 'WorkerChangeApplied'),
          '409': problem('The enterprise does not employ the worker now (not-employed), or the worker has not given the subsidy-graduate consent (consent-required).'),
          '422': problem('Invalid fields (an unknown school type, a year after the current one), or Idempotency-Key reused.'),
        }),
      },
    },
    '/v1/workers/{workerId}/consents': {
      post: {
        operationId: 'recordConsent',
        summary: 'Record a consent granted (or a newer version) or revoked (enterprise, current employer); kept as history',
        parameters: [workerId, idempotencyKeyHeader],
        requestBody: { required: true, content: { 'application/json': { schema: ref('ConsentRequest') } } },
        responses: changeResponses({ '409': problem('Not the current employer (not-employed), or nothing to revoke (consent-not-granted).') }),
      },
    },
    ...checkPaths,
    ...trainingPaths,
    '/v1/training/stats': {
      get: {
        operationId: 'getTrainingStats',
        summary: "A training base's figures for a year: trainees, completions, passes, pass rate, per category (training-base: own; admin: ?tenantId=)",
        parameters: queryParameters(schema(TrainingStatsQuery)).map((p) => (p.name === 'year' ? { ...p, required: true } : p)),
        responses: { '200': ok('The figures.', 'TrainingStats'), '400': problem('Invalid query parameters.'), ...common },
      },
    },
  };
}
