import { describe, expect, it } from 'vitest';
import { resources } from '../../../../src/cluster/resources.js';
import { DrfSorter } from '../../../../src/engines/mesos/sorter/drf-sorter.js';

const GiB = 2 ** 30;
/** cpus in cores, memory in GiB (the sorter sees millicores and bytes). */
const r = (cpus: number, memGiB: number) => resources({ cpu: cpus * 1000, memory: memGiB * GiB });

function sorterWith(total = r(100, 100), ...clients: string[]): DrfSorter {
  const s = new DrfSorter();
  s.addAgent('agent-1', total);
  for (const c of clients) {
    s.add(c);
    s.activate(c);
  }
  return s;
}

describe('DrfSorter: shares', () => {
  it('orders clients by dominant share, ascending', () => {
    const s = sorterWith(r(100, 100), 'a', 'b', 'c');
    s.allocated('a', 'agent-1', r(10, 2)); // 0.10 (cpu)
    s.allocated('b', 'agent-1', r(1, 20)); // 0.20 (mem)
    s.allocated('c', 'agent-1', r(5, 5)); // 0.05
    expect(s.sort()).toEqual(['c', 'a', 'b']);
  });

  it('measures shares against the sum of every agent, and re-sorts when agents come and go', () => {
    const s = new DrfSorter();
    s.addAgent('agent-1', r(10, 100));
    s.add('a');
    s.add('b');
    s.activate('a');
    s.activate('b');
    s.allocated('a', 'agent-1', r(2, 1)); // cpu 0.2
    s.allocated('b', 'agent-1', r(1, 3)); // cpu 0.1
    expect(s.sort()).toEqual(['b', 'a']);
    s.removeAgent('agent-1');
    s.addAgent('agent-1', r(100, 10)); // now a = mem 0.1, b = mem 0.3
    expect(s.sort()).toEqual(['a', 'b']);
  });

  it('frees resources with unallocated and forgets removed clients', () => {
    const s = sorterWith(r(100, 100), 'a', 'b', 'c');
    s.allocated('a', 'agent-1', r(5, 5));
    s.allocated('b', 'agent-1', r(6, 6));
    s.allocated('c', 'agent-1', r(1, 1));
    s.remove('a');
    s.unallocated('b', 'agent-1', r(5.5, 5.5)); // b = 0.005
    expect(s.sort()).toEqual(['b', 'c']);
    expect(s.contains('a')).toBe(false);
    expect(s.count()).toBe(2);
    expect(s.allocationOn('b', 'agent-1')).toEqual(r(0.5, 0.5));
  });

  it('skips inactive clients but keeps their place when re-activated', () => {
    const s = sorterWith(r(100, 100), 'a', 'b', 'c');
    s.allocated('a', 'agent-1', r(1, 1));
    s.allocated('b', 'agent-1', r(2, 2));
    s.allocated('c', 'agent-1', r(3, 3));
    s.deactivate('b');
    expect(s.sort()).toEqual(['a', 'c']);
    s.activate('b');
    expect(s.sort()).toEqual(['a', 'b', 'c']);
  });

  it('divides the dominant share by the weight', () => {
    const s = sorterWith(r(100, 100), 'a', 'b');
    s.updateWeight('b', 4);
    s.allocated('a', 'agent-1', r(10, 10)); // 0.1
    s.allocated('b', 'agent-1', r(20, 20)); // 0.2 / 4 = 0.05
    expect(s.sort()).toEqual(['b', 'a']);
    s.updateWeight('b', 1);
    expect(s.sort()).toEqual(['a', 'b']);
  });

  it('computes max(ratio) / weight, not alloc / (total × weight): the rounding decides the order', () => {
    // (3/5)/3 = 0.19999999999999998 < 1/5 = 0.2, whereas 3/(5·3) = 0.2 would tie and "a" would win on path.
    const s = sorterWith(resources({ cpu: 5000, memory: 1000 * GiB }), 'a', 'x');
    s.updateWeight('x', 3);
    s.allocated('x', 'agent-1', resources({ cpu: 3000 }));
    s.allocated('a', 'agent-1', resources({ cpu: 1000 }));
    expect(s.shareOf('x')).toBe(0.6 / 3);
    expect(s.shareOf('x')).toBeLessThan(s.shareOf('a'));
    expect(s.sort()).toEqual(['x', 'a']);
  });

  it('ignores excluded dimensions', () => {
    const s = new DrfSorter({ excludedDimensions: ['gpu'] });
    s.addAgent('agent-1', resources({ cpu: 10_000, memory: 10 * GiB, gpu: 4 }));
    for (const c of ['a', 'b']) {
      s.add(c);
      s.activate(c);
    }
    s.allocated('a', 'agent-1', resources({ cpu: 1000, gpu: 4 })); // 0.1 without gpus
    s.allocated('b', 'agent-1', resources({ cpu: 2000 }));
    expect(s.sort()).toEqual(['a', 'b']);
  });
});

