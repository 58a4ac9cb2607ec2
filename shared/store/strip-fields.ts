/**
 * Stored items carry the table's key attributes (pk, sk and the GSI keys an item is listed
 * under); the domain never sees them. Each repository names the ones its items have.
 */
export const fieldStripper =
  (fields: readonly string[]) =>
  <T>(item: Record<string, unknown>): T => {
    const copy = { ...item };
    for (const field of fields) delete copy[field];
    return copy as T;
  };
