import { isAbsolute, resolve } from 'node:path';
import { type TraceSpec } from '../schema.js';
import { alibaba2017Reader } from './alibaba-2017.js';
import { alibaba2018Reader } from './alibaba-2018.js';
import { google2011Reader } from './google-2011.js';
import { JOB_LIST_HEADER, jobListReader } from './job-list.js';
import { readLines } from './line-reader.js';
import { type FormatReader, type Normalisation, type TraceRecord } from './trace-record.js';
import { type TraceTable, TraceTableBuilder } from './trace-table.js';

/** A trace file that cannot be replayed: names the file and, for a bad row, its line. */
export class TraceError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly reason: string,
  ) {
    super(`${file}${line !== undefined ? `:${line}` : ''}: ${reason}`);
    this.name = 'TraceError';
  }
}

/** The path of a trace file named by a scenario: relative to the scenario file's folder. */
export function tracePath(spec: Pick<TraceSpec, 'file'>, scenarioDir: string): string {
  return isAbsolute(spec.file) ? spec.file : resolve(scenarioDir, spec.file);
}

function readerFor(format: TraceSpec['format'], norm: Normalisation): FormatReader {
  switch (format) {
    case 'alibaba-2017-batch-task':
      return alibaba2017Reader(norm);
    case 'alibaba-2018-batch-task':
      return alibaba2018Reader(norm);
    case 'google-2011-task-events':
      return google2011Reader(norm);
    case 'job-list':
      return jobListReader();
  }
}

/**
 * Whether line 1 is a header. The official Alibaba and Google tables have none, but copies often add
 * one (the public Alibaba 2017 copy does): a first field that is not a number is a header, except in
 * Alibaba 2018, whose first field (task_name) is text and whose header names it. JobList always has one.
 */
function isHeader(format: TraceSpec['format'], fields: readonly string[]): boolean {
  const first = (fields[0] ?? '').trim();
  if (format === 'job-list') return true;
  if (format === 'alibaba-2018-batch-task') return first === 'task_name';
  return first !== '' && Number.isNaN(Number(first));
}

/**
 * Streams a trace file into a {@link TraceTable} (window and time scale applied; sampling is done
 * per seed when the jobs are fed, so one table serves every trial). Lines are read one at a time
 * (gzip is decompressed on the fly); only the compact columns are kept. A malformed row throws a
 * {@link TraceError} naming file and line, unless `skipInvalid` is set: then it is skipped and
 * counted (`invalidRows`). `norm` is the scenario's largest node, the unit of normalised requests.
 */
export async function loadTrace(spec: TraceSpec, path: string, norm: Normalisation): Promise<TraceTable> {
  const reader = readerFor(spec.format, norm);
  const builder = new TraceTableBuilder({
    start: spec.window.start,
    ...(spec.window.end !== undefined ? { end: spec.window.end } : {}),
    timeScale: spec.timeScale,
  });
  const tenantOf = (r: TraceRecord): string => (r.group !== undefined ? (spec.tenants[r.group] ?? spec.tenant) : spec.tenant);
  const groups = spec.groups !== undefined ? new Set(spec.groups) : undefined;
  let filteredOut = 0;
  const emit = (r: TraceRecord): void => {
    if (groups !== undefined && (r.group === undefined || !groups.has(r.group))) filteredOut++;
    else builder.add(r, tenantOf(r));
  };
  let rows = 0;
  let invalidRows = 0;
  try {
    for await (const { line, text } of readLines(path)) {
      if (text.trim() === '') continue;
      const fields = text.split(',');
      if (line === 1 && isHeader(spec.format, fields)) {
        if (spec.format === 'job-list' && fields.map((x) => x.trim()).join(',') !== JOB_LIST_HEADER) {
          throw new TraceError(path, line, `a JobList header must be "${JOB_LIST_HEADER}", got "${text}"`);
        }
        continue;
      }
      rows++;
      const outcome = reader.row(fields, emit);
      if (outcome.kind === 'invalid') {
        if (!spec.skipInvalid) throw new TraceError(path, line, `${outcome.reason} (set skipInvalid: true to skip and count such rows)`);
        invalidRows++;
      }
    }
  } catch (err) {
    if (err instanceof TraceError) throw err;
    throw new TraceError(path, undefined, `cannot read the trace: ${err instanceof Error ? err.message : String(err)}`);
  }
  reader.end(emit);
  return builder.build(rows, invalidRows, filteredOut);
}
