import cliProgress from 'cli-progress';
import { formatDuration } from '../runner/duration-text.js';
import { type TrialProgress } from '../runner/trial-progress.js';
import { type TrialHead } from '../runner/trial-types.js';

/** Least wall time between two lines about one running trial when the output is not a terminal. */
export const PLAIN_PROGRESS_EVERY_MS = 10_000;

/**
 * Shows progress of a run: a bar with ETA on a TTY, one plain line per finished trial otherwise.
 * A long trial's virtual time reached is shown as it runs: on the bar at once, on a plain stream
 * at most every {@link PLAIN_PROGRESS_EVERY_MS} per trial.
 */
export interface Progress {
  tick(result: TrialHead): void;
  running(progress: TrialProgress): void;
  stop(): void;
}

/** Virtual time as the console shows it (`2h13m`, `45.2s`). */
export function virtualTime(seconds: number): string {
  return formatDuration((Math.round(seconds * 10) * 100_000) as Parameters<typeof formatDuration>[0]);
}

/** Creates the right progress display for the output stream. */
export function createProgress(total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  let done = 0;
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: 'trials {bar} {value}/{total} | ETA {eta_formatted} | {last}', stream, hideCursor: true, etaBuffer: 20 },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { last: '' });
    return {
      tick: (r) => bar.increment(1, { last: `${r.id} ${r.status}` }),
      running: (p) => bar.update({ last: `${p.id} running: ${virtualTime(p.simulatedSeconds)} of virtual time (${Math.round(p.wallMs / 1000)} s)` }),
      stop: () => bar.stop(),
    };
  }
  const lastLine = new Map<number, number>();
  return {
    tick: (r) => {
      done++;
      lastLine.delete(r.index);
      stream.write(
        `[${done}/${total}] ${r.id} ${r.status}${r.status === 'ok' ? '' : `: ${r.error?.split('\n')[0] ?? ''}`} (${(r.perf.wallMs / 1000).toFixed(1)} s)\n`,
      );
    },
    running: (p) => {
      const last = lastLine.get(p.index) ?? 0;
      if (p.wallMs - last < PLAIN_PROGRESS_EVERY_MS) return;
      lastLine.set(p.index, p.wallMs);
      stream.write(`  … ${p.id} running: ${virtualTime(p.simulatedSeconds)} of virtual time reached (${Math.round(p.wallMs / 1000)} s)\n`);
    },
    stop: () => undefined,
  };
}
