import { availableParallelism } from 'node:os';
import { InputError } from './exit-codes.js';

/**
 * A comma-separated option as a list: undefined when the option was not given; an option given
 * with nothing in it (`-s ''`, `-e ,`) is bad input, since it would run nothing. A name given twice
 * is kept once, with a warning (it would only duplicate rows).
 */
export function parseListOption(flag: string, text: string | undefined, warn: (line: string) => void): string[] | undefined {
  if (text === undefined) return undefined;
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (items.length === 0) throw new InputError([`${flag}: "${text}" names nothing; give a comma-separated list, or leave the option out for the default`]);
  const unique = [...new Set(items)];
  if (unique.length < items.length) {
    const twice = [...new Set(items.filter((s, i) => items.indexOf(s) !== i))];
    warn(`warning: ${flag}: ${twice.join(', ')} given more than once; each runs once`);
  }
  return unique;
}

/** `--seeds` as numbers (see {@link parseListOption}). */
export function parseSeeds(text: string | undefined, warn: (line: string) => void): number[] | undefined {
  return parseListOption('--seeds', text, warn)?.map((s) => {
    const n = Number(s);
    if (!/^\d+$/.test(s) || !Number.isSafeInteger(n)) throw new InputError([`--seeds: "${s}" is not a non-negative integer`]);
    return n;
  });
}

/**
 * `--workers`: default the machine's cores; more than the cores only costs memory and time (each
 * thread holds a whole trial), so it is capped at the core count with a warning. 0 runs in this thread.
 */
export function parseWorkers(text: string | undefined, warn: (line: string) => void, cores: number = availableParallelism()): number {
  if (text === undefined) return cores;
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n)) throw new InputError([`--workers: "${text}" is not a whole number ≥ 0`]);
  if (n > cores) {
    warn(`warning: --workers ${n} is more than this machine's ${cores} core(s); using ${cores}`);
    return cores;
  }
  return n;
}

/** `--timeout` in seconds, or undefined. */
export function parseTimeoutSeconds(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const s = Number(text);
  if (!(s > 0) || !Number.isFinite(s)) throw new InputError([`--timeout: "${text}" is not a positive number of seconds`]);
  return s;
}
