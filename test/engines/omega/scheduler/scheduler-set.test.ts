import { describe, expect, it } from 'vitest';
import { type EngineContext } from '../../../../src/engines/engine.js';
import { CellState } from '../../../../src/engines/omega/cell/cell-state.js';
import { defaultOmegaOptions, type OmegaOptions } from '../../../../src/engines/omega/options.js';
import { type CommitPath } from '../../../../src/engines/omega/scheduler/omega-scheduler.js';
import { nameHash, SchedulerSet } from '../../../../src/engines/omega/scheduler/scheduler-set.js';
import { freshWorkState, type WorkItem } from '../../../../src/engines/omega/scheduler/work-item.js';
import { Rng } from '../../../../src/sim/rng.js';
import { type SimDuration } from '../../../../src/sim/time.js';
import { kitClock } from '../../kit/kit-clock.js';
import { machines } from '../fixtures.js';

const NO_COMMIT: CommitPath = () => {
  throw new Error('no commit expected in these tests');
};

function set(options: Partial<OmegaOptions>): SchedulerSet {
  const ctx = { ...kitClock().ctx, rng: Rng.root(1) } as unknown as EngineContext;
  return new SchedulerSet(ctx, new CellState(machines(1)), { ...defaultOmegaOptions(), ...options }, NO_COMMIT);
}

function item(name: string, isJob: boolean, tenant = 'default'): WorkItem<unknown> {
  return { name, tenant, isJob, state: freshWorkState(), wanted: () => [], placed: () => {}, unplaced: () => {}, abandon: () => {} };
}

describe('nameHash', () => {
  it('is 32-bit FNV-1a', () => {
    expect(nameHash('')).toBe(0x811c9dc5);
    expect(nameHash('a')).toBe(0xe40c292c);
    expect(nameHash('foobar')).toBe(0xbf9cf968);
  });
});

describe('SchedulerSet', () => {
  it('groups by workload type, or by tenant when partitioned so', () => {
    expect(set({ partition: 'workload-type' }).groupOf(item('j', true, 't1'))).toBe('batch');
    expect(set({ partition: 'workload-type' }).groupOf(item('s', false, 't1'))).toBe('service');
    expect(set({ partition: 'tenant' }).groupOf(item('j', true, 't1'))).toBe('t1');
  });

  it('sends an item always to the same scheduler of its group, chosen by the hash of its name', () => {
    const s = set({ partition: 'workload-type', schedulers: { batch: 3 } });
    const names = ['etl-1', 'etl-2', 'etl-3', 'etl-4', 'etl-5', 'etl-6'];
    for (const name of names) {
      const chosen = s.forItem(item(name, true));
      expect(chosen).toBe(s.forItem(item(name, true)));
      expect(chosen.name).toBe(`batch-${(nameHash(name) % 3) + 1}`);
    }
    expect(s.forItem(item('web', false)).name).toBe('service-1');
  });

  it('takes the longest think time of any group for the bounds', () => {
    const s = set({ thinkTime: { tJob: 10 as SimDuration, tTask: 1 as SimDuration }, thinkTimes: { service: { tJob: 50 as SimDuration } } });
    expect(s.longestThink(4)).toBe(54);
  });
});
