import { describe, expect, it } from 'vitest';
import { resources, type Resources } from '../../../../src/cluster/resources.js';
import { GrownRoom } from '../../../../src/engines/kit/placement/grown-room.js';

const free: (Resources | undefined)[] = [
  resources({ cpu: 1000, memory: 10 }),
  resources({ cpu: 100, memory: 100 }),
  undefined,
  resources({ cpu: 0, memory: 0, gpu: 1 }),
];

const NONE = resources({});

describe('GrownRoom', () => {
  it.each([
    { name: 'fits the first node', demand: [500, 10, 0], want: true },
    { name: 'fits the second node', demand: [100, 50, 0], want: true },
    { name: 'fits each dimension somewhere but no single node', demand: [500, 50, 0], want: false },
    { name: 'a gpu fits only the gpu node', demand: [0, 0, 1], want: true },
    { name: 'more than any node', demand: [2000, 0, 0], want: false },
  ])('$name', ({ demand, want }) => {
    const room = new GrownRoom(4);
    room.reset([0, 1, 2, 3], (i) => free[i], NONE);
    const [c, m, g] = demand as [number, number, number];
    expect(room.mayFit(c, m, g)).toBe(want);
  });

  it('skips nodes that are down and follows a node shrinking', () => {
    const room = new GrownRoom(4);
    room.reset([2, 0], (i) => free[i], NONE);
    expect(room.mayFit(500, 5, 0)).toBe(true);
    room.update(0, resources({ cpu: 400, memory: 10 }));
    expect(room.mayFit(500, 5, 0)).toBe(false);
    // A node that did not grow is not part of the room.
    room.update(1, resources({ cpu: 5000, memory: 500 }));
    expect(room.mayFit(500, 5, 0)).toBe(false);
    room.reset([], (i) => free[i], NONE);
    expect(room.mayFit(0, 0, 0)).toBe(false);
  });

  it('drops a node that cannot take the smallest demand waiting, or is full', () => {
    const room = new GrownRoom(4);
    room.reset([0, 1, 3], (i) => free[i], resources({ cpu: 50, memory: 5 }));
    // Node 3 (no cpu, no memory) is out from the start; node 1 leaves when it falls below the smallest demand.
    expect(room.mayFit(0, 0, 1)).toBe(false);
    expect(room.mayFit(100, 50, 0)).toBe(true);
    room.update(1, resources({ cpu: 40, memory: 100 }));
    expect(room.mayFit(40, 50, 0)).toBe(false);
    room.update(0, undefined);
    expect(room.mayFit(50, 5, 0)).toBe(false);
  });
});
