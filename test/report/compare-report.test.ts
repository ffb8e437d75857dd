import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildComparison, changeCell } from '../../src/report/compare-report.js';
import { FIGURES } from '../../src/report/headline.js';
import { en } from '../../src/report/i18n/en.js';
import { spread } from '../../src/report/stats.js';
import { fixtureCopy, FIXTURE_TUNED } from './support.js';

let out: string;
let files: string[];
beforeAll(async () => {
  const a = fixtureCopy();
  const b = fixtureCopy(FIXTURE_TUNED);
  out = `${b}-vs-a`;
  ({ files } = await buildComparison(a, b, out, { lang: 'en' }));
});

const stat = (values: number[], censored = 0) => ({ spread: spread(values), censored, trials: values.length });
const convergence = FIGURES.find((f) => f.key === 'convergence')!;
const jain = FIGURES.find((f) => f.key === 'jain')!;

describe('changeCell', () => {
  it.each([
    { name: 'a large drop of a lower-is-better figure is better', def: convergence, a: [100], b: [50], text: '100 s → 50 s (−50%, better)', mark: 'better' },
    { name: 'a large rise of a lower-is-better figure is worse', def: convergence, a: [50], b: [100], text: '50 s → 100 s (+100%, worse)', mark: 'worse' },
    { name: 'a large rise of a higher-is-better figure is better', def: jain, a: [0.5], b: [0.9], text: '0.5 → 0.9 (+80%, better)', mark: 'better' },
    { name: 'a small change is shown, not highlighted', def: convergence, a: [100], b: [105], text: '100 s → 105 s (+5%)', mark: undefined },
    { name: 'no change', def: convergence, a: [7], b: [7], text: '7 s → 7 s', mark: undefined },
  ])('$name', ({ def, a, b, text, mark }) => {
    const cell = changeCell(en, def, stat(a), stat(b));
    expect(cell.inlines.join('')).toBe(text);
    expect(cell.mark).toBe(mark);
  });

  it('keeps a censored value a lower bound', () => {
    expect(changeCell(en, convergence, stat([165], 1), stat([52.5])).inlines.join('')).toBe('≥ 165 s → 52.5 s (−68.2%, better)');
  });
});

describe('buildComparison', () => {
  it('writes comparison.md, comparison.html and its charts', () => {
    expect(files.map((f) => f.slice(out.length + 1))).toEqual([
      'charts/node-crash--compare-convergence.svg',
      'charts/node-crash--compare-sched-p50-s.svg',
      'comparison.md',
      'comparison.html',
    ]);
    for (const f of files) expect(existsSync(f)).toBe(true);
  });

  it('highlights the difference between the runs and names what only one run has', () => {
    const md = readFileSync(join(out, 'comparison.md'), 'utf8');
    expect(md).toContain('| kubernetes | 100% → 100% | 0.02 s → 0.02 s |');
    expect(md).toContain('**≥ 165 s → 52.5 s (−68.2%, better)**');
    expect(md).toContain('fair-share: only in run A');
    const html = readFileSync(join(out, 'comparison.html'), 'utf8');
    expect(html).toContain('<td class="num better">≥ 165 s → 52.5 s (−68.2%, better)</td>');
  });
});
