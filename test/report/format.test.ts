import { describe, expect, it } from 'vitest';
import { fmtNum, fmtSpread, fmtValue } from '../../src/report/format.js';
import { en } from '../../src/report/i18n/en.js';
import { zhCN } from '../../src/report/i18n/zh-CN.js';
import { spread } from '../../src/report/stats.js';

describe('fmtNum', () => {
  it.each([
    { name: 'zero', x: 0, want: '0' },
    { name: 'small keeps two significant digits', x: 0.04234, want: '0.042' },
    { name: 'below ten keeps two decimals', x: 1.456, want: '1.46' },
    { name: 'trailing zeros dropped', x: 2.5, want: '2.5' },
    { name: 'tens keep one decimal', x: 42.46, want: '42.5' },
    { name: 'hundreds are whole', x: 358.4, want: '358' },
    { name: 'negative zero reads as zero', x: -0.0001 * 0, want: '0' },
    { name: 'not finite is empty', x: NaN, want: '' },
  ])('$name', ({ x, want }) => {
    expect(fmtNum(x)).toBe(want);
  });
});

describe('fmtSpread', () => {
  it.each([
    { name: 'mean with range', values: [40, 45], want: '42.5 s (40–45)' },
    { name: 'no range for one seed', values: [12], want: '12 s' },
    { name: 'no range when all seeds agree', values: [3, 3], want: '3 s' },
    { name: 'NaN values are left out', values: [NaN, 5], want: '5 s' },
    { name: 'nothing to show', values: [NaN], want: '—' },
  ])('$name', ({ values, want }) => {
    expect(fmtSpread(en, 'seconds', spread(values))).toBe(want);
  });

  it('writes shares as percent, in both languages', () => {
    expect(fmtValue(en, 'percent', 0.234)).toBe('23.4%');
    expect(fmtSpread(zhCN, 'seconds', spread([1, 2]))).toBe('1.5 秒 (1–2)');
  });
});
