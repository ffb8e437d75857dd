import { describe, expect, it } from 'vitest';
import { closestMatch, editDistance } from '../../src/workload/suggest.js';

describe('editDistance', () => {
  const cases = [
    { name: 'equal', a: 'replicas', b: 'replicas', d: 0 },
    { name: 'one substitution', a: 'replicas', b: 'replicaz', d: 1 },
    { name: 'adjacent swap counts once', a: 'replcias', b: 'replicas', d: 1 },
    { name: 'insertion', a: 'tenant', b: 'tenants', d: 1 },
    { name: 'unrelated', a: 'abc', b: 'xyz', d: 3 },
  ];
  it.each(cases)('$name', ({ a, b, d }) => expect(editDistance(a, b)).toBe(d));
  it('stops early past the limit', () => expect(editDistance('aaaaaaaa', 'bbbbbbbb', 2)).toBe(3));
});

describe('closestMatch', () => {
  const keys = ['replicas', 'resources', 'priority', 'constraints', 'sampleEvery', 'startAt'];
  const cases = [
    { name: 'swap', word: 'replcias', want: 'replicas' },
    { name: 'case-insensitive', word: 'Priority', want: 'priority' },
    { name: 'prefix', word: 'sample', want: 'sampleEvery' },
    { name: 'two edits', word: 'resorces', want: 'resources' },
    { name: 'nothing close', word: 'zebra', want: undefined },
  ];
  it.each(cases)('$name', ({ word, want }) => expect(closestMatch(word, keys)).toBe(want));
});
