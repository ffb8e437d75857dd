import { EXPLAIN_LEVELS } from '../runner/plan.js';

/**
 * The command line with every bare `--explain` spelt `--explain=top`, unless the next word is a level
 * (`--explain full`). `--explain` takes an optional level, and a parser gives an optional value the
 * next word whatever it is: `run --explain my-scenario.yaml` would read the scenario as the level.
 * Words after `--` are left alone.
 */
export function explainLevelsSpelt(argv: readonly string[]): string[] {
  const end = argv.indexOf('--');
  return argv.map((word, i) => {
    if (word !== '--explain' || (end >= 0 && i > end)) return word;
    const next = argv[i + 1];
    return next !== undefined && (EXPLAIN_LEVELS as readonly string[]).includes(next) ? word : '--explain=top';
  });
}
