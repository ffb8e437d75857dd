import { type z } from 'zod';
import { type OptionsParse } from '../engine.js';

/**
 * Validates an engine's options block with its zod schema (absent = `{}`, so every default applies) and
 * turns zod's findings into the harness's `{ path, message }` list, the one mapping every engine shares:
 * the runner names the scenario file and the field path from it.
 */
export function parseEngineOptions<S extends z.ZodType>(schema: S, raw: unknown): OptionsParse<z.output<S>> {
  const r = schema.safeParse(raw ?? {});
  if (r.success) return { ok: true, options: r.data };
  return { ok: false, issues: r.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message })) };
}

/** The options with every default, for tests and bounds: throws if the defaults themselves do not validate. */
export function defaultEngineOptions<S extends z.ZodType>(schema: S, engine: string): z.output<S> {
  const r = parseEngineOptions(schema, {});
  if (!r.ok) throw new Error(`the ${engine} defaults do not validate: ${r.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.options;
}