describe('DrfSorter: ties', () => {
  it('breaks equal shares by allocation count, which never decreases', () => {
    const s = sorterWith(r(100, 100), 'a', 'b', 'c', 'd');
    s.allocated('a', 'agent-1', r(4, 4));
    s.allocated('b', 'agent-1', r(2, 2));
    s.allocated('b', 'agent-1', r(2, 2));
    s.allocated('c', 'agent-1', r(1, 1));
    s.allocated('c', 'agent-1', r(1, 1));
    s.allocated('c', 'agent-1', r(2, 2));
    s.allocated('d', 'agent-1', r(4, 4));
    expect(s.sort()).toEqual(['a', 'd', 'b', 'c']);
    s.unallocated('a', 'agent-1', r(4, 4));
    s.allocated('a', 'agent-1', r(4, 4)); // count 2 now: after d, before b on path
    expect(s.sort()).toEqual(['d', 'a', 'b', 'c']);
  });

  it('breaks equal shares and counts by path', () => {
    const s = sorterWith(r(100, 100), 'zeta', 'alpha', 'mid');
    expect(s.sort()).toEqual(['alpha', 'mid', 'zeta']);
  });

  it('counts allocations made while a client is inactive', () => {
    const s = sorterWith(r(100, 100), 'a', 'b');
    s.allocated('a', 'agent-1', r(1, 1));
    s.allocated('b', 'agent-1', r(1, 1));
    s.deactivate('a');
    s.unallocated('a', 'agent-1', r(1, 1));
    s.allocated('a', 'agent-1', r(1, 1));
    s.activate('a');
    expect(s.sort()).toEqual(['b', 'a']);
  });

  it('keeps the order incrementally after each allocation (no full re-sort needed)', () => {
    const s = sorterWith(r(100, 100), 'a', 'b', 'c');
    expect(s.sort()).toEqual(['a', 'b', 'c']);
    s.allocated('a', 'agent-1', r(10, 1));
    expect(s.sort()).toEqual(['b', 'c', 'a']);
    s.allocated('b', 'agent-1', r(5, 1));
    expect(s.sort()).toEqual(['c', 'b', 'a']);
    s.allocated('c', 'agent-1', r(20, 1));
    expect(s.sort()).toEqual(['b', 'a', 'c']);
  });
});

