import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { crossCheck } from './cross-check.js';
import { duplicateKeyErrors } from './duplicate-keys.js';
import { deepestIndent, firstInvalidUtf8, nestingDepth } from './input-guards.js';
import { problemsFromIssues, type Problem } from './issues.js';
import { compareErrors, formatPath, type ScenarioError } from './scenario-error.js';
import { scenarioSchema, type ScenarioDoc } from './schema.js';
import { createSourceMap, type SourceMap } from './source-positions.js';

export { formatScenarioError, formatScenarioErrors, type ScenarioError } from './scenario-error.js';

/** A loaded, validated scenario. */
export interface Scenario {
  /** The validated document: readonly, every default filled, durations in µs, quantities in base units. */
  readonly doc: ScenarioDoc;
  /** The parsed document before validation (plain JSON data), for applying sweep values. */
  readonly raw: unknown;
  /** The file it came from, as given (`inline.yaml` for text without a file). */
  readonly file: string;
  /** sha-256 of the file's text, hex; results record it so a run names exactly what it ran. */
  readonly hash: string;
}

/** A scenario, or every error found in it. */
export type ScenarioLoad = { readonly ok: true; readonly scenario: Scenario } | { readonly ok: false; readonly errors: readonly ScenarioError[] };

/** A validated document, or every error found in it. */
export type DocValidation = { readonly ok: true; readonly doc: ScenarioDoc } | { readonly ok: false; readonly errors: readonly ScenarioError[] };

/**
 * Largest scenario file accepted. Scenario files are a few KB; the YAML parser needs about 1 s per
 * 100 KB of pathological flow lists, so the limit keeps a wrong path (a trace, a binary) or hostile
 * input to a few seconds. Traces are loaded by their own readers.
 */
export const MAX_SCENARIO_BYTES = 512 * 1024;

/**
 * Nesting deeper than this is rejected before validation. The schema itself is at most about ten
 * levels deep; the limit keeps recursive conversion of hostile input (`[[[[…`) off the stack limit.
 */
export const MAX_NESTING = 64;

/**
 * Widest indentation accepted, counting the `- `, `? ` and `: ` indicators that open nested block
 * collections on one line (`- - - - x`). Deep block nesting makes the YAML parser recurse and can
 * exhaust memory; real scenarios stay under 20 columns.
 */
export const MAX_INDENT = 4 * MAX_NESTING;

/** Validation errors reported per file; a file with more is garbage or the wrong file, and locating each costs a walk. */
export const MAX_ERRORS = 50;

/** Syntax errors reported per file. */
const MAX_SYNTAX_ERRORS = 5;

/**
 * Parses and validates scenario text (YAML 1.2; JSON is accepted as a subset). Never throws on
 * user input: syntax errors, schema errors and cross-reference errors all come back as
 * {@link ScenarioError}s with file, line, column and field path.
 */
export function parseScenarioText(text: string, file: string): ScenarioLoad {
  const hash = createHash('sha256').update(text, 'utf8').digest('hex');
  if (text.length > MAX_SCENARIO_BYTES) {
    return fail({ file, line: 1, column: 1, path: '', message: `the file is larger than ${MAX_SCENARIO_BYTES} bytes; is it really a scenario?` });
  }
  const depth = nestingDepth(text);
  if (depth.depth > MAX_NESTING) {
    return fail({ file, line: depth.line, column: 1, path: '', message: `nesting deeper than ${MAX_NESTING} levels; this is not a scenario file` });
  }
  const indent = deepestIndent(text);
  if (indent.width > MAX_INDENT) {
    return fail({
      file,
      line: indent.line,
      column: 1,
      path: '',
      message: `indented ${indent.width} columns deep (more than ${MAX_INDENT}); this is not a scenario file`,
    });
  }
  const lines = new LineCounter();
  let raw: unknown;
  let source: SourceMap;
  try {
    // Repeated keys are found by duplicateKeyErrors (linear) instead of the parser's quadratic check.
    // toJS's maxAliasCount bounds alias expansion ("billion laughs").
    // logLevel 'error': no process warnings (a collection used as a key is reported as an unknown field instead).
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false, strict: true, logLevel: 'error' });
    // After the first few, YAML syntax errors are mostly echoes of the first one.
    const syntax = doc.errors.slice(0, MAX_SYNTAX_ERRORS).map((e): ScenarioError => {
      const pos = lines.linePos(e.pos[0]);
      return { file, line: pos.line, column: pos.col, path: '', message: `YAML syntax: ${firstLine(e.message)}` };
    });
    if (syntax.length > 0) return { ok: false, errors: syntax };
    const duplicates = duplicateKeyErrors(doc, lines, file, MAX_SYNTAX_ERRORS);
    if (duplicates.length > 0) return { ok: false, errors: duplicates };
    raw = doc.toJS({ maxAliasCount: 100 });
    source = createSourceMap(doc, lines);
  } catch (e) {
    return fail({ file, line: 1, column: 1, path: '', message: `cannot read the document: ${firstLine(e instanceof Error ? e.message : String(e))}` });
  }
  if (raw === null || raw === undefined) return fail({ file, line: 1, column: 1, path: '', message: 'the file is empty' });
  const result = validateScenarioDoc(raw, file, source);
  if (!result.ok) return result;
  const scenario: Scenario = { doc: result.doc, raw, file, hash };
  SOURCES.set(scenario, source);
  return { ok: true, scenario };
}

