import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { writeFileAtomic } from '../../src/report/atomic-write.js';

/** A failing scenario case: the scenario as written (plain data), the engine and the trial seed. */
export interface ReplayCase {
  readonly raw: unknown;
  readonly engine: string;
  readonly seed: number;
}

/** Where counterexamples go: SCHEDBENCH_COUNTEREXAMPLES, else results/counterexamples of the checkout. */
export function counterexampleDir(): string {
  return process.env.SCHEDBENCH_COUNTEREXAMPLES ?? fileURLToPath(new URL('../../results/counterexamples/', import.meta.url));
}

/** `engine never over-commits a node` → `engine-never-over-commits-a-node`. */
export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, 80)
      .replace(/^-+|-+$/g, '') || 'property'
  );
}

/** The command that replays a case from its file. */
export function replayCommand(path: string, c: ReplayCase): string {
  return `schedbench run ${path} --engines ${c.engine} --seeds ${c.seed} --workers 0`;
}

/**
 * Writes a shrunk counterexample as a scenario file, `<dir>/<property>-<seed>.yaml` (atomically:
 * temp file, then rename), headed by comments that say which property failed and the command that
 * replays it. Returns the path and the command.
 */
export function writeCounterexample(property: string, propSeed: number, c: ReplayCase, dir: string = counterexampleDir()): { path: string; command: string } {
  const path = join(dir, `${slug(property)}-${propSeed}.yaml`);
  const command = replayCommand(path, c);
  const header = [
    `# Counterexample of the property "${property}" (fast-check seed ${propSeed}), shrunk.`,
    `# Engine ${c.engine}, trial seed ${c.seed}. Replay it with:`,
    `#   ${command}`,
    '',
  ].join('\n');
  writeFileAtomic(path, header + stringify(c.raw, { lineWidth: 0 }));
  process.stderr.write(`counterexample written: ${path}\nreplay: ${command}\n`);
  return { path, command };
}