describe('DrfSorter: hierarchy', () => {
  it('behaves like a flat sorter when every client sits in its own branch', () => {
    const s = sorterWith(r(100, 100), 'a/a', 'b/b/b', 'c');
    s.allocated('a/a', 'agent-1', r(5, 5));
    s.allocated('b/b/b', 'agent-1', r(6, 6));
    s.allocated('c', 'agent-1', r(1, 1));
    expect(s.sort()).toEqual(['c', 'a/a', 'b/b/b']);
  });

  it('sorts subtrees by their aggregate share, then the leaves inside each subtree', () => {
    const s = sorterWith(r(100, 100), 'eng/x', 'eng/y', 'ops/z');
    s.allocated('eng/x', 'agent-1', r(10, 10));
    s.allocated('eng/y', 'agent-1', r(5, 5)); // eng = 0.15
    s.allocated('ops/z', 'agent-1', r(12, 12)); // ops = 0.12
    expect(s.sort()).toEqual(['ops/z', 'eng/y', 'eng/x']);
  });

  it('applies a weight set on an internal node (even before it exists) to the whole subtree', () => {
    const s = new DrfSorter();
    s.addAgent('agent-1', r(100, 100));
    s.updateWeight('eng', 3);
    for (const c of ['eng/x', 'ops/y']) {
      s.add(c);
      s.activate(c);
    }
    s.allocated('eng/x', 'agent-1', r(20, 20)); // 0.2 / 3
    s.allocated('ops/y', 'agent-1', r(10, 10)); // 0.1
    expect(s.sort()).toEqual(['eng/x', 'ops/y']);
    s.updateWeight('eng', 1);
    expect(s.sort()).toEqual(['ops/y', 'eng/x']);
  });

  it('turns a client that gains children into the virtual leaf a/. (weight 1), sorted before its siblings on ties', () => {
    const s = sorterWith(r(100, 100), 'a');
    s.updateWeight('a', 2);
    s.allocated('a', 'agent-1', r(4, 4));
    s.add('a/c');
    s.activate('a/c');
    s.allocated('a/c', 'agent-1', r(4, 4));
    expect(s.allocationOn('a', 'agent-1')).toEqual(r(4, 4));
    expect(s.shareOf('a')).toBe(0.04); // the virtual leaf has weight 1
    expect(s.sort()).toEqual(['a', 'a/c']); // equal shares and counts: 'a/.' < 'a/c'
    s.remove('a/c');
    expect(s.sort()).toEqual(['a']);
    expect(s.shareOf('a')).toBe(0.02); // a is a leaf again and carries weight 2
  });

  it('counts an inactive descendant in its parent’s aggregate share', () => {
    const s = sorterWith(r(100, 100), 'eng/x', 'eng/y', 'ops/z');
    s.allocated('eng/x', 'agent-1', r(30, 30));
    s.allocated('eng/y', 'agent-1', r(1, 1));
    s.allocated('ops/z', 'agent-1', r(10, 10));
    s.deactivate('eng/x');
    expect(s.sort()).toEqual(['ops/z', 'eng/y']);
  });

  it('reports allocations per agent and in total', () => {
    const s = new DrfSorter();
    s.addAgent('agent-1', r(10, 10));
    s.addAgent('agent-2', r(10, 10));
    s.add('fw');
    s.activate('fw');
    s.allocated('fw', 'agent-1', r(1, 2));
    s.allocated('fw', 'agent-2', r(3, 4));
    expect([...s.allocation('fw').keys()]).toEqual(['agent-1', 'agent-2']);
    expect(s.allocationTotal('fw')).toEqual(r(4, 6));
    expect(s.totalResources()).toEqual(r(20, 20));
  });

  it('rejects unknown clients and duplicate adds (broken invariants)', () => {
    const s = sorterWith(r(1, 1), 'a');
    expect(() => s.add('a')).toThrow(/already exists/);
    expect(() => s.allocated('nope', 'agent-1', r(1, 1))).toThrow(/unknown client/);
  });
});

describe('DrfSorter: walks', () => {
  /** Every client of a walk, from beginWalk to the end. */
  function walk(s: DrfSorter): string[] {
    const out: string[] = [];
    s.beginWalk();
    for (let c = s.nextClient(); c !== undefined; c = s.nextClient()) out.push(c);
    return out;
  }

  it('yields the clients in sort() order, through subtrees, skipping inactive ones and virtual leaves alike', () => {
    const s = sorterWith(r(100, 100), 'eng/x', 'eng/y', 'ops/z', 'ops/w', 'solo');
    s.allocated('eng/x', 'agent-1', r(10, 10));
    s.allocated('eng/y', 'agent-1', r(5, 5));
    s.allocated('ops/z', 'agent-1', r(12, 12));
    s.allocated('solo', 'agent-1', r(1, 1));
    s.deactivate('ops/w');
    expect(walk(s)).toEqual(s.sort());
    expect(walk(s)).toEqual(['solo', 'ops/z', 'eng/y', 'eng/x']);
    s.add('eng');
    s.activate('eng');
    expect(walk(s)).toEqual(s.sort());
  });

  it('re-sorts a changed sorter when a walk begins, and can stop early and begin again', () => {
    const s = sorterWith(r(100, 100), 'a', 'b', 'c');
    s.allocated('a', 'agent-1', r(20, 20));
    s.beginWalk();
    expect(s.nextClient()).toBe('b');
    s.allocated('b', 'agent-1', r(30, 30));
    expect(walk(s)).toEqual(['c', 'a', 'b']);
    expect(walk(new DrfSorter())).toEqual([]);
  });
});
