import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../../src/report/build-report.js';
import { buildComparison } from '../../../src/report/compare-report.js';
import { en } from '../../../src/report/i18n/en.js';
import { zhCN } from '../../../src/report/i18n/zh-CN.js';
import { readResults } from '../../../src/report/read-results.js';
import { fixtureCopy, FIXTURE_TUNED } from '../support.js';

/** Catalogue entries that are the same in both languages on purpose (names, symbols). */
const SAME_ON_PURPOSE = new Set(['colMesos', 'colKubernetes', 'noData', 'colSweepValue', 'evPart', 'percent', 'claimHolds', 'claimFails', 'claimNotEvaluated']);

/**
 * Latin words allowed in Chinese text: product and algorithm names, units and file formats that
 * Chinese technical writing keeps in Latin letters.
 */
const ALLOWED_LATIN = new Set([
  'oracle',
  'kubernetes',
  'mesos',
  'Mesos',
  'Kubernetes',
  'Marathon',
  'DRF',
  'Pod',
  'CPU',
  'Jain',
  'SVG',
  'CSV',
  'Git',
  'Node',
  'js',
  'schedbench',
  'charts',
  'timeseries',
  'csv',
  'p50',
  'p90',
  'p99',
]);

/** Every string the results folder itself supplies (scenario texts, names, labels): data, not report text. */
function dataStrings(dir: string): string[] {
  const data = readResults(dir);
  const meta = data.meta;
  const out = [meta.command, meta.gitCommit ?? '', meta.node, meta.tool.version, data.startedAt ?? '', ...meta.engines];
  for (const s of meta.scenarios) out.push(s.name, s.file, s.title, s.description, s.lesson, s.setup, ...s.tags, s.sweep?.parameter ?? '');
  for (const c of data.convergence) out.push(c.label);
  for (const r of data.series) out.push(r.series.split('/')[1] ?? '');
  return out.filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
}

function latinWords(text: string, data: readonly string[]): string[] {
  let t = text;
  for (const d of data) t = t.split(d).join(' ');
  t = t
    .replace(/<a id="[^"]*"><\/a>/g, ' ')
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/`[^`]*`/g, ' ');
  return [...new Set([...t.matchAll(/[A-Za-z][A-Za-z0-9]+/g)].map((m) => m[0]))].filter((w) => !ALLOWED_LATIN.has(w));
}

let dir: string;
beforeAll(async () => {
  dir = fixtureCopy();
  await buildReport(dir, { lang: 'zh-CN' });
});

describe('zh-CN catalogue', () => {
  it('has every entry of the English catalogue, of the same kind', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    for (const k of Object.keys(en) as (keyof typeof en)[]) expect(typeof zhCN[k], k).toBe(typeof en[k]);
  });

  it('translates every text entry', () => {
    for (const k of Object.keys(en) as (keyof typeof en)[]) {
      if (SAME_ON_PURPOSE.has(k)) continue;
      const a = en[k];
      const b = zhCN[k];
      if (typeof a === 'string' && a !== '') expect(b, k).not.toBe(a);
      if (typeof a === 'function') {
        const args = (k === 'list' ? [['a', 'b', 'c']] : [1, 2, 3, 4]) as never[];
        const call = (f: unknown): string => String((f as (...x: never[]) => unknown)(...args));
        expect(call(b), k).not.toBe(call(a));
      }
    }
  });
});

describe('zh-CN report', () => {
  it('has no untranslated words in report.zh-CN.md and report.zh-CN.html (scenario texts aside)', () => {
    const data = dataStrings(dir);
    expect(latinWords(readFileSync(join(dir, 'report.zh-CN.md'), 'utf8'), data)).toEqual([]);
    const html = readFileSync(join(dir, 'report.zh-CN.html'), 'utf8');
    // Visible text only: drop the style sheet, tags and the SVG (checked below from its <text> elements).
    const visible = html
      .replace(/<style>[\s\S]*?<\/style>/, ' ')
      .replace(/<svg[\s\S]*?<\/svg>/g, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&[a-z]+;/g, ' ');
    expect(latinWords(visible, data)).toEqual([]);
  });

  it('would catch English text (the check is not vacuous)', () => {
    // The English report of the same folder, as kept in the snapshot of build-report.test.ts.
    const english = readFileSync(join(import.meta.dirname, '..', '__snapshots__', 'report.en.md'), 'utf8');
    expect(latinWords(english, dataStrings(dir))).toEqual(expect.arrayContaining(['Lesson', 'Setup', 'engine']));
  });

  it('labels the charts in Chinese', () => {
    const data = dataStrings(dir);
    const charts = join(dir, 'charts', 'zh-CN');
    const files = readdirSync(charts).filter((f) => f.endsWith('.svg'));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const svg = readFileSync(join(charts, f), 'utf8');
      const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] as string).join('\n');
      expect(latinWords(texts, data), f).toEqual([]);
      expect(texts, f).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('writes the comparison in Chinese too', async () => {
    const out = fixtureCopy(FIXTURE_TUNED) + '-vs';
    await buildComparison(dir, fixtureCopy(FIXTURE_TUNED), out, { lang: 'zh-CN' });
    const md = readFileSync(join(out, 'comparison.zh-CN.md'), 'utf8');
    expect(latinWords(md, [...dataStrings(dir), ...dataStrings(FIXTURE_TUNED), basename(dir)])).toEqual([]);
  });
});
