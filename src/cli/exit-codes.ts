/** Exit codes of the CLI. */
export const EXIT = {
  ok: 0,
  /** At least one trial failed, timed out or hit its event budget. */
  trialFailed: 1,
  /** Bad input: a scenario, an engine name, an option. Nothing ran. */
  badInput: 2,
  /** Interrupted (Ctrl-C); finished trials were written. */
  interrupted: 130,
} as const;

/** An error that is the user's input, printed without a stack, exit code 2. */
export class InputError extends Error {
  constructor(readonly lines: readonly string[]) {
    super(lines.join('\n'));
    this.name = 'InputError';
  }
}
