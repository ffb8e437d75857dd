import { type PlannedClaim } from '../cell/transaction.js';
import { type TaskToPlace } from './private-copy.js';

/**
 * What a scheduler works on, one at a time: a batch job or a service's missing replicas. The scheduler
 * asks what it wants placed at the start of each attempt and hands back every claim the cell state
 * accepted; the item keeps its own books (what runs, what waits).
 */
export interface WorkItem<T> {
  /** The job or service name (spreads items over a group's schedulers, names them in explanations). */
  readonly name: string;
  /** The tenant it belongs to (schedulers may be per tenant). */
  readonly tenant: string;
  /** Set for a batch job: the scheduler reports its first attempt (`job-considered`) and may abandon it. */
  readonly isJob: boolean;
  /** The tasks to place now, in order (empty: nothing to do). */
  wanted(): readonly TaskToPlace<T>[];
  /** The cell state accepted one of the item's claims (at the commit). */
  placed(claim: PlannedClaim<T>): void;
  /** Tasks of the item could not be placed in an attempt (`why` for the observer's pending reasons). */
  unplaced(items: readonly T[], why: string): void;
  /** The scheduler gives up on the item (a job past the attempt limits). */
  abandon(reason: string): void;
  /** Scheduler bookkeeping: in a queue, being attempted, attempts made, tasks placed so far. */
  state: WorkState;
}

/** A work item's place in its scheduler. */
export interface WorkState {
  queued: boolean;
  inFlight: boolean;
  attempts: number;
  placedSoFar: number;
}

/** The bookkeeping of an item no scheduler has seen yet. */
export function freshWorkState(): WorkState {
  return { queued: false, inFlight: false, attempts: 0, placedSoFar: 0 };
}
