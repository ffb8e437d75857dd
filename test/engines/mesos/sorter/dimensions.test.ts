import { describe, expect, it } from 'vitest';
import { addInto, ResourceDimensions, subtractInto } from '../../../../src/engines/mesos/sorter/dimensions.js';

describe('ResourceDimensions', () => {
  it('numbers cpu, memory, gpu 0–2 and extended resources in the order first seen', () => {
    const d = new ResourceDimensions(new Set());
    expect([d.index('cpu'), d.index('memory'), d.index('gpu')]).toEqual([0, 1, 2]);
    expect(d.vector({ cpu: 1, memory: 2, gpu: 0, ext: { fpga: 3, disk: 4 } })).toEqual([1, 2, 0, 3, 4]);
    expect(d.index('disk')).toBe(4);
  });

  it('round-trips a vector, leaving zero extended dimensions out', () => {
    const d = new ResourceDimensions(new Set());
    d.vector({ cpu: 0, memory: 0, gpu: 0, ext: { fpga: 1 } });
    expect(d.fromVector([1, 2, 3, 0])).toEqual({ cpu: 1, memory: 2, gpu: 3 });
    expect(d.fromVector([1, 2, 3, 5])).toEqual({ cpu: 1, memory: 2, gpu: 3, ext: { fpga: 5 } });
  });

  it('marks excluded dimensions by index, including ones numbered later', () => {
    const d = new ResourceDimensions(new Set(['gpu', 'fpga']));
    d.index('disk');
    d.index('fpga');
    expect(d.excludedByIndex).toEqual([false, false, true, false, true]);
  });

  it('adds and subtracts arrays of different lengths, missing entries as 0', () => {
    const t = [1, 1];
    addInto(t, [1, 2, 3]);
    expect(t).toEqual([2, 3, 3]);
    subtractInto(t, [2]);
    expect(t).toEqual([0, 3, 3]);
  });
});
