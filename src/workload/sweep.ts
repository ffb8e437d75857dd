import { valueAt, allowedKeysAt } from './issues.js';
import { type DocPath, formatPath } from './scenario-error.js';
import { scenarioSchema } from './schema.js';

/** A value a sweep may set (the schema of `spec.sweep.values`). */
export type SweepValue = number | string | boolean;

/** The outcome of reading a sweep parameter: the path, or why it is not one. */
export type SweepPathParse = { readonly ok: true; readonly path: DocPath } | { readonly ok: false; readonly error: string };

const SEGMENT = /\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;

/**
 * Reads a parameter path such as `spec.engines.mesos.serviceThinkTime`, `spec.workloads[1].replicas`
 * or `spec.cluster.nodeGroups[0].labels["example.com/tier"]` (the syntax error messages use).
 */
export function parseSweepPath(parameter: string): SweepPathParse {
  const text = parameter.trim();
  const head = /^[A-Za-z_$][\w$-]*/.exec(text);
  if (!head) return { ok: false, error: `"${parameter}" is not a field path (write e.g. spec.workloads[0].replicas)` };
  const path: (string | number)[] = [head[0]];
  SEGMENT.lastIndex = head[0].length;
  while (SEGMENT.lastIndex < text.length) {
    const at = SEGMENT.lastIndex;
    const m = SEGMENT.exec(text);
    if (!m) return { ok: false, error: `"${parameter}" is not a field path: unexpected text at character ${at + 1}` };
    if (m[1] !== undefined) path.push(m[1]);
    else if (m[2] !== undefined) path.push(Number(m[2]));
    else path.push(JSON.parse(m[3] as string) as string);
  }
  return { ok: true, path };
}

/**
 * Why a sweep parameter cannot be applied to this document, or undefined when it can. The path must
 * lead into `spec`; it must exist in the document, or be an engine override under `spec.engines`
 * (created on demand: every engine default can be swept), or be a field the schema allows on an
 * object that exists (a field left to its default).
 */
export function sweepPathProblem(raw: unknown, parameter: string): string | undefined {
  const parsed = parseSweepPath(parameter);
  if (!parsed.ok) return parsed.error;
  const path = parsed.path;
  if (path[0] !== 'spec' || path.length < 2) return `a sweep parameter is a field under spec, got "${parameter}"`;
  if (path[1] === 'sweep') return 'a sweep cannot change spec.sweep itself';
  if (path[1] === 'engines') {
    return path.length >= 4 && path.slice(2).every((p) => typeof p === 'string') ? undefined : 'an engine override is written spec.engines.<engine>.<setting>';
  }
  if (valueAt(raw, path) !== undefined) return undefined;
  const parent = path.slice(0, -1);
  const last = path[path.length - 1];
  const container = valueAt(raw, parent);
  if (container !== null && typeof container === 'object' && !Array.isArray(container) && typeof last === 'string') {
    if (allowedKeysAt(scenarioSchema, raw, parent).includes(last)) return undefined;
  }
  return `${formatPath(path)} does not exist in this scenario`;
}

/**
 * Returns a copy of `raw` with the field at `parameter` set to `value`; the input is not changed
 * (only the objects along the path are copied). Missing objects along the path are created. Throws
 * on a parameter that {@link sweepPathProblem} rejects: validation runs before any sweep is applied.
 */
export function applySweepValue(raw: unknown, parameter: string, value: SweepValue): unknown {
  const problem = sweepPathProblem(raw, parameter);
  if (problem !== undefined) throw new RangeError(`cannot sweep ${parameter}: ${problem}`);
  const parsed = parseSweepPath(parameter);
  if (!parsed.ok) throw new RangeError(parsed.error);
  return setIn(raw, parsed.path, value);
}

function setIn(node: unknown, path: DocPath, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(node)) {
    const copy = [...node];
    copy[head as number] = setIn(copy[head as number], rest, value);
    return copy;
  }
  const base = node !== null && typeof node === 'object' ? (node as Record<string, unknown>) : {};
  return { ...base, [head]: setIn(base[head as string], rest, value) };
}

/**
 * Returns a copy of `raw` with one sweep step applied: `value` set at `sweep.parameter` and at every
 * path of `sweep.alsoSet` (the same knob written in several places). Throws as {@link applySweepValue}.
 */
export function applySweepStep(
  raw: unknown,
  sweep: { readonly parameter: string; readonly alsoSet?: readonly string[] | undefined },
  value: SweepValue,
): unknown {
  return [sweep.parameter, ...(sweep.alsoSet ?? [])].reduce((doc, parameter) => applySweepValue(doc, parameter, value), raw);
}
