import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { type TrafficSpec } from '../intents/traffic.js';
import { type ScenarioDoc } from './schema.js';

/** Most rows of a rate file: two weeks of minutes (a guard against the wrong file). */
export const MAX_RATE_ROWS = 20_160;

/** A rate file that cannot be used: the message names the file and, where it applies, the line. */
export class RateFileError extends Error {}

/**
 * Reads a request-rate CSV: one row per minute, the rate (requests per second) in the last field of
 * each row, so both `rate` and `minute,rate` files work; an optional header row (its last field not a
 * number), blank lines and `#` comments are skipped. Throws {@link RateFileError} naming the file and
 * line of the first bad row.
 */
export function parseRateCsv(text: string, file: string): number[] {
  const rates: number[] = [];
  let first = true;
  text.split(/\r?\n/).forEach((line, i) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const isFirst = first;
    first = false;
    const last = (trimmed.split(',').pop() ?? '').trim();
    const value = Number(last);
    if (last === '' || !Number.isFinite(value)) {
      if (isFirst) return; // the header row
      throw new RateFileError(`${file}:${i + 1}: the rate "${last}" is not a number (requests per second, one row per minute)`);
    }
    if (value < 0) throw new RateFileError(`${file}:${i + 1}: the rate ${value} is negative`);
    rates.push(value);
    if (rates.length > MAX_RATE_ROWS) throw new RateFileError(`${file}:${i + 1}: more than ${MAX_RATE_ROWS} rows (one per minute); is this the right file?`);
  });
  if (rates.length === 0) throw new RateFileError(`${file}: no rates (expected one row per minute)`);
  return rates;
}

/**
 * The traffic of every Service that declares it, by name, with CSV rates read from files relative to
 * `scenarioDir` (the scenario's own folder). Throws {@link RateFileError} when a file is missing or bad.
 */
export function resolveTraffic(doc: ScenarioDoc, scenarioDir: string | undefined): Map<string, TrafficSpec> {
  const out = new Map<string, TrafficSpec>();
  doc.spec.workloads.forEach((w, i) => {
    if (w.kind !== 'Service' || w.traffic === undefined) return;
    const t = w.traffic;
    if (t.rate.kind !== 'per-minute') {
      out.set(w.name, t);
      return;
    }
    const path = isAbsolute(t.rate.file) || scenarioDir === undefined ? t.rate.file : join(scenarioDir, t.rate.file);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      throw new RateFileError(`spec.workloads[${i}].traffic.rate.csv: cannot read ${path}: ${(err as Error).message}`);
    }
    out.set(w.name, { ...t, rate: { kind: 'per-minute', file: t.rate.file, rps: parseRateCsv(text, path) } });
  });
  return out;
}
