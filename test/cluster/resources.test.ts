import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkProperty } from '../support/props.js';
import {
  addResources,
  dimension,
  dimensionsOf,
  dominantShare,
  fitsWithin,
  formatResources,
  isNonNegative,
  isZero,
  minResources,
  NO_RESOURCES,
  resources,
  type Resources,
  scaleResources,
  subtractResources,
} from '../../src/cluster/resources.js';

const GI = 2 ** 30;
const r = (cpu: number, memory: number, gpu = 0, ext?: Record<string, number>): Resources => resources({ cpu, memory, gpu, ...(ext ? { ext } : {}) });

describe('resource arithmetic', () => {
  const rows: readonly { name: string; actual: () => Resources; expected: Resources }[] = [
    { name: 'resources() fills missing dimensions with 0', actual: () => resources({ cpu: 500 }), expected: { cpu: 500, memory: 0, gpu: 0 } },
    { name: 'resources() drops an empty ext', actual: () => resources({ cpu: 1, ext: {} }), expected: { cpu: 1, memory: 0, gpu: 0 } },
    { name: 'add', actual: () => addResources(r(500, GI, 1), r(250, GI)), expected: { cpu: 750, memory: 2 * GI, gpu: 1 } },
    {
      name: 'add merges ext by name',
      actual: () => addResources(r(0, 0, 0, { fpga: 1 }), r(0, 0, 0, { fpga: 2, nic: 1 })),
      expected: { cpu: 0, memory: 0, gpu: 0, ext: { fpga: 3, nic: 1 } },
    },
    { name: 'subtract may go negative', actual: () => subtractResources(r(100, 0), r(300, GI)), expected: { cpu: -200, memory: -GI, gpu: 0 } },
    {
      name: 'subtract ext',
      actual: () => subtractResources(r(0, 0, 0, { fpga: 2 }), r(0, 0, 0, { fpga: 2 })),
      expected: { cpu: 0, memory: 0, gpu: 0, ext: { fpga: 0 } },
    },
    { name: 'scale', actual: () => scaleResources(r(500, GI, 1, { fpga: 1 }), 3), expected: { cpu: 1500, memory: 3 * GI, gpu: 3, ext: { fpga: 3 } } },
    { name: 'min', actual: () => minResources(r(500, 4 * GI), r(1000, GI)), expected: { cpu: 500, memory: GI, gpu: 0 } },
    {
      name: 'min treats a missing ext as 0',
      actual: () => minResources(r(1, 1, 0, { fpga: 2 }), r(1, 1)),
      expected: { cpu: 1, memory: 1, gpu: 0, ext: { fpga: 0 } },
    },
  ];
  it.each(rows)('$name', ({ actual, expected }) => {
    expect(actual()).toEqual(expected);
  });

  it('never mutates its operands', () => {
    const a = Object.freeze(r(1, 2, 3, { x: 1 }));
    const b = Object.freeze(r(4, 5, 6, { x: 2 }));
    addResources(a, b);
    subtractResources(a, b);
    scaleResources(a, 2);
    expect(a).toEqual(r(1, 2, 3, { x: 1 }));
    expect(b).toEqual(r(4, 5, 6, { x: 2 }));
  });

  const vec = fc.record({ cpu: fc.nat(64_000), memory: fc.nat(2 ** 40), gpu: fc.nat(8) });
  it('a + b − b = a', () => {
    checkProperty(
      'a + b − b = a',
      fc.property(vec, vec, (a, b) => {
        expect(subtractResources(addResources(a, b), b)).toEqual(a);
      }),
      { kind: 'pure' },
    );
  });
  it('fits within a + b whenever it fits within a (monotone fit)', () => {
    checkProperty(
      'fits within a + b whenever it fits within a (monotone fit)',
      fc.property(vec, vec, vec, (d, a, b) => !fitsWithin(d, a) || fitsWithin(d, addResources(a, b))),
      { kind: 'pure' },
    );
  });
});

