import { describe, expect, it } from 'vitest';
import { NO_CONSTRAINTS, type PlacementConstraints } from '../../../../src/cluster/constraints.js';
import { resources, type Resources } from '../../../../src/cluster/resources.js';
import { dominatesFailure, noteFailure } from '../../../../src/engines/kit/placement/failure-memo.js';

const r = (cpu: number, memory: number): Resources => resources({ cpu, memory });

describe('failure memo (demands that found no node in one pass)', () => {
  it('skips a demand at least as large as one that failed under the same constraints', () => {
    const failed = new Map<PlacementConstraints, Resources[]>();
    noteFailure(failed, NO_CONSTRAINTS, r(2000, 4));
    expect(dominatesFailure(failed.get(NO_CONSTRAINTS), r(2000, 4))).toBe(true);
    expect(dominatesFailure(failed.get(NO_CONSTRAINTS), r(3000, 8))).toBe(true);
    expect(dominatesFailure(failed.get(NO_CONSTRAINTS), r(1000, 8))).toBe(false);
  });

  it('keeps failures per constraints object', () => {
    const failed = new Map<PlacementConstraints, Resources[]>();
    const zoneA: PlacementConstraints = { ...NO_CONSTRAINTS };
    noteFailure(failed, zoneA, r(1000, 1));
    expect(dominatesFailure(failed.get(NO_CONSTRAINTS), r(4000, 4))).toBe(false);
    expect(dominatesFailure(failed.get(zoneA), r(4000, 4))).toBe(true);
  });

  it('keeps only the smallest failures: a smaller one replaces those it covers', () => {
    const failed = new Map<PlacementConstraints, Resources[]>();
    noteFailure(failed, NO_CONSTRAINTS, r(4000, 4));
    noteFailure(failed, NO_CONSTRAINTS, r(3000, 8));
    noteFailure(failed, NO_CONSTRAINTS, r(2000, 2));
    expect(failed.get(NO_CONSTRAINTS)).toEqual([r(2000, 2)]);
  });

  it('never memoizes a demand with extended resources (the memo compares cpu, memory and gpu only)', () => {
    const failed = new Map<PlacementConstraints, Resources[]>();
    const withExt = resources({ cpu: 1000, memory: 1, ext: { 'example.com/fpga': 1 } });
    noteFailure(failed, NO_CONSTRAINTS, withExt);
    expect(failed.get(NO_CONSTRAINTS)).toBeUndefined();
    noteFailure(failed, NO_CONSTRAINTS, r(1000, 1));
    expect(dominatesFailure(failed.get(NO_CONSTRAINTS), withExt)).toBe(false);
  });
});
