import { describe, expect, it } from 'vitest';
import { resources } from '../../../../src/cluster/resources.js';
import { DrfSorter } from '../../../../src/engines/mesos/sorter/drf-sorter.js';

/*
 * The parts of Mesos's Sorter interface (src/master/allocator/sorter/sorter.hpp) beyond ordering:
 * changing an allocation in place, agents added once and removed by id, the allocation seen per
 * agent and for the whole sorter, and the shares of internal nodes of the hierarchy. Cases written
 * in our own words after the upstream tests named at each.
 */

const GiB = 2 ** 30;
/** cpus in cores, memory in GiB (the sorter sees millicores and bytes). */
const r = (cpus: number, memGiB: number) => resources({ cpu: cpus * 1000, memory: memGiB * GiB });

function activeSorter(...clients: string[]): DrfSorter {
  const s = new DrfSorter();
  for (const c of clients) {
    s.add(c);
    s.activate(c);
  }
  return s;
}

describe('DrfSorter.update: an allocation changed in place', () => {
  // After sorter_tests.cpp SorterTest.UpdateAllocation: the new allocation replaces the old one on
  // that agent; the allocation count (the second key of the order) stays as it was.
  it('replaces the old allocation on the agent for the client and its ancestors, without counting an allocation', () => {
    const s = activeSorter('eng/a', 'eng/b');
    s.addAgent('agent-1', r(10, 10));
    s.allocated('eng/a', 'agent-1', r(2, 2));
    s.allocated('eng/b', 'agent-1', r(1, 1));
    s.allocated('eng/b', 'agent-1', r(1, 1)); // b: share 0.2, two allocations; a: 0.2, one
    expect(s.sort()).toEqual(['eng/a', 'eng/b']);
    s.update('eng/a', 'agent-1', r(2, 2), r(2, 2));
    // Same quantities, and still one allocation for a: a stays first (count breaks the tie).
    expect(s.sort()).toEqual(['eng/a', 'eng/b']);
    s.update('eng/a', 'agent-1', r(2, 2), r(3, 1));
    expect(s.allocation('eng/a')).toEqual(new Map([['agent-1', r(3, 1)]]));
    expect(s.allocationOfPath('eng')).toEqual(r(5, 3));
    expect(s.sort()).toEqual(['eng/b', 'eng/a']); // a: 0.3 > b: 0.2
  });

  it('refuses to change what the client does not hold on that agent', () => {
    const s = activeSorter('a');
    s.addAgent('agent-1', r(10, 10));
    s.addAgent('agent-2', r(10, 10));
    s.allocated('a', 'agent-1', r(1, 1));
    expect(() => s.update('a', 'agent-2', r(1, 1), r(1, 1))).toThrow(/a holds nothing on agent-2/);
    expect(() => s.update('nobody', 'agent-1', r(1, 1), r(1, 1))).toThrow(/unknown client nobody/);
  });
});

describe('DrfSorter agents: added once, removed by id', () => {
  // drf/sorter.cpp DRFSorter::addSlave CHECKs "Attempted to add already added agent"; removeSlave
  // takes back the quantities the agent was added with and CHECKs the agent is known.
  it('throws when an agent is added twice or an unknown agent is removed', () => {
    const s = new DrfSorter();
    s.addAgent('agent-1', r(10, 10));
    expect(() => s.addAgent('agent-1', r(10, 10))).toThrow(/agent agent-1 already added/);
    expect(() => s.removeAgent('agent-2')).toThrow(/unknown agent agent-2/);
    s.removeAgent('agent-1');
    expect(() => s.removeAgent('agent-1')).toThrow(/unknown agent agent-1/);
  });

  it('removes exactly what an agent brought, so shares follow the agents that remain', () => {
    const s = activeSorter('a', 'b');
    s.addAgent('agent-1', r(10, 100));
    s.addAgent('agent-2', r(90, 0));
    s.allocated('a', 'agent-1', r(5, 10)); // cpu 5/100 = 0.05, mem 0.1
    s.allocated('b', 'agent-1', r(8, 5)); // cpu 0.08, mem 0.05
    expect(s.sort()).toEqual(['b', 'a']);
    s.removeAgent('agent-2'); // totals 10 cpu, 100 mem: a = 0.5, b = 0.8
    expect(s.totalResources()).toEqual(r(10, 100));
    expect(s.sort()).toEqual(['a', 'b']);
    // An agent with nothing to give can still be added and removed by id.
    s.addAgent('empty', r(0, 0));
    s.removeAgent('empty');
    expect(s.totalResources()).toEqual(r(10, 100));
  });
});

