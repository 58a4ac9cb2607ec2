/**
 * Visits every sub-schema of a JSON Schema (properties, anyOf/oneOf/allOf branches, array
 * items) with a readable path (`data.claim.amount`, `data.items[]`, `data.x[0]`), so a test
 * can hold each one to a rule (e.g. no free-text strings in an event's data).
 */
export type SchemaVisitor = (schema: Record<string, unknown>, path: string) => void;

export function walkSchema(schema: Record<string, unknown>, path: string, visit: SchemaVisitor): void {
  visit(schema, path);
  for (const [name, child] of Object.entries((schema.properties ?? {}) as Record<string, Record<string, unknown>>)) walkSchema(child, `${path}.${name}`, visit);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    for (const [i, child] of ((schema[key] ?? []) as Record<string, unknown>[]).entries()) walkSchema(child, `${path}[${i}]`, visit);
  }
  if (schema.items && typeof schema.items === 'object') walkSchema(schema.items as Record<string, unknown>, `${path}[]`, visit);
}
