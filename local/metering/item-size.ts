/**
 * DynamoDB item sizes by AWS's published rules ("DynamoDB item sizes and formats"),
 * computed on the wire form of items (the JSON protocol's AttributeValues), because that
 * is what the metering proxy sees. Capacity units are derived from these sizes, so a rule
 * got wrong here mis-prices every write: test/unit/cost-model.test.ts pins each rule.
 *
 *   string   name + UTF-8 bytes            binary  name + raw bytes (not base64)
 *   number   name + ceil(significant digits / 2) + 1
 *   bool     name + 1                      null    name + 1
 *   map/list name + 3 + Σ(element + 1)     (map elements include their key's bytes)
 *   sets     name + Σ(member sizes)
 */

/** An AttributeValue as it travels in DynamoDB's JSON protocol. */
export type WireValue =
  | { S: string }
  | { N: string }
  | { B: string }
  | { BOOL: boolean }
  | { NULL: true }
  | { M: Record<string, WireValue> }
  | { L: WireValue[] }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: string[] };

export type WireItem = Record<string, WireValue>;

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');
const rawBytes = (base64: string) => Buffer.from(base64, 'base64').length;

/** Bytes DynamoDB counts for a number: 1 per two significant digits, plus 1. */
export function numberSize(text: string): number {
  let digits = text.trim().replace(/^[-+]/, '').toLowerCase();
  // Exponent notation ("1.5e3") has the same significant digits as its mantissa.
  digits = digits.split('e')[0]!;
  const [intPart = '', fracPart = ''] = digits.split('.');
  // Leading and trailing zeroes are not significant (AWS trims them).
  const significant = `${intPart}${fracPart}`.replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(significant.length / 2) + 1;
}

/** Size of a value alone (without its attribute name). */
export function valueSize(value: WireValue): number {
  if ('S' in value) return utf8(value.S);
  if ('N' in value) return numberSize(value.N);
  if ('B' in value) return rawBytes(value.B);
  if ('BOOL' in value || 'NULL' in value) return 1;
  if ('M' in value) {
    let size = 3;
    for (const [key, inner] of Object.entries(value.M)) size += utf8(key) + valueSize(inner) + 1;
    return size;
  }
  if ('L' in value) {
    let size = 3;
    for (const inner of value.L) size += valueSize(inner) + 1;
    return size;
  }
  if ('SS' in value) return value.SS.reduce((n, s) => n + utf8(s), 0);
  if ('NS' in value) return value.NS.reduce((n, s) => n + numberSize(s), 0);
  if ('BS' in value) return value.BS.reduce((n, s) => n + rawBytes(s), 0);
  throw new Error(`unknown attribute value type: ${JSON.stringify(value).slice(0, 80)}`);
}

/** Size of a whole item: Σ(attribute name bytes + value size). Undefined/absent item = 0. */
export function itemSize(item: WireItem | undefined): number {
  if (!item) return 0;
  let size = 0;
  for (const [name, value] of Object.entries(item)) size += utf8(name) + valueSize(value);
  return size;
}
