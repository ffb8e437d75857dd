import cliProgress from 'cli-progress';
import { type TrialHead } from '../runner/trial-types.js';

/** Shows progress of a run: a bar with ETA on a TTY, one plain line per finished trial otherwise. */
export interface Progress {
  tick(result: TrialHead): void;
  stop(): void;
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
      stop: () => bar.stop(),
    };
  }
  return {
    tick: (r) => {
      done++;
      stream.write(`[${done}/${total}] ${r.id} ${r.status}${r.status === 'ok' ? '' : `: ${r.error?.split('\n')[0] ?? ''}`} (${(r.perf.wallMs / 1000).toFixed(1)} s)\n`);
    },
    stop: () => undefined,
  };
}
