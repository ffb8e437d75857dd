import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkProperty } from '../support/props.js';
import { Rng } from '../../src/sim/rng.js';

const draws = (rng: Rng, n: number): number[] => Array.from({ length: n }, () => rng.nextUint32());

describe('Rng streams', () => {
  it('gives the same stream for the same seed and label', () => {
    checkProperty(
      'gives the same stream for the same seed and label',
      fc.property(fc.integer(), fc.string(), (seed, label) => {
        expect(draws(Rng.root(seed).split(label), 8)).toEqual(draws(Rng.root(seed).split(label), 8));
      }),
      { kind: 'pure' },
    );
  });

  it('makes a split independent of the draws made before it', () => {
    checkProperty(
      'makes a split independent of the draws made before it',
      fc.property(fc.integer(), fc.nat({ max: 50 }), (seed, before) => {
        const used = Rng.root(seed);
        draws(used, before);
        const parentAfter = used.split('engine:mesos');
        used.split('workload').float();
        expect(draws(parentAfter, 8)).toEqual(draws(Rng.root(seed).split('engine:mesos'), 8));
      }),
      { kind: 'pure' },
    );
  });

  const differ: readonly { name: string; a: () => Rng; b: () => Rng }[] = [
    { name: 'different labels', a: () => Rng.root(1).split('workload'), b: () => Rng.root(1).split('faults') },
    { name: 'different seeds', a: () => Rng.root(1).split('workload'), b: () => Rng.root(2).split('workload') },
    { name: 'a child and its parent', a: () => Rng.root(1).split('engine'), b: () => Rng.root(1).split('engine').split('tie-break') },
    { name: 'the root and a child', a: () => Rng.root(1), b: () => Rng.root(1).split('workload') },
    { name: 'labels that differ only by case', a: () => Rng.root(0).split('Net'), b: () => Rng.root(0).split('net') },
  ];
  it.each(differ)('gives different streams for $name', ({ a, b }) => {
    expect(draws(a(), 8)).not.toEqual(draws(b(), 8));
  });

  it('gives pairwise different streams for the labels a trial uses', () => {
    const labels = ['workload', 'faults', 'network', 'engine:mesos', 'engine:kubernetes', 'engine:oracle'];
    const firsts = labels.map((l) => draws(Rng.root(42).split(l), 4).join(','));
    expect(new Set(firsts).size).toBe(labels.length);
  });

  it('records seed and label path', () => {
    const r = Rng.root(7).split('engine:k8s').split('scheduler');
    expect(r.seed).toBe(7);
    expect(r.path).toBe('engine:k8s/scheduler');
  });

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])('rejects the seed %d', (seed) => {
    expect(() => Rng.root(seed)).toThrow(/seed must be an integer/);
  });

  it('pins the stream of seed 1 (a change here changes every published result)', () => {
    expect(draws(Rng.root(1).split('workload'), 3)).toMatchInlineSnapshot(`
      [
        3170517545,
        3151641740,
        962942388,
      ]
    `);
  });
});

describe('Rng draws', () => {
  it('float() stays in [0, 1) and is roughly uniform', () => {
    const rng = Rng.root(3).split('float');
    const buckets = new Array<number>(10).fill(0);
    const n = 100_000;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const x = rng.float();
      if (!(x >= 0 && x < 1)) outside++;
      else buckets[Math.floor(x * 10)]! += 1;
    }
    expect(outside).toBe(0);
    for (const b of buckets) expect(Math.abs(b - n / 10)).toBeLessThan(n / 100); // ±10 % of a bucket, > 6 sigma
  });

  it('nextUint32() gives unsigned 32-bit integers', () => {
    const rng = Rng.root(4);
    const xs = draws(rng, 10_000);
    expect(xs.filter((x) => !Number.isInteger(x) || x < 0 || x > 0xffffffff)).toEqual([]);
    expect(Math.max(...xs)).toBeGreaterThan(2 ** 31); // the top bit is used: not a signed value
  });

  const ranges: readonly { name: string; min: number; max: number }[] = [
    { name: 'a die', min: 1, max: 6 },
    { name: 'a single value', min: 5, max: 5 },
    { name: 'negative bounds', min: -3, max: 2 },
    { name: 'zero-based', min: 0, max: 9 },
  ];
  it.each(ranges)('int() covers [$min, $max] inclusive and nothing else ($name)', ({ min, max }) => {
    const rng = Rng.root(5).split('int');
    const seen = new Set<number>();
    const xs = Array.from({ length: 2_000 }, () => rng.int(min, max));
    expect(xs.filter((x) => !Number.isInteger(x) || x < min || x > max)).toEqual([]);
    for (const x of xs) seen.add(x);
    expect(seen.size).toBe(max - min + 1);
  });

  it('int() rejects an empty range', () => {
    expect(() => Rng.root(1).int(3, 2)).toThrow(/int\(3, 2\): empty range/);
  });

  it('pick() only returns elements, reaches all of them, and rejects an empty array', () => {
    const rng = Rng.root(6);
    const items = ['a', 'b', 'c', 'd'];
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) seen.add(rng.pick(items));
    expect([...seen].sort()).toEqual(items);
    expect(() => rng.pick([])).toThrow(/pick from an empty array/);
  });

  it('shuffle() returns a permutation of its input, in place', () => {
    checkProperty(
      'shuffle() returns a permutation of its input, in place',
      fc.property(fc.integer(), fc.array(fc.integer()), (seed, items) => {
        const copy = [...items];
        const out = Rng.root(seed).shuffle(copy);
        expect(out).toBe(copy);
        expect([...out].sort((a, b) => a - b)).toEqual([...items].sort((a, b) => a - b));
      }),
      { kind: 'pure' },
    );
  });

  it('shuffle() reaches every ordering of three elements', () => {
    const rng = Rng.root(9);
    const seen = new Set<string>();
    for (let i = 0; i < 600; i++) seen.add(rng.shuffle([1, 2, 3]).join(''));
    expect(seen.size).toBe(6);
  });
});
