import { describe, expect, it } from 'vitest';
import { durationHint, quantityHint } from '../../src/workload/value-hints.js';

describe('durationHint', () => {
  const cases: { name: string; value: string | number; hint: string | undefined }[] = [
    { name: 'spelled-out unit', value: '10 minutes', hint: '10m' },
    { name: 'sec', value: '5sec', hint: '5s' },
    { name: 'space between parts', value: '1h 30m', hint: '1h30m' },
    { name: 'bare number in a string', value: '60', hint: '60s' },
    { name: 'bare number', value: 60, hint: '60s' },
    { name: 'negative: no hint', value: '-5s', hint: undefined },
    { name: 'words: no hint', value: 'soon', hint: undefined },
    { name: 'unknown unit: no hint', value: '5 fortnights', hint: undefined },
  ];
  it.each(cases)('$name', ({ value, hint }) => expect(durationHint(value)).toBe(hint));
});

describe('quantityHint', () => {
  const cases: { name: string; value: string | number; hint: string | undefined }[] = [
    { name: 'Gb', value: '4Gb', hint: '4Gi' },
    { name: 'MB', value: '512MB', hint: '512Mi' },
    { name: 'cores', value: '2 cores', hint: '2' },
    { name: 'garbage', value: 'lots', hint: undefined },
    { name: 'number', value: 5, hint: undefined },
  ];
  it.each(cases)('$name', ({ value, hint }) => expect(quantityHint(value)).toBe(hint));
});
