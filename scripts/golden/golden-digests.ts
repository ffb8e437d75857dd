import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { UNCOMPARED } from './golden-sets.js';

/** SHA-256 of every compared results file of a folder (top level only: reports and charts are not results). */
export function digestFolder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (UNCOMPARED.has(name) || !statSync(path).isFile() || !/\.(csv|jsonl)$/.test(name)) continue;
    out[name] = createHash('sha256').update(readFileSync(path)).digest('hex');
  }
  return out;
}

/** The files whose digests differ, appeared or disappeared between the golden and a new run. */
export function changedFiles(golden: Record<string, string>, now: Record<string, string>): string[] {
  const names = [...new Set([...Object.keys(golden), ...Object.keys(now)])].sort();
  return names.filter((n) => golden[n] !== now[n]);
}

/** A trial's identity in runs.csv. */
const KEY_COLUMNS = ['scenario', 'sweep_value', 'engine', 'seed'] as const;

/**
 * The cells of runs.csv that differ, as readable lines `scenario/engine/seed column: old → new`
 * (at most `limit`), plus rows and columns present on one side only.
 */
export function runsCsvDiff(goldenCsv: string, nowCsv: string, limit = 40): string[] {
  type Row = Record<string, string>;
  const read = (text: string): Row[] => parse(text, { columns: true, skip_empty_lines: true }) as Row[];
  const key = (r: Row): string =>
    KEY_COLUMNS.map((c) => r[c] ?? '')
      .filter((v) => v !== '')
      .join('/');
  const before = new Map(read(goldenCsv).map((r) => [key(r), r]));
  const after = new Map(read(nowCsv).map((r) => [key(r), r]));
  const lines: string[] = [];
  for (const k of before.keys()) if (!after.has(k)) lines.push(`${k}: row gone`);
  for (const [k, row] of after) {
    const old = before.get(k);
    if (!old) {
      lines.push(`${k}: new row`);
      continue;
    }
    for (const col of new Set([...Object.keys(old), ...Object.keys(row)])) {
      if (!(col in old)) lines.push(`${k} ${col}: new column = ${row[col]}`);
      else if (!(col in row)) lines.push(`${k} ${col}: column gone (was ${old[col]})`);
      else if (old[col] !== row[col]) lines.push(`${k} ${col}: ${old[col]} → ${row[col]}`);
    }
  }
  return lines.length > limit ? [...lines.slice(0, limit), `… and ${lines.length - limit} more`] : lines;
}

/** The committed golden of a set: its digests and its runs.csv (undefined when never recorded). */
export function readGolden(dir: string): { digests: Record<string, string>; runsCsv: string } | undefined {
  const digestsFile = join(dir, 'digests.json');
  if (!existsSync(digestsFile)) return undefined;
  return {
    digests: JSON.parse(readFileSync(digestsFile, 'utf8')) as Record<string, string>,
    runsCsv: existsSync(join(dir, 'runs.csv')) ? readFileSync(join(dir, 'runs.csv'), 'utf8') : '',
  };
}
