/**
 * zod/mini schema of a structured-mode CloudEvents 1.0 envelope: what a consumer of ANY
 * Anxin event may rely on. Extensions are allowed (the spec says consumers must accept
 * unknown ones) but their names must follow the naming rule. The per-type, closed
 * schemas of order events are in order-cloudevent.ts.
 */
import * as z from 'zod/mini';
import { defineSchema } from '../lib/define-schema';
import { EXTENSION_NAME } from './cloudevent';

const nonEmpty = () => z.string().check(z.minLength(1));

/** RFC 3339 with a zone (Z or an offset). */
export const Rfc3339 = () => z.iso.datetime({ offset: true });

/** An absolute URI (scheme:rest), e.g. `urn:anxin:event-schema:...` or `https://...`. */
export const AbsoluteUri = () => z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/));

export const CLOUDEVENT_CORE_SHAPE = /* @__PURE__ */ defineSchema(() => ({
  specversion: z.literal('1.0'),
  id: nonEmpty(),
  source: nonEmpty(),
  type: nonEmpty(),
  subject: z.optional(nonEmpty()),
  time: z.optional(Rfc3339()),
  datacontenttype: z.optional(nonEmpty()),
  dataschema: z.optional(AbsoluteUri()),
  data: z.optional(z.unknown()),
}));

export const CloudEventEnvelope = /* @__PURE__ */ defineSchema(() => z.looseObject(CLOUDEVENT_CORE_SHAPE).check(
  z.refine((event) => Object.keys(event).every((name) => name === 'data_base64' || (name.length <= 20 && EXTENSION_NAME.test(name))), {
    message: 'attribute names are 1-20 lower-case letters or digits',
  }),
));
export type CloudEventEnvelope = z.infer<typeof CloudEventEnvelope>;