/**
 * Where each loaded scenario's fields are written, kept beside the scenario rather than in it so a
 * Scenario stays plain data (it may be cloned or serialised; a source map may not).
 */
const SOURCES = new WeakMap<Scenario, SourceMap>();

/**
 * An error about a field of a loaded scenario found after loading (e.g. an engine rejecting its
 * `spec.engines.<name>` options), placed at the field's line when the scenario was parsed in this
 * process. `path` is the field path as keys and indices: `['spec', 'engines', 'mesos', 'offerTimeout']`.
 */
export function scenarioErrorAt(
  scenario: Scenario,
  path: readonly (string | number)[],
  message: string,
  options: { readonly suggestion?: string; /** Point at the key (an unknown option) instead of its value. */ readonly atKey?: boolean } = {},
): ScenarioError {
  const { suggestion, atKey = false } = options;
  const pos = SOURCES.get(scenario)?.locate(path, atKey);
  return {
    file: scenario.file,
    ...(pos ? { line: pos.line, column: pos.column } : {}),
    path: formatPath(path),
    message,
    ...(suggestion !== undefined ? { suggestion } : {}),
  };
}

/**
 * Reads a scenario file as bytes, rejects text that is not UTF-8 (naming the first bad byte), and
 * parses it with {@link parseScenarioText}. A missing or unreadable file is an error value too.
 */
export function loadScenarioFile(path: string): ScenarioLoad {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as { code?: string }).code;
    return fail({
      file: path,
      path: '',
      message: code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a scenario file' : `cannot read: ${(e as Error).message}`,
    });
  }
  if (bytes.length > MAX_SCENARIO_BYTES)
    return fail({ file: path, path: '', message: `the file is larger than ${MAX_SCENARIO_BYTES} bytes; is it really a scenario?` });
  const bad = firstInvalidUtf8(bytes);
  if (bad !== undefined) {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < bad; i++) {
      if (bytes[i] === 0x0a) {
        line++;
        lineStart = i + 1;
      }
    }
    return fail({
      file: path,
      line,
      column: bad - lineStart + 1,
      path: '',
      message: `not valid UTF-8 (byte 0x${(bytes[bad] as number).toString(16).padStart(2, '0')} at offset ${bad}); save the file as UTF-8`,
    });
  }
  let text = new TextDecoder('utf-8').decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a byte-order mark is not content
  return parseScenarioText(text, path);
}

/**
 * Validates an already parsed document (an object from a sweep, a test or a property generator):
 * the schema, then cross-references. `source`, when given, places errors at lines of the file.
 */
export function validateScenarioDoc(raw: unknown, file: string, source?: SourceMap): DocValidation {
  const parsed = scenarioSchema.safeParse(raw, { reportInput: true });
  const problems: Problem[] = parsed.success ? crossCheck(parsed.data, raw) : problemsFromIssues(parsed.error.issues, scenarioSchema, raw);
  if (parsed.success && problems.length === 0) return { ok: true, doc: parsed.data };
  const errors = problems.slice(0, MAX_ERRORS).map((p): ScenarioError => {
    const pos = source?.locate(p.path, p.atKey);
    return {
      file,
      ...(pos ? { line: pos.line, column: pos.column } : {}),
      path: formatPath(p.path),
      message: p.message,
      ...(p.suggestion !== undefined ? { suggestion: p.suggestion } : {}),
    };
  });
  errors.sort(compareErrors);
  const next = problems[MAX_ERRORS];
  if (next !== undefined) {
    // Point at the first error not shown, so the summary has a place like every other error.
    const pos = source?.locate(next.path, next.atKey);
    errors.push({
      file,
      ...(pos ? { line: pos.line, column: pos.column } : {}),
      path: formatPath(next.path),
      message: `… and ${problems.length - MAX_ERRORS} more errors from here on`,
    });
  }
  return { ok: false, errors };
}

function fail(error: ScenarioError): { ok: false; errors: readonly ScenarioError[] } {
  return { ok: false, errors: [error] };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