describe('resource predicates', () => {
  const rows: readonly { name: string; actual: () => boolean; expected: boolean }[] = [
    { name: 'fits exactly', actual: () => fitsWithin(r(500, GI), r(500, GI)), expected: true },
    { name: 'cpu too big', actual: () => fitsWithin(r(501, GI), r(500, GI)), expected: false },
    { name: 'memory too big', actual: () => fitsWithin(r(1, GI + 1), r(500, GI)), expected: false },
    { name: 'gpu too big', actual: () => fitsWithin(r(1, 1, 1), r(500, GI)), expected: false },
    { name: 'ext missing on the node', actual: () => fitsWithin(r(0, 0, 0, { fpga: 1 }), r(500, GI)), expected: false },
    { name: 'ext available', actual: () => fitsWithin(r(0, 0, 0, { fpga: 1 }), r(500, GI, 0, { fpga: 1 })), expected: true },
    { name: 'a zero ext demand needs nothing', actual: () => fitsWithin(r(0, 0, 0, { fpga: 0 }), r(500, GI)), expected: true },
    { name: 'nothing fits in negative free space', actual: () => fitsWithin(NO_RESOURCES, r(-1, 0)), expected: false },
    { name: 'isZero of NO_RESOURCES', actual: () => isZero(NO_RESOURCES), expected: true },
    { name: 'isZero with a zero ext', actual: () => isZero(r(0, 0, 0, { fpga: 0 })), expected: true },
    { name: 'isZero with ext', actual: () => isZero(r(0, 0, 0, { fpga: 1 })), expected: false },
    { name: 'isNonNegative', actual: () => isNonNegative(r(0, 1, 0)), expected: true },
    { name: 'isNonNegative with negative memory', actual: () => isNonNegative(r(0, -1, 0)), expected: false },
    { name: 'isNonNegative with negative ext', actual: () => isNonNegative(r(0, 0, 0, { fpga: -1 })), expected: false },
  ];
  it.each(rows)('$name', ({ actual, expected }) => {
    expect(actual()).toBe(expected);
  });
});

describe('dominantShare', () => {
  const total = r(10_000, 40 * GI, 4);
  const rows: readonly { name: string; used: Resources; total: Resources; share: number }[] = [
    { name: 'nothing used', used: NO_RESOURCES, total, share: 0 },
    { name: 'cpu dominates', used: r(5_000, 10 * GI), total, share: 0.5 },
    { name: 'memory dominates', used: r(1_000, 30 * GI), total, share: 0.75 },
    { name: 'gpu dominates', used: r(1_000, GI, 4), total, share: 1 },
    { name: 'dimensions absent from the total are ignored', used: r(1_000, 0, 3), total: r(10_000, 40 * GI), share: 0.1 },
    { name: 'ext counts when the total has it', used: r(0, 0, 0, { fpga: 3 }), total: r(10_000, GI, 0, { fpga: 4 }), share: 0.75 },
    { name: 'empty total', used: r(1, 1), total: NO_RESOURCES, share: 0 },
  ];
  it.each(rows)('$name', ({ used, total: tot, share }) => {
    expect(dominantShare(used, tot)).toBeCloseTo(share, 12);
  });
});

describe('dimensions and formatting', () => {
  it('lists standard dimensions first, then ext names sorted', () => {
    expect(dimensionsOf(r(1, 1, 0, { zeta: 1 }), r(1, 1, 0, { alpha: 1 }))).toEqual(['cpu', 'memory', 'gpu', 'alpha', 'zeta']);
  });
  it.each([
    { name: 'cpu', value: 1 },
    { name: 'memory', value: 2 },
    { name: 'gpu', value: 3 },
    { name: 'fpga', value: 4 },
    { name: 'unknown', value: 0 },
  ])('dimension($name)', ({ name, value }) => {
    expect(dimension(r(1, 2, 3, { fpga: 4 }), name)).toBe(value);
  });
  it('formats for messages', () => {
    expect(formatResources(r(500, GI, 1, { fpga: 2 }))).toBe('cpu=500m memory=1.00Gi gpu=1 fpga=2');
    expect(formatResources(r(250, GI / 2))).toBe('cpu=250m memory=0.50Gi');
  });
});
