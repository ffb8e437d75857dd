/**
 * Virtual durations as people read them, for the layers above the runner (cli, report): re-exported from
 * the kernel so that those layers speak of time through the runner and never reach into sim (DESIGN.md §2).
 */
export { formatDuration } from '../sim/duration.js';
export { toSeconds } from '../sim/time.js';
