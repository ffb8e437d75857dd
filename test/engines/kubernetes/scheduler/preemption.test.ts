import { describe, expect, it } from 'vitest';
import { pickOneNodeForPreemption, preempt, selectVictimsOnNode } from '../../../../src/engines/kubernetes/scheduler/preemption.js';
import { runFilters } from '../../../../src/engines/kubernetes/scheduler/framework.js';
import { Rng } from '../../../../src/sim/rng.js';
import { node, pod } from './fixtures.js';

const low = (name: string, cpu: number, priority: number, startTime = 0): ReturnType<typeof pod> =>
  pod(name, { cpu }, { priority, startTime: startTime as never });

describe('DefaultPreemption', () => {
  it('evicts only as many lower-priority pods as needed, keeping the more important ones', () => {
    const n = node('n', { cpu: 4000 }, { pods: [low('a', 1000, 1), low('b', 1000, 5), low('c', 2000, 3)] });
    const c = selectVictimsOnNode(pod('p', { cpu: 2000 }, { priority: 10 }), n);
    // Re-adding from the most important down: b (5) fits, c (3) does not, a (1) fits.
    expect(c?.victims.map((v) => v.name)).toEqual(['c']);
  });

  it('never evicts pods of equal or higher priority', () => {
    const n = node('n', { cpu: 2000 }, { pods: [low('a', 2000, 10)] });
    expect(selectVictimsOnNode(pod('p', { cpu: 1000 }, { priority: 10 }), n)).toBeUndefined();
  });

  const pick = [
    {
      name: 'lowest highest-victim priority first',
      cands: [
        { node: 'x', victims: [low('a', 1, 5)] },
        { node: 'y', victims: [low('b', 1, 2), low('c', 1, 2)] },
      ],
      want: 'y',
    },
    {
      name: 'then the smallest priority sum',
      cands: [
        { node: 'x', victims: [low('a', 1, 3), low('b', 1, 3)] },
        { node: 'y', victims: [low('c', 1, 3), low('d', 1, 1)] },
      ],
      want: 'y',
    },
    {
      name: 'then fewest victims',
      cands: [
        { node: 'x', victims: [low('a', 1, 0), low('b', 1, 0)] },
        { node: 'y', victims: [low('c', 1, 0)] },
      ],
      want: 'y',
    },
    {
      name: 'then the latest start of the highest-priority victims',
      cands: [
        { node: 'x', victims: [low('a', 1, 2, 100)] },
        { node: 'y', victims: [low('b', 1, 2, 500)] },
      ],
      want: 'y',
    },
    {
      name: 'then the first',
      cands: [
        { node: 'x', victims: [low('a', 1, 2, 1)] },
        { node: 'y', victims: [low('b', 1, 2, 1)] },
      ],
      want: 'x',
    },
  ];
  it.each(pick)('node choice: $name', ({ cands, want }) => expect(pickOneNodeForPreemption(cands)?.node).toBe(want));

  it('skips nodes whose rejection preemption cannot resolve and honours preemptionPolicy Never', () => {
    const nodes = [
      node('t', { cpu: 4000 }, { taints: [{ key: 'k', effect: 'NoSchedule' }], pods: [low('a', 4000, 0)] }),
      node('f', { cpu: 4000 }, { pods: [low('b', 4000, 0)] }),
    ];
    const p = pod('p', { cpu: 1000 }, { priority: 5 });
    const rejections = new Map(nodes.map((n) => [n.name, runFilters(p, n)] as const).filter((e): e is [string, (typeof e)[1] & { ok: false }] => !e[1].ok));
    const r = preempt(p, nodes, rejections, 10, 100, Rng.root(1));
    expect(r.kind === 'preempt' ? r.candidate.node : undefined).toBe('f');
    expect(preempt({ ...p, preemptionPolicy: 'Never' }, nodes, rejections, 10, 100, Rng.root(1)).kind).toBe('none');
  });

  it('with no lower-priority pod anywhere, skips the dry runs but examines, draws and answers the same', () => {
    const nodes = [
      node('t', { cpu: 4000 }, { taints: [{ key: 'k', effect: 'NoSchedule' }], pods: [low('a', 4000, 5)] }),
      node('f', { cpu: 4000 }, { pods: [low('b', 4000, 7)] }),
      node('g', { cpu: 4000 }, { pods: [low('c', 4000, 9)] }),
    ];
    const p = pod('p', { cpu: 1000 }, { priority: 5 });
    const rejections = new Map(nodes.map((n) => [n.name, runFilters(p, n)] as const).filter((e): e is [string, (typeof e)[1] & { ok: false }] => !e[1].ok));
    const slowRng = Rng.root(3);
    const fastRng = Rng.root(3);
    const slow = preempt(p, nodes, rejections, 10, 100, slowRng);
    const fast = preempt(p, nodes, rejections, 10, 100, fastRng, undefined, () => false);
    expect(fast).toEqual(slow);
    expect(fast).toEqual({ kind: 'none', examined: 2 });
    expect(fastRng.int(0, 1_000_000)).toBe(slowRng.int(0, 1_000_000));
  });
});
