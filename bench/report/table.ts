/** Tables for the terminal (aligned columns) and for Markdown. */
export type Cell = string | number | undefined;

const text = (c: Cell) => (c === undefined ? '–' : typeof c === 'number' ? c.toLocaleString('en', { maximumFractionDigits: 3 }) : c);
const numeric = (c: Cell) => typeof c === 'number';

export function textTable(headers: string[], rows: Cell[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => text(r[i]).length)));
  const line = (cells: Cell[]) =>
    cells.map((c, i) => (numeric(c) ? text(c).padStart(widths[i]!) : text(c).padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function markdownTable(headers: string[], rows: Cell[][]): string {
  const esc = (c: Cell) => text(c).replaceAll('|', '\\|');
  return [
    `| ${headers.join(' | ')} |`,
    `| ${headers.map((_, i) => (rows.some((r) => numeric(r[i])) ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}
