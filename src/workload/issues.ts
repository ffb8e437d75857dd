import { type z } from 'zod';
import { type DocPath } from './scenario-error.js';
import { closestMatch } from './suggest.js';

/** A validation problem before it is placed in the file: a path, a message, maybe a suggestion. */
export interface Problem {
  readonly path: DocPath;
  readonly message: string;
  readonly suggestion?: string;
  /** The problem is the key itself (an unknown field), so point at the key rather than its value. */
  readonly atKey?: boolean;
}

type Issue = z.core.$ZodIssue;

/**
 * Turns zod issues into readable problems: unknown keys get "did you mean" from the schema's own
 * keys at that path, enum and literal mismatches the closest allowed value, unions are resolved to
 * the branch the author evidently meant, and zod's generic texts are replaced by plain words.
 * `raw` is the document that was validated (issues of missing fields carry no input).
 */
export function problemsFromIssues(issues: readonly Issue[], schema: z.ZodType, raw: unknown): Problem[] {
  const out: Problem[] = [];
  for (const issue of issues) collect(issue, [], schema, raw, out);
  return dedupe(out);
}

function collect(issue: Issue, base: DocPath, schema: z.ZodType, raw: unknown, out: Problem[]): void {
  const path: DocPath = [...base, ...(issue.path as (string | number)[])];
  const input = 'input' in issue ? issue.input : valueAt(raw, path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = allowedKeysAt(schema, raw, path);
      const present = Object.keys(asRecord(valueAt(raw, path)) ?? {});
      const candidates = allowed.filter((k) => !present.includes(k));
      for (const key of issue.keys) {
        const suggestion = closestMatch(key, candidates);
        out.push({ path: [...path, key], message: 'unknown field', atKey: true, ...(suggestion !== undefined ? { suggestion } : {}) });
      }
      return;
    }
    case 'invalid_union': {
      if (issue.errors.length === 0) {
        // A discriminated union whose discriminator matched no option.
        const options = ((issue as { options?: unknown[] }).options ?? []).map(String);
        const got = valueAt(raw, path);
        if (got === undefined) {
          out.push({ path, message: `required field missing (one of ${options.join(', ')})` });
          return;
        }
        const suggestion = typeof got === 'string' ? closestMatch(got, options) : undefined;
        out.push({
          path,
          message: `unknown ${String(path[path.length - 1] ?? 'kind')} ${preview(got)}: expected one of ${options.join(', ')}`,
          ...(suggestion !== undefined ? { suggestion } : {}),
        });
        return;
      }
      if (valueAt(raw, path) === undefined) {
        out.push({ path, message: `required field missing (${expectedOf(issue.errors.flat())})` });
        return;
      }
      const branches = issue.errors.filter((branch) => !failsAtRoot(branch));
      if (branches.length === 0) {
        out.push({ path, message: `expected ${expectedOf(issue.errors.flat())}, got ${preview(valueAt(raw, path))}` });
        return;
      }
      // The branch that got furthest: the author wrote that shape and made a smaller mistake in it.
      const best = branches.reduce((a, b) => (b.length < a.length ? b : a));
      for (const inner of best) collect(inner, path, schema, raw, out);
      return;
    }
    case 'invalid_type': {
      if (input === undefined) {
        out.push({ path, message: `required field missing (${article(issue.expected)})` });
        return;
      }
      const received = (issue as { received?: string }).received;
      const got = received === 'NaN' || received === 'Infinity' ? received : preview(input);
      const whole = issue.expected === 'int' ? 'a whole number' : article(issue.expected);
      out.push({ path, message: `expected ${whole}, got ${got}` });
      return;
    }
    case 'invalid_value': {
      const values = issue.values.map((v) => String(v));
      if (input === undefined) {
        out.push({ path, message: `required field missing (${values.map((v) => JSON.stringify(v)).join(' or ')})` });
        return;
      }
      const suggestion = typeof input === 'string' ? closestMatch(input, values) : undefined;
      const expected = values.length === 1 ? JSON.stringify(values[0]) : `one of ${values.join(', ')}`;
      out.push({ path, message: `expected ${expected}, got ${preview(input)}`, ...(suggestion !== undefined ? { suggestion } : {}) });
      return;
    }
    case 'too_big':
    case 'too_small': {
      out.push({ path, message: boundMessage(issue) });
      return;
    }
    default: {
      // Custom issues of the schema may carry a correction (value-hints.ts).
      const suggestion = issue.code === 'custom' ? (issue.params as { suggestion?: unknown } | undefined)?.suggestion : undefined;
      out.push({ path, message: issue.message, ...(typeof suggestion === 'string' ? { suggestion } : {}) });
    }
  }
}

function boundMessage(issue: z.core.$ZodIssueTooBig | z.core.$ZodIssueTooSmall): string {
  const big = issue.code === 'too_big';
  const bound = Number(big ? issue.maximum : issue.minimum);
  const inclusive = issue.inclusive !== false;
  switch (issue.origin) {
    case 'array':
    case 'set':
      return big ? `has more than ${bound} items` : bound === 1 ? 'must not be empty' : `needs at least ${bound} items`;
    case 'string':
      return big ? `is longer than ${bound} characters` : bound === 1 ? 'must not be empty' : `needs at least ${bound} characters`;
    default:
      if (big) return bound >= Number.MAX_SAFE_INTEGER ? 'is too large' : inclusive ? `must be at most ${bound}` : `must be less than ${bound}`;
      return inclusive ? (bound === 0 ? 'must not be negative' : `must be at least ${bound}`) : `must be greater than ${bound}`;
  }
}

