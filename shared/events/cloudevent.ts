/**
 * CloudEvents 1.0 in structured mode (the whole event is one JSON object): the envelope
 * every Anxin domain event travels in, whatever carries it (the EventBridge bus, an
 * insurer's queue, a webhook). A pure builder, no I/O, no dependency: the `cloudevents`
 * npm package is used by the conformance tests only, so it never reaches a bundle
 * (docs/architecture.md "Cold-start budget").
 */

export const CLOUDEVENTS_SPEC_VERSION = '1.0';

/** A structured-mode CloudEvent as JSON. Extension attributes sit beside the core ones. */
export interface CloudEvent<D = unknown> {
  specversion: '1.0';
  /** Unique per source; a redelivered event keeps its id, which is how consumers deduplicate. */
  id: string;
  /** URI-reference of the producer. */
  source: string;
  type: string;
  subject?: string;
  /** RFC 3339. */
  time?: string;
  datacontenttype?: string;
  /** Absolute URI of the schema `data` follows. */
  dataschema?: string;
  data?: D;
  [extension: string]: unknown;
}

/**
 * Attribute names are lower-case ASCII letters and digits (spec §"Attribute Naming
 * Convention"); extension names SHOULD be at most 20 characters, which we enforce.
 */
export const EXTENSION_NAME = /^[a-z0-9]{1,20}$/;

const CORE_ATTRIBUTES = new Set([
  'specversion',
  'id',
  'source',
  'type',
  'subject',
  'time',
  'datacontenttype',
  'dataschema',
  'data',
  'data_base64',
]);

/** Extension values the JSON format can carry: String, Integer, Boolean (URI and Timestamp travel as strings). */
export type ExtensionValue = string | number | boolean;

export interface CloudEventInput<D> {
  id: string;
  source: string;
  type: string;
  subject?: string;
  time?: string;
  datacontenttype?: string;
  dataschema?: string;
  data?: D;
  extensions?: Record<string, ExtensionValue>;
}

export class InvalidCloudEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidCloudEventError';
  }
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
const ABSOLUTE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;

function requireNonEmpty(name: string, value: unknown): void {
  if (typeof value !== 'string' || value.length === 0) throw new InvalidCloudEventError(`${name} must be a non-empty string`);
}

/**
 * Builds a structured-mode CloudEvent. Attributes come out in a fixed order (core, then
 * extensions sorted, then data), so the same input always serializes to the same bytes.
 */
export function buildCloudEvent<D>(input: CloudEventInput<D>): CloudEvent<D> {
  requireNonEmpty('id', input.id);
  requireNonEmpty('source', input.source);
  requireNonEmpty('type', input.type);
  if (input.subject !== undefined) requireNonEmpty('subject', input.subject);
  if (input.time !== undefined && (!RFC3339.test(input.time) || Number.isNaN(Date.parse(input.time)))) {
    throw new InvalidCloudEventError(`time ${JSON.stringify(input.time)} is not an RFC 3339 timestamp`);
  }
  if (input.dataschema !== undefined && !ABSOLUTE_URI.test(input.dataschema)) {
    throw new InvalidCloudEventError(`dataschema ${JSON.stringify(input.dataschema)} is not an absolute URI`);
  }

  const event: CloudEvent<D> = {
    specversion: CLOUDEVENTS_SPEC_VERSION,
    id: input.id,
    source: input.source,
    type: input.type,
  };
  if (input.subject !== undefined) event.subject = input.subject;
  if (input.time !== undefined) event.time = input.time;
  if (input.datacontenttype !== undefined) event.datacontenttype = input.datacontenttype;
  if (input.dataschema !== undefined) event.dataschema = input.dataschema;
  for (const [name, value] of Object.entries(input.extensions ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!EXTENSION_NAME.test(name)) throw new InvalidCloudEventError(`extension name ${JSON.stringify(name)} must be 1-20 lower-case letters or digits`);
    if (CORE_ATTRIBUTES.has(name)) throw new InvalidCloudEventError(`extension ${name} would shadow a core attribute`);
    if (typeof value === 'number' && !Number.isSafeInteger(value)) throw new InvalidCloudEventError(`extension ${name} must be an integer`);
    event[name] = value;
  }
  if (input.data !== undefined) event.data = input.data;
  return event;
}
