import { describe, expect, it } from 'vitest';
import { resources } from '../../../../src/cluster/resources.js';
import { type FilterList, newFilterList, RefuseFilters } from '../../../../src/engines/mesos/allocator/refuse-filters.js';
import { type SimTime } from '../../../../src/sim/time.js';

const r = (cpu: number, memory: number) => resources({ cpu, memory });
const t = (s: number) => (s * 1e6) as SimTime;
const list = (): FilterList => newFilterList();

describe('RefuseFilters', () => {
  it.each([
    { name: 'an offer within the refused resources is filtered', offer: r(2, 2), at: 1, until: t(5) },
    { name: 'an offer of more than was refused is not (the subset rule)', offer: r(4, 1), at: 1, until: undefined },
    { name: 'a filter stops at its expiry instant', offer: r(2, 2), at: 5, until: undefined },
  ])('$name', ({ offer, at, until }) => {
    const filters = new RefuseFilters();
    const l = list();
    filters.add('fw', l, r(3, 3), t(5));
    expect(filters.filteredUntil('fw', l, offer, t(at))).toBe(until);
    expect(filters.filtered('fw', l, offer, t(at))).toBe(until !== undefined);
  });

  it('tells the expiry of the first covering filter in installation order and drops expired ones', () => {
    const filters = new RefuseFilters();
    const l = list();
    filters.add('fw', l, r(1, 1), t(2));
    filters.add('fw', l, r(3, 3), t(9));
    filters.add('fw', l, r(5, 5), t(7));
    expect(filters.filteredUntil('fw', l, r(2, 2), t(3))).toBe(t(9));
    expect(l.size).toBe(2);
    expect(filters.count('fw', [l], t(3))).toBe(2);
  });

  it('clearing a framework empties its lists on every agent at once, and only its own', () => {
    const filters = new RefuseFilters();
    const a = list();
    const b = list();
    const other = list();
    filters.add('fw', a, r(3, 3), t(5));
    filters.add('fw', b, r(3, 3), t(5));
    filters.add('other', other, r(3, 3), t(5));
    filters.clear('fw');
    expect(filters.filteredUntil('fw', a, r(1, 1), t(1))).toBeUndefined();
    expect(filters.count('fw', [a, b], t(1))).toBe(0);
    expect(filters.filteredUntil('other', other, r(1, 1), t(1))).toBe(t(5));
    filters.add('fw', a, r(2, 2), t(6));
    expect(a.size).toBe(1);
    expect(filters.filteredUntil('fw', a, r(1, 1), t(1))).toBe(t(6));
  });
});
