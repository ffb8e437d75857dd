import { describe, expect, it } from 'vitest';
import { resources, type Resources } from '../../../../src/cluster/resources.js';
import { drfPoint, type FillingClaimant, pointAmount } from '../../../../src/engines/mesos/allocator/drf-point.js';
import { fairCap } from '../../../../src/engines/mesos/allocator/allocator-quota.js';

/*
 * Progressive filling (Ghodsi et al., "Dominant Resource Fairness: Fair Allocation of Multiple
 * Resource Types", NSDI 2011, §3.1 and the §4 example): shares rise together along each user's
 * demand vector until a resource is exhausted or a demand is met.
 */

const GB = 2 ** 30;
const r = (cpus: number, memGB: number) => resources({ cpu: cpus * 1000, memory: memGB * GB });
const NONE = r(0, 0);

function claimant(id: string, demand: Resources | undefined, more: Partial<FillingClaimant> = {}): FillingClaimant {
  return { id, weight: 1, held: NONE, demand, fixed: false, ...more };
}

describe('drfPoint: the DRF paper example (9 CPU, 18 GB; A ⟨1 CPU, 4 GB⟩, B ⟨3 CPU, 1 GB⟩)', () => {
  it('stops both users at a dominant share of 2/3: A at 3 tasks ⟨3 CPU, 12 GB⟩, B at 2 tasks ⟨6 CPU, 2 GB⟩', () => {
    const total = r(9, 18);
    const point = drfPoint(total, [claimant('A', r(100, 400)), claimant('B', r(300, 100))]);
    expect(point.get('A')?.level).toBeCloseTo(2 / 3, 12);
    expect(point.get('B')?.level).toBeCloseTo(2 / 3, 12);
    // Exactly whole tasks, though 2/3 is not a double.
    expect(pointAmount(point.get('A')!, total)).toEqual(r(3, 12));
    expect(pointAmount(point.get('B')!, total)).toEqual(r(6, 2));
  });

  it('caps an offer at the framework’s place minus what it holds, and at what it still asks for', () => {
    const total = r(9, 18);
    const a = drfPoint(total, [claimant('A', r(100, 400)), claimant('B', r(300, 100))]).get('A');
    expect(fairCap(undefined, a, total, r(1, 4))).toEqual(r(2, 8));
    expect(fairCap(r(1, 4), a, total, r(1, 4))).toEqual(r(1, 4));
    expect(fairCap(undefined, a, total, r(3, 12))).toEqual(NONE);
  });
});

describe('drfPoint: demands, weights and fixed holdings', () => {
  it('lets the others go on once a small demand is met (progressive filling freezes the satisfied user)', () => {
    const total = r(10, 10);
    const point = drfPoint(total, [claimant('small', r(1, 1)), claimant('big', r(100, 100))]);
    expect(point.get('small')?.level).toBeCloseTo(0.1, 12);
    expect(point.get('big')?.level).toBeCloseTo(0.9, 12);
  });

  it('splits by weight: a user of weight 2 reaches twice the dominant share', () => {
    const point = drfPoint(r(9, 9), [claimant('heavy', r(100, 100), { weight: 2 }), claimant('light', r(100, 100))]);
    expect(point.get('heavy')?.level).toBeCloseTo(2 / 3, 12);
    expect(point.get('light')?.level).toBeCloseTo(1 / 3, 12);
  });

  it('gives users that said nothing equal shares of every resource (the static fair share)', () => {
    const total = r(8, 16);
    const point = drfPoint(total, [claimant('x', undefined), claimant('y', undefined)]);
    expect(pointAmount(point.get('x')!, total)).toEqual(r(4, 8));
  });

  it('keeps fixed users where they are and fills around them', () => {
    const total = r(10, 10);
    const point = drfPoint(total, [claimant('idle', undefined, { fixed: true, held: r(4, 2) }), claimant('a', r(100, 100)), claimant('b', r(100, 100))]);
    expect(point.get('idle')?.level).toBeCloseTo(0.4, 12);
    // 6 CPU left for two users growing along ⟨1, 1⟩: 0.3 each.
    expect(point.get('a')?.level).toBeCloseTo(0.3, 12);
    expect(point.get('b')?.level).toBeCloseTo(0.3, 12);
  });
});
