import { z } from 'zod';
import { type OptionsParse } from '../engine.js';

/** The oracle has no knobs: it is the ideal every real architecture is measured against. */
export type OracleOptions = Readonly<Record<string, never>>;

const schema = z.strictObject({});

/** Validates `spec.engines.oracle` (must be empty). */
export function parseOracleOptions(raw: unknown): OptionsParse<OracleOptions> {
  const r = schema.safeParse(raw ?? {});
  if (r.success) return { ok: true, options: {} };
  return { ok: false, issues: r.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message })) };
}
