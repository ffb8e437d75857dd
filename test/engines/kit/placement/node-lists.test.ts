import { describe, expect, it } from 'vitest';
import { type NodeListEntry, NodeLists } from '../../../../src/engines/kit/placement/node-lists.js';

interface E extends NodeListEntry<E> {
  readonly id: string;
}

const entry = (id: string, nodeIndex: number): E => ({ id, nodeIndex, prev: undefined, next: undefined, linked: false });

describe('NodeLists', () => {
  it.each([
    { name: 'keeps each node in placement order', removeIds: [] as string[], node0: ['a', 'c', 'e'], node1: ['b', 'd'] },
    { name: 'removes from the middle', removeIds: ['c'], node0: ['a', 'e'], node1: ['b', 'd'] },
    { name: 'removes the head and the tail', removeIds: ['a', 'e', 'd'], node0: ['c'], node1: ['b'] },
    { name: 'removing twice is a no-op', removeIds: ['c', 'c'], node0: ['a', 'e'], node1: ['b', 'd'] },
    { name: 'empties a node', removeIds: ['b', 'd'], node0: ['a', 'c', 'e'], node1: [] },
  ])('$name', ({ removeIds, node0, node1 }) => {
    const lists = new NodeLists<E>(3);
    const all = new Map([entry('a', 0), entry('b', 1), entry('c', 0), entry('d', 1), entry('e', 0)].map((e) => [e.id, e]));
    for (const e of all.values()) lists.add(e);
    for (const id of removeIds) lists.remove(all.get(id) as E);
    expect(lists.on(0).map((e) => e.id)).toEqual(node0);
    expect(lists.on(1).map((e) => e.id)).toEqual(node1);
    expect(lists.on(2)).toEqual([]);
  });

  it('appends after removals in order', () => {
    const lists = new NodeLists<E>(1);
    const [a, b, c] = [entry('a', 0), entry('b', 0), entry('c', 0)];
    lists.add(a);
    lists.add(b);
    lists.remove(b);
    lists.add(c);
    lists.add(b);
    expect(lists.on(0).map((e) => e.id)).toEqual(['a', 'c', 'b']);
  });
});
