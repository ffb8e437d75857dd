import { stringify } from 'csv-stringify/sync';
import { type Cell, type Table } from './result-tables.js';

/** Formats a cell: numbers in JavaScript's shortest round-trip form (exact and machine-independent), NaN/undefined empty. */
function cell(value: Cell): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return value;
}

/** A table as CSV text (header row, LF line ends, quoting only where needed). */
export function toCsv(table: Table): string {
  return stringify([table.columns as string[], ...table.rows.map((row) => row.map(cell))], { record_delimiter: '\n' });
}
