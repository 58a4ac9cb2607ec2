import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { renderEventDocs } from '../../shared/events/event-docs';
import { CLAIM_EVENT_TYPES } from '../../shared/events/claim-event-types';
import { eventSchemaUri, ORDER_EVENT_TYPES } from '../../shared/events/order-event-types';

const dir = new URL('../../docs/events/', import.meta.url);

describe('docs/events', () => {
  const expected = renderEventDocs();

  it('holds exactly the generated files (run `npx tsx scripts/generate-event-docs.ts` after changing shared/events)', () => {
    expect(readdirSync(dir).sort()).toEqual([...expected.keys()].sort());
  });

  it.each([...expected.keys()])('%s is up to date', (name) => {
    expect(readFileSync(new URL(name, dir), 'utf8')).toBe(expected.get(name));
  });

  it('has a schema whose $id is the dataschema URI, and an example, for every type', () => {
    for (const type of ORDER_EVENT_TYPES) {
      const schema = JSON.parse(expected.get(`${type}.schema.json`)!) as Record<string, unknown>;
      const example = JSON.parse(expected.get(`${type}.example.json`)!) as Record<string, unknown>;
      expect(schema.$id).toBe(eventSchemaUri(type));
      expect(example.dataschema).toBe(schema.$id);
      expect(schema).toMatchObject({ type: 'object', additionalProperties: false });
    }
  });

  it('has a schema and an example for every claim event type, and each example validates against its published schema', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    for (const type of Object.values(CLAIM_EVENT_TYPES)) {
      const schema = JSON.parse(expected.get(`${type}.schema.json`)!) as Record<string, unknown>;
      const example = JSON.parse(expected.get(`${type}.example.json`)!) as Record<string, unknown>;
      expect(schema.$id).toBe(eventSchemaUri(type));
      expect(example.dataschema).toBe(schema.$id);
      const validate = ajv.compile(schema);
      expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
      // Closed: an extra attribute or data field fails the published schema too.
      expect(validate({ ...example, extra: 1 })).toBe(false);
      expect(validate({ ...example, data: { ...(example.data as object), description: 'x' } })).toBe(false);
    }
  });
});
