import { z } from 'zod';
import { type OptionsParse } from '../engine.js';
import { parseEngineOptions } from '../kit/index.js';

/** The oracle has no knobs: it is the ideal every real architecture is measured against. */
export type OracleOptions = Readonly<Record<string, never>>;

const schema = z.strictObject({});

/** Validates `spec.engines.oracle` (must be empty). */
export function parseOracleOptions(raw: unknown): OptionsParse<OracleOptions> {
  const r = parseEngineOptions(schema, raw);
  return r.ok ? { ok: true, options: {} } : r;
}
