/**
 * One row of a trace, reduced to what the harness replays: a set of identical task instances
 * submitted together. Times are in the trace's own clock converted to microseconds (before the
 * window and time scale are applied); resources are in base units (millicores, bytes).
 */
export interface TraceRecord {
  /** Submission time in trace microseconds (may be negative: created before the trace window). */
  readonly submit: number;
  /** Instances of the task (the scheduling unit); every instance has the same shape and run time. */
  readonly instances: number;
  /** Run time of each instance in microseconds. */
  readonly runFor: number;
  /** CPU request of each instance in millicores. */
  readonly cpu: number;
  /** Memory request of each instance in bytes. */
  readonly memory: number;
  /** The trace's own grouping (JobList: the `workload` column), mapped to a tenant by the scenario. */
  readonly group?: string;
}

/**
 * What a normalised trace is scaled by: the scenario's largest machine. Alibaba and Google
 * normalise memory (Google also CPU) to the largest machine of the traced cell, so 1.0 becomes the
 * capacity of the largest node the scenario declares.
 */
export interface Normalisation {
  /** Largest node CPU in millicores. */
  readonly cpu: number;
  /** Largest node memory in bytes. */
  readonly memory: number;
}

/** The outcome of one data row: nothing to replay (a header, an event that opens no task), or a reason it is malformed. */
export type RowOutcome = { readonly kind: 'ok' } | { readonly kind: 'invalid'; readonly reason: string };

/**
 * A format's row reader. `row` sees the comma-separated fields of each data line and hands
 * complete records to `emit`; `end` runs after the last line (stateful formats emit what is still
 * open). Readers keep only the state the format needs (Google: open tasks), never the whole table.
 */
export interface FormatReader {
  row(fields: readonly string[], emit: (r: TraceRecord) => void): RowOutcome;
  end(emit: (r: TraceRecord) => void): void;
}

export const OK: RowOutcome = { kind: 'ok' };

/** A malformed row. */
export function invalid(reason: string): RowOutcome {
  return { kind: 'invalid', reason };
}

/** Parses a whole number field; undefined when it is not one. */
export function intField(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const s = text.trim();
  if (!/^-?\d+$/.test(s)) return undefined;
  const v = Number(s);
  return Number.isSafeInteger(v) ? v : undefined;
}

/** Parses a finite decimal field; undefined when it is not one. */
export function numberField(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const s = text.trim();
  if (s === '') return undefined;
  const v = Number(s);
  return Number.isFinite(v) ? v : undefined;
}
