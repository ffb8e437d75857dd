import { stringify } from 'csv-stringify/sync';
import { type Cell, type Table } from './result-tables.js';

/** Formats a cell: numbers in JavaScript's shortest round-trip form (exact and machine-independent), NaN/undefined empty. */
function cell(value: Cell): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return value;
}

/**
 * Rows as CSV text without a header: every record ends in LF, fields are quoted only where needed.
 * Records are independent, so the rows of several trials rendered apart and joined in order are the
 * same bytes as all rows rendered at once (workers render their trial's rows; see trial-rows.ts).
 */
export function csvRows(rows: readonly (readonly Cell[])[]): string {
  return rows.length === 0
    ? ''
    : stringify(
        rows.map((row) => row.map(cell)),
        { record_delimiter: '\n' },
      );
}

/** The header record of a table. */
export function csvHeader(columns: readonly string[]): string {
  return stringify([columns as string[]], { record_delimiter: '\n' });
}

/** A table as CSV text (header row, LF line ends, quoting only where needed). */
export function toCsv(table: Table): string {
  return csvHeader(table.columns) + csvRows(table.rows);
}
