/**
 * One problem found in a scenario file: where it is (file, YAML line and column when known, the
 * field path) and what is wrong. Errors are values; the loader collects all of them at once.
 */
export interface ScenarioError {
  readonly file: string;
  /** 1-based line of the offending node in the file; absent when the document has no source (objects, sweeps). */
  readonly line?: number;
  /** 1-based column. */
  readonly column?: number;
  /** Field path as written in messages, e.g. `spec.workloads[2].resources.cpu`; empty for the whole document. */
  readonly path: string;
  readonly message: string;
  /** The closest allowed key or value, for "did you mean". */
  readonly suggestion?: string;
}

/** A path into a parsed document: object keys and array indices. */
export type DocPath = readonly (string | number)[];

/**
 * Formats a path the way the scenario is written: `spec.workloads[2].resources.cpu`. Keys that are
 * not plain identifiers (label keys such as `example.com/fpga`) are quoted in brackets.
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (typeof part === 'string' && /^[A-Za-z_$][\w$-]*$/.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out;
}

/**
 * One line per error, compiler style, so editors and terminals can jump to it:
 * `scenarios/x.yaml:14:7: spec.workloads[0].replcias: unknown field (did you mean "replicas"?)`.
 */
export function formatScenarioError(e: ScenarioError): string {
  const where = e.line !== undefined ? `${e.file}:${e.line}:${e.column ?? 1}` : e.file;
  const path = e.path === '' ? '' : ` ${e.path}:`;
  const hint = e.suggestion !== undefined ? ` (did you mean ${JSON.stringify(e.suggestion)}?)` : '';
  return `${where}:${path} ${e.message}${hint}`;
}

/** All errors, one per line, in file order (line, then column, then path). */
export function formatScenarioErrors(errors: readonly ScenarioError[]): string {
  return [...errors].sort(compareErrors).map(formatScenarioError).join('\n');
}

/** Orders errors by file, line, column, path, so output is stable and reads top to bottom. */
export function compareErrors(a: ScenarioError, b: ScenarioError): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  const la = a.line ?? Number.MAX_SAFE_INTEGER;
  const lb = b.line ?? Number.MAX_SAFE_INTEGER;
  if (la !== lb) return la - lb;
  const ca = a.column ?? 0;
  const cb = b.column ?? 0;
  if (ca !== cb) return ca - cb;
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
