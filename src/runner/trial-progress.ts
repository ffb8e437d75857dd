import { type MessagePort } from 'node:worker_threads';
import { type TrialSpec } from './trial-types.js';

/** How far a running trial has got: sent every {@link PROGRESS_EVERY_MS} of wall time while it runs. */
export interface TrialProgress {
  readonly index: number;
  readonly id: string;
  /** Virtual time reached, in seconds. */
  readonly simulatedSeconds: number;
  readonly events: number;
  /** Wall time since the trial started, ms. */
  readonly wallMs: number;
}

/** Receives progress of running trials (on the thread that started the run). */
export type ProgressListener = (progress: TrialProgress) => void;

/** Least wall time between two progress reports of one trial. */
export const PROGRESS_EVERY_MS = 2_000;

/**
 * What a pool hands a worker thread for one trial: the spec, and the port to post progress on
 * when the run wants it. The port is transferred, so each trial has its own.
 */
export interface TrialTask {
  readonly spec: TrialSpec;
  readonly progress?: MessagePort;
}

/** A listener that posts each report on `port` (in a worker thread); undefined without a port. */
export function progressPoster(port: MessagePort | undefined): ProgressListener | undefined {
  return port ? (p) => port.postMessage(p) : undefined;
}
