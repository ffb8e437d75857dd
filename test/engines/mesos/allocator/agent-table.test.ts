import { describe, expect, it } from 'vitest';
import { resources } from '../../../../src/cluster/resources.js';
import { AgentTable } from '../../../../src/engines/mesos/allocator/agent-table.js';
import { addInPlace, newAgentState, subtractInPlace } from '../../../../src/engines/mesos/allocator/allocator-state.js';

const r = (cpu: number, memory: number) => resources({ cpu, memory });
const MIN = [r(1, 1)];

describe('AgentTable', () => {
  it('gives the free vector (total − allocated) from its cells, a new one each time', () => {
    const table = new AgentTable();
    const a = newAgentState('a', r(4, 8), undefined);
    const slot = table.add(a, 1);
    const first = table.freeVector(slot);
    expect(first).toEqual(r(4, 8));
    a.allocated = addInPlace(a.allocated, r(3, 2));
    table.allocationChanged(slot);
    expect(table.freeVector(slot)).toEqual(r(1, 6));
    a.allocated = subtractInPlace(a.allocated, r(3, 2));
    table.allocationChanged(slot);
    const again = table.freeVector(slot);
    expect(again).toEqual(r(4, 8));
    expect(again).not.toBe(first);
  });

  it('lists active, eligible agents with something allocatable, in the order they were added, and keeps quiet marks per version and epoch', () => {
    const table = new AgentTable();
    const states = ['a', 'b', 'c', 'd'].map((n) => newAgentState(n, r(4, 4), undefined));
    const slots = states.map((s) => table.add(s, 1));
    table.setActive(slots[1] as number, false);
    table.setEligible(slots[2] as number, 0);
    const out: number[] = [];
    table.candidates(
      table.order,
      MIN,
      () => true,
      () => true,
      out,
    );
    expect(out).toEqual([slots[0], slots[3]]);
    table.setActive(slots[1] as number, true);
    table.setEligible(slots[2] as number, -1);
    out.length = 0;
    table.candidates(
      table.order,
      MIN,
      () => true,
      (a) => a.name === 'c',
      out,
    );
    expect(out).toEqual(slots);
    const s0 = slots[0] as number;
    table.markQuiet(s0, 7, 100);
    expect([table.isQuiet(s0, 7, 99), table.isQuiet(s0, 7, 100), table.isQuiet(s0, 8, 99)]).toEqual([true, false, false]);
    table.allocationChanged(s0);
    expect(table.isQuiet(s0, 7, 99)).toBe(false);
  });
});
