import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderEventDocs } from '../../shared/events/event-docs';
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
});
