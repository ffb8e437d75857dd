/** How a column's cells line up. */
export type Align = 'left' | 'right';

const width = (s: string): number => [...s].length;

function pad(s: string, to: number, align: Align): string {
  const fill = ' '.repeat(Math.max(0, to - width(s)));
  return align === 'left' ? s + fill : fill + s;
}

/**
 * A plain-text table for a terminal: a header row, a rule of dashes, then the rows; every column as
 * wide as its widest cell, two spaces between columns, no trailing spaces. `align` gives each
 * column's alignment (default left). Widths count code points, which suits monospaced Latin text.
 */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[] = []): string[] {
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: readonly string[]): string =>
    widths
      .map((w, i) => pad(cells[i] ?? '', w, align[i] ?? 'left'))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}
