import { createReadStream, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ResultsFolderError } from '../results-folder-error.js';

/** One explain.jsonl record (docs/explain.md), with the file and line it came from for error messages. */
export interface ExplainRecord {
  readonly trial: string;
  /** Simulated seconds. */
  readonly time: number;
  readonly type: string;
  readonly fields: Readonly<Record<string, unknown>>;
  /** `file:line`. */
  readonly where: string;
}

/** The explain.jsonl of a results folder; a clear error when the folder or the file is missing. */
export function explainFile(dir: string): string {
  if (!existsSync(dir)) throw new ResultsFolderError(`${dir}: no such results folder`);
  if (!statSync(dir).isDirectory()) throw new ResultsFolderError(`${dir}: is a file, not a results folder`);
  const file = join(dir, 'explain.jsonl');
  if (!existsSync(file))
    throw new ResultsFolderError(`${dir} has no explain.jsonl: the run was made without --explain (run it again with --explain, or --explain=full)`);
  return file;
}

/**
 * Streams explain.jsonl and returns the records of the lines `wanted` keeps (it sees the raw line,
 * so a cheap text test spares parsing the rest of a large file). A kept line that is not a JSON
 * object with `trial`, `time` and `type` is an error naming the file and line.
 */
export async function readExplainRecords(file: string, wanted: (line: string) => boolean): Promise<ExplainRecord[]> {
  const out: ExplainRecord[] = [];
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line === '' || !wanted(line)) continue;
    out.push(parseRecord(line, `${file}:${n}`));
  }
  return out;
}

function parseRecord(line: string, where: string): ExplainRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new ResultsFolderError(`${where}: not a JSON line`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ResultsFolderError(`${where}: not a JSON object`);
  const fields = value as Record<string, unknown>;
  const { trial, time, type } = fields;
  if (typeof trial !== 'string') throw new ResultsFolderError(`${where}: field "trial" is missing or not a string`);
  if (typeof time !== 'number') throw new ResultsFolderError(`${where}: field "time" is missing or not a number`);
  if (typeof type !== 'string') throw new ResultsFolderError(`${where}: field "type" is missing or not a string`);
  return { trial, time, type, fields, where };
}

/** A field of a record that must be a string, else an error naming the record's line and the field. */
export function stringField(r: ExplainRecord, name: string): string {
  const v = r.fields[name];
  if (typeof v !== 'string') throw new ResultsFolderError(`${r.where}: field "${name}" is missing or not a string`);
  return v;
}

/** A field of a record that must be a number, else an error naming the record's line and the field. */
export function numberField(r: ExplainRecord, name: string): number {
  const v = r.fields[name];
  if (typeof v !== 'number') throw new ResultsFolderError(`${r.where}: field "${name}" is missing or not a number`);
  return v;
}

/** A field of a record that must be a list (absent: empty), else an error naming the record's line and the field. */
export function listField(r: ExplainRecord, name: string): readonly Record<string, unknown>[] {
  const v = r.fields[name];
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new ResultsFolderError(`${r.where}: field "${name}" is not a list`);
  return v as Record<string, unknown>[];
}
