import { describe, expect, it } from 'vitest';
import { type EngineContext } from '../../../../src/engines/engine.js';
import { CellState } from '../../../../src/engines/omega/cell/cell-state.js';
import { checkTransaction, type PlannedClaim } from '../../../../src/engines/omega/cell/transaction.js';
import { type CommitPath, OmegaScheduler } from '../../../../src/engines/omega/scheduler/omega-scheduler.js';
import { PrivateCopy } from '../../../../src/engines/omega/scheduler/private-copy.js';
import { freshWorkState, type WorkItem } from '../../../../src/engines/omega/scheduler/work-item.js';
import { Rng } from '../../../../src/sim/rng.js';
import { type SimDuration, type SimTime } from '../../../../src/sim/time.js';
import { kitClock } from '../../kit/kit-clock.js';
import { claim, demand, machines, NO_CONSTRAINTS } from '../fixtures.js';

function setup(cpuPerMachine = 4000) {
  const clock = kitClock();
  const cell = new CellState(machines(2, cpuPerMachine));
  const ctx = { ...clock.ctx, rng: Rng.root(1) } as unknown as EngineContext;
  const commits: number[] = [];
  const commit: CommitPath = <T>(
    _s: string,
    planned: readonly PlannedClaim<T>[],
    item: WorkItem<T>,
    _at: SimTime,
    done: (v: ReturnType<typeof checkTransaction<T>>) => void,
  ) => {
    commits.push(clock.ctx.now());
    const v = checkTransaction(cell, planned, 'resource-fit', 'incremental');
    for (const c of v.accepted) {
      cell.add(claim(`${item.name}.${String(c.item)}`, c.machine, 1000));
      item.placed(c);
    }
    done(v);
  };
  const options = { retryDelay: 1_000_000 as SimDuration, abandonAfterAttempts: 1000, abandonAfterAttemptsWithoutProgress: 3 };
  const scheduler = new OmegaScheduler(
    'batch-1',
    ctx,
    { tJob: 100_000 as SimDuration, tTask: 5_000 as SimDuration },
    new PrivateCopy(cell, Rng.root(2), 'random-first-fit'),
    options,
    commit,
  );
  return { clock, cell, scheduler, commits };
}

/** A work item whose `placed` removes the task from its waiting set. */
function item(name: string, n: number) {
  const waiting = new Set(Array.from({ length: n }, (_, i) => i));
  const log = { placed: [] as number[], abandoned: [] as string[] };
  const it: WorkItem<number> = {
    name,
    tenant: 't',
    isJob: true,
    state: freshWorkState(),
    wanted: () => (log.abandoned.length > 0 ? [] : [...waiting].map((i) => ({ demand: demand(1000), constraints: NO_CONSTRAINTS, item: i }))),
    placed: (c) => {
      waiting.delete(c.item);
      log.placed.push(c.item);
    },
    unplaced: () => undefined,
    abandon: (reason) => void log.abandoned.push(reason),
  };
  return { it, log };
}

describe('an Omega scheduler', () => {
  it('thinks t_job + t_task × tasks before it commits, one item at a time', () => {
    const { clock, scheduler, commits } = setup();
    scheduler.enqueue(item('a', 2).it);
    scheduler.enqueue(item('b', 4).it);
    clock.runTo(5_000_000);
    expect(commits).toEqual([110_000, 110_000 + 120_000]);
    const decisions = clock.events.filter((e) => e.kind === 'decision').map((e) => (e.kind === 'decision' ? e.duration : 0));
    expect(decisions).toEqual([110_000, 120_000]);
  });

  it('retries what is left one retry delay later and abandons a job that never places anything past the limit', () => {
    const { clock, cell, scheduler } = setup(1000);
    cell.add(claim('x', 0, 1000));
    cell.add(claim('y', 1, 1000));
    const { it, log } = item('stuck', 1);
    scheduler.enqueue(it);
    clock.runTo(10_000_000);
    expect(it.state.attempts).toBe(4);
    expect(log.abandoned).toHaveLength(1);
    const tx = clock.events.filter((e) => e.kind === 'transaction');
    expect(tx.every((e) => e.kind === 'transaction' && e.outcome === 'no-fit')).toBe(true);
  });

  it('reports a job as considered at its first attempt only', () => {
    const { clock, scheduler } = setup(1000);
    const { it } = item('big', 5);
    scheduler.enqueue(it);
    clock.runTo(3_000_000);
    expect(clock.events.filter((e) => e.kind === 'job-considered')).toHaveLength(1);
  });
});