/** True when every issue of a union branch says the value has the wrong shape altogether. */
function failsAtRoot(branch: readonly Issue[]): boolean {
  return branch.every(
    (i) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'invalid_value' || (i.code === 'invalid_union' && i.errors.every(failsAtRoot))),
  );
}

function expectedOf(issues: readonly Issue[]): string {
  const names = new Set<string>();
  const walk = (list: readonly Issue[]): void => {
    for (const i of list) {
      if (i.code === 'invalid_type') names.add(article(i.expected));
      else if (i.code === 'invalid_value') for (const v of i.values) names.add(JSON.stringify(v));
      else if (i.code === 'invalid_union') for (const b of i.errors) walk(b);
    }
  };
  walk(issues);
  return [...names].join(' or ');
}

function article(type: string): string {
  switch (type) {
    case 'object':
      return 'a mapping (key: value)';
    case 'array':
      return 'a list';
    case 'int':
      return 'a whole number';
    case 'number':
      return 'a number';
    case 'string':
      return 'a string';
    case 'boolean':
      return 'true or false';
    default:
      return type;
  }
}

/** A short rendering of a value for messages; long strings and objects are abbreviated. */
export function preview(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null (an empty value)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  return String(value);
}

function dedupe(problems: readonly Problem[]): Problem[] {
  // zod reports an oversized integer twice (its safe-integer check and the schema's maximum): keep
  // the schema's bound, which says what is allowed. Exact repeats (from union branches) are dropped.
  const key = (p: Problem): string => JSON.stringify(p.path);
  const bounded = new Set(problems.filter((p) => /^must be (at most|less than)/.test(p.message)).map(key));
  const seen = new Set<string>();
  return problems.filter((p) => {
    const full = `${key(p)}|${p.message}`;
    if (seen.has(full) || (p.message === 'is too large' && bounded.has(key(p)))) return false;
    seen.add(full);
    return true;
  });
}

/** The value at a path in a parsed document, or undefined. */
export function valueAt(raw: unknown, path: DocPath): unknown {
  let cur = raw;
  for (const part of path) {
    // Own properties only: a key such as `constructor` must not find Object.prototype's.
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, part)) return undefined;
    cur = (cur as Record<string | number, unknown>)[part];
  }
  return cur;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

interface Def {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly element?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly discriminator?: string;
  readonly in?: z.ZodType;
  readonly innerType?: z.ZodType;
  readonly valueType?: z.ZodType;
  readonly values?: readonly unknown[];
}

const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Strips wrappers (pipes, transforms, defaults, optionals) down to the schema that checks shape. */
function unwrap(s: z.ZodType): z.ZodType {
  let cur = s;
  for (let guard = 0; guard < 32; guard++) {
    const d = defOf(cur);
    if (d.type === 'pipe' && d.in) cur = d.in;
    else if ((d.type === 'optional' || d.type === 'default' || d.type === 'prefault' || d.type === 'nullable' || d.type === 'readonly') && d.innerType)
      cur = d.innerType;
    else return cur;
  }
  return cur;
}

/** The object schemas that can sit at `path`, following the document to choose union branches. */
function objectSchemasAt(schema: z.ZodType, raw: unknown, path: DocPath): z.ZodType[] {
  let current: z.ZodType[] = [schema];
  for (let depth = 0; depth <= path.length; depth++) {
    const value = valueAt(raw, path.slice(0, depth));
    const expanded: z.ZodType[] = [];
    for (const s of current) expanded.push(...branchesFor(unwrap(s), value));
    if (depth === path.length) return expanded.filter((s) => defOf(s).type === 'object');
    const part = path[depth] as string | number;
    const next: z.ZodType[] = [];
    for (const s of expanded) {
      const d = defOf(s);
      if (d.type === 'object' && typeof part === 'string' && d.shape && Object.hasOwn(d.shape, part)) next.push(d.shape[part] as z.ZodType);
      else if (d.type === 'array' && typeof part === 'number' && d.element) next.push(d.element);
      else if (d.type === 'record' && d.valueType) next.push(d.valueType);
    }
    current = next;
  }
  return [];
}

function branchesFor(s: z.ZodType, value: unknown): z.ZodType[] {
  const d = defOf(s);
  if (d.type !== 'union' || !d.options) return [s];
  const options = d.options.flatMap((o) => branchesFor(unwrap(o), value));
  const record = asRecord(value);
  if (d.discriminator !== undefined && record) {
    const tag = record[d.discriminator];
    const matching = options.filter((o) => {
      const field = defOf(o).shape?.[d.discriminator as string];
      return field !== undefined && (defOf(unwrap(field)).values ?? []).includes(tag);
    });
    if (matching.length > 0) return matching;
  }
  return options;
}

/** Every key the schema allows for the object at `path` (empty when unknown). */
export function allowedKeysAt(schema: z.ZodType, raw: unknown, path: DocPath): string[] {
  const keys = new Set<string>();
  for (const s of objectSchemasAt(schema, raw, path)) for (const k of Object.keys(defOf(s).shape ?? {})) keys.add(k);
  return [...keys];
}
