import { describe, expect, it } from 'vitest';
import { NO_CONSTRAINTS } from '../../../../src/cluster/constraints.js';
import { type NodeSpec } from '../../../../src/cluster/node.js';
import { resources } from '../../../../src/cluster/resources.js';
import { type TaskLaunch } from '../../../../src/cluster/task.js';
import { OfferPool } from '../../../../src/engines/mesos/frameworks/offer-pool.js';
import { type Offer } from '../../../../src/engines/mesos/types.js';

const r = (cpu: number, memory: number) => resources({ cpu, memory });
const node = (name: string): NodeSpec => ({ name, allocatable: r(4, 4), labels: {}, taints: [], maxTasks: 110 });
const offer = (id: number, cpu: number, memory: number, slots = 10): Offer => ({
  id,
  framework: 'fw',
  agent: `a${id}`,
  resources: r(cpu, memory),
  slots,
  node: node(`a${id}`),
});
const launch = (o: Offer, n: number): TaskLaunch => ({ id: `t${n}@${o.agent}`, workload: 'w', tenant: 't', priority: 0, resources: r(1, 1) });

describe('OfferPool', () => {
  it('places first-fit, keeps one launch list per offer (the shared empty one for offers that got none) and tells why a task does not fit', () => {
    const offers = [offer(1, 1, 1), offer(2, 2, 2), offer(3, 2, 2)];
    const pool = new OfferPool(offers);
    let n = 0;
    const build = (o: Offer) => launch(o, n++);
    expect(pool.place(r(2, 2), NO_CONSTRAINTS, build)).toEqual({ kind: 'placed', offer: offers[1] });
    expect(pool.place(r(1, 1), NO_CONSTRAINTS, build)).toEqual({ kind: 'placed', offer: offers[0] });
    expect(pool.place(r(3, 3), NO_CONSTRAINTS, build)).toEqual({ kind: 'unplaced', why: 'resources' });
    const launches = pool.launches();
    expect(launches.map((l) => l.length)).toEqual([1, 1, 0]);
    expect(pool.hasFree()).toBe(true);
    expect(pool.anyRoomFor(r(2, 2))).toBe(true);
    expect(pool.anyRoomFor(r(3, 1))).toBe(false);
  });

  it('has nothing free once every offer is used up or out of slots (offers never regain room)', () => {
    const offers = [offer(1, 1, 1), offer(2, 4, 4, 1)];
    const pool = new OfferPool(offers);
    let n = 0;
    const build = (o: Offer) => launch(o, n++);
    expect(pool.hasFree()).toBe(true);
    pool.place(r(1, 1), NO_CONSTRAINTS, build);
    expect(pool.hasFree()).toBe(true);
    pool.place(r(1, 1), NO_CONSTRAINTS, build);
    expect(pool.hasFree()).toBe(false);
    expect(pool.place(r(1, 1), NO_CONSTRAINTS, build)).toEqual({ kind: 'unplaced', why: 'resources' });
  });

  it.each([
    { name: 'no offers', offers: [], why: 'no-offers' },
    { name: 'a per-offer cap of zero admits nothing', offers: [offer(1, 4, 4)], limit: 0, why: 'constraints' },
  ])('$name', ({ offers, limit, why }) => {
    const pool = new OfferPool(offers, limit);
    expect(pool.place(r(1, 1), NO_CONSTRAINTS, (o) => launch(o, 0))).toEqual({ kind: 'unplaced', why });
    expect(pool.hasFree()).toBe(false);
  });
});