describe('DrfSorter allocations: per agent and for the whole sorter', () => {
  // sorter.hpp: `allocation(slaveId)` returns the clients with allocations on that agent.
  it('lists who holds what on one agent, and the sum over every client', () => {
    const s = activeSorter('a', 'b/c', 'b/d');
    s.addAgent('agent-1', r(10, 10));
    s.addAgent('agent-2', r(10, 10));
    s.allocated('a', 'agent-1', r(1, 2));
    s.allocated('b/c', 'agent-1', r(3, 1));
    s.allocated('b/d', 'agent-2', r(2, 2));
    expect(s.allocationsOnAgent('agent-1')).toEqual(
      new Map([
        ['a', r(1, 2)],
        ['b/c', r(3, 1)],
      ]),
    );
    expect(s.allocationsOnAgent('agent-3')).toEqual(new Map());
    expect(s.allocationTotalAll()).toEqual(r(6, 5));
    s.unallocated('b/c', 'agent-1', r(3, 1));
    expect(s.allocationsOnAgent('agent-1')).toEqual(new Map([['a', r(1, 2)]]));
    s.remove('a');
    expect(s.allocationTotalAll()).toEqual(r(2, 2));
  });
});

describe('DrfSorter shares of internal nodes', () => {
  // After sorter_tests.cpp SorterTest.HierarchicalAllocation: siblings are ordered by the share of
  // their subtree, so a parent role's share is that of everything under it, over its own weight.
  it('gives an internal node the share of its subtree, divided by its own weight', () => {
    const s = activeSorter('a', 'b/c', 'b/d');
    s.addAgent('agent-1', r(100, 100));
    s.allocated('a', 'agent-1', r(6, 6)); // a = 0.06
    s.allocated('b/c', 'agent-1', r(4, 4));
    s.allocated('b/d', 'agent-1', r(3, 3)); // b = 0.07 over c 0.04 and d 0.03
    expect(s.shareOfPath('b')).toBeCloseTo(0.07, 12);
    expect(s.shareOfPath('b/c')).toBeCloseTo(0.04, 12);
    expect(s.allocationOfPath('b')).toEqual(r(7, 7));
    // a (0.06) goes before b (0.07), although both of b's clients hold less than a.
    expect(s.sort()).toEqual(['a', 'b/d', 'b/c']);
    s.updateWeight('b', 2); // b = 0.035
    expect(s.shareOfPath('b')).toBeCloseTo(0.035, 12);
    expect(s.sort()).toEqual(['b/d', 'b/c', 'a']);
  });

  it('reads the internal node, not the virtual leaf, when a client also has children', () => {
    const s = activeSorter('b', 'b/c');
    s.addAgent('agent-1', r(10, 10));
    s.allocated('b', 'agent-1', r(1, 1));
    s.allocated('b/c', 'agent-1', r(2, 2));
    expect(s.shareOf('b')).toBeCloseTo(0.1, 12); // the client b (its virtual leaf b/.)
    expect(s.shareOfPath('b')).toBeCloseTo(0.3, 12); // the node b: b/. and b/c
    expect(() => s.shareOfPath('x/y')).toThrow(/no node x\/y/);
  });
});
