import { type TaskExit, type TaskLaunch } from '../../cluster/task.js';

/** The Borgmaster's name on the network. */
export const BORGMASTER = '@borgmaster';
/** The scheduler's name on the network (a separate process, [B] §3.1). */
export const SCHEDULER = '@borg-scheduler';
/** Where a synchronous request's client waits. */
export const CLIENT = '@client';

/** A poll of one Borglet: the master's outstanding requests for it ([B] §3.3), numbered per machine. */
export interface PollRequest {
  readonly seq: number;
  /** The number of the last reply the master received from this Borglet (0: none). */
  readonly acked: number;
  readonly kills: readonly string[];
  readonly launches: readonly TaskLaunch[];
  /** Report the full list of instances (after a gap in the replies or a reconnection). */
  readonly full: boolean;
}

/**
 * A Borglet's reply: what changed since its last reply (the link shard passes only diffs to the
 * master, [B] §3.3), and the full list of its instances when asked.
 */
export interface PollReport {
  readonly seq: number;
  /** Changes on every boot of the machine (a reboot loses every instance). */
  readonly incarnation: number;
  readonly started: readonly string[];
  readonly ended: readonly { readonly id: string; readonly how: TaskExit }[];
  /** Launches refused because the machine had no room (its state differed from the master's books). */
  readonly rejected: readonly string[];
  readonly running: readonly string[] | undefined;
}
