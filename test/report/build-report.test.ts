import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport, composeReport } from '../../src/report/build-report.js';
import { readResults } from '../../src/report/read-results.js';
import { renderHtml } from '../../src/report/render-html.js';
import { renderMarkdown } from '../../src/report/render-markdown.js';
import { count, FIXTURE_CLI, fixtureCopy, xmlProblem } from './support.js';

let dir: string;
let en: { files: string[] };
let zh: { files: string[] };
const read = (file: string): string => readFileSync(join(dir, file), 'utf8');

beforeAll(async () => {
  dir = fixtureCopy();
  en = await buildReport(dir, { lang: 'en' });
  zh = await buildReport(dir, { lang: 'zh-CN' });
});

describe('buildReport', () => {
  it('writes report.md, report.html and the charts, English and Chinese side by side', () => {
    const rel = (files: string[]): string[] => files.map((f) => relative(dir, f));
    expect(rel(en.files)).toEqual(expect.arrayContaining(['report.md', 'report.html', 'charts/node-crash--replicas.svg']));
    expect(rel(zh.files)).toEqual(expect.arrayContaining(['report.zh-CN.md', 'report.zh-CN.html', 'charts/zh-CN/node-crash--replicas.svg']));
    for (const f of [...en.files, ...zh.files]) expect(existsSync(f), f).toBe(true);
    // Same charts in both languages, each in its own folder.
    const svgs = (files: string[]): string[] => files.filter((f) => f.endsWith('.svg')).map((f) => f.split('/').pop() as string);
    expect(svgs(zh.files)).toEqual(svgs(en.files));
  });

  it('gives the Chinese chart files, opened on their own, the CJK font subset they use; English charts need none', () => {
    const css = read('charts/zh-CN/cjk-font.css');
    expect(css).toContain('@font-face');
    expect(css).toContain('SIL Open Font License');
    const zhSvgs = zh.files.filter((f) => f.endsWith('.svg'));
    expect(zhSvgs.length).toBeGreaterThan(0);
    for (const f of zhSvgs) expect(readFileSync(f, 'utf8').startsWith('<?xml-stylesheet href="cjk-font.css" type="text/css"?>\n<svg'), f).toBe(true);
    expect(JSON.parse(read('charts/.manifest.zh-CN.json')).charts).toContain('cjk-font.css');
    expect(existsSync(join(dir, 'charts/cjk-font.css'))).toBe(false);
    for (const f of en.files.filter((x) => x.endsWith('.svg'))) expect(readFileSync(f, 'utf8').startsWith('<svg'), f).toBe(true);
  });

  it('matches the snapshot of report.md', async () => {
    await expect(read('report.md')).toMatchFileSnapshot('./__snapshots__/report.en.md');
    await expect(read('report.zh-CN.md')).toMatchFileSnapshot('./__snapshots__/report.zh-CN.md');
  });

  it('is byte-identical when rebuilt from the same folder, whatever was rendered before', async () => {
    // Rendered after the Chinese charts in this process: chart ids must not depend on that.
    const again = await composeReport(readResults(dir), 'en');
    expect(renderMarkdown(again.doc)).toBe(read('report.md'));
    expect(renderHtml(again.doc)).toBe(read('report.html'));
    expect([...again.charts.keys()].sort()).toEqual(
      readdirSync(join(dir, 'charts'))
        .filter((f) => f.endsWith('.svg'))
        .map((f) => `charts/${f}`)
        .sort(),
    );
    for (const [file, svg] of again.charts) expect(svg, file).toBe(read(file));
  });

  it('writes a self-contained html page (no script, no external resource)', () => {
    for (const page of ['report.html', 'report.zh-CN.html']) {
      const html = read(page);
      expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(http/i);
      // Every href/src is an in-page anchor; xmlns attributes name namespaces, they load nothing.
      const refs = [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => m[1]);
      expect(refs.filter((r) => !r?.startsWith('#'))).toEqual([]);
      expect(count(html, '<svg ')).toBe(count(read('report.md'), '![Figure'));
    }
  });

  it('shows a censored convergence as a lower bound, never drops it', () => {
    expect(read('report.md')).toContain('≥ 165 s (censored in 1 of 2)');
    expect(read('report.zh-CN.md')).toContain('≥ 165 秒（2 次中 1 次截尾）');
  });

  it('writes the closing evidence from the numbers, linked to the charts', () => {
    const md = read('report.md');
    // One column per engine that ran (the oracle is the reference, not a column); short sentences with a link.
    expect(md).toMatch(/^\| Aspect \| Kubernetes \| Mesos \|$/m);
    expect(md).toContain('convergence after a fault 165 s in node-crash, not settled in 1 of 1 ([chart](#fig-node-crash-convergence)).');
    expect(md).toContain('Jain’s index of tenant shares 0.72 in fair-share ([chart](#fig-fair-share-share)).');
    const closing = md.slice(md.indexOf('## The course’s comparison'));
    for (const row of closing.split('\n').filter((l) => l.startsWith('| **'))) {
      for (const cell of row.split(' | ').slice(1)) expect(cell.split(/[.。] /).length, cell).toBeLessThanOrEqual(4);
    }
    // Every in-page link has its anchor.
    const targets = [...md.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1] as string);
    expect(targets.length).toBeGreaterThan(5);
    for (const t of targets) expect(md, t).toContain(`<a id="${t}"></a>`);
  });

  it('reports failed trials and leaves them out of the means', () => {
    expect(read('report.md')).toContain('1 of 6 trials did not finish normally (failed)');
    expect(read('report.md')).toMatch(/\| kubernetes \| 1 of 2 finished \|/);
  });

  it.each([
    {
      name: 'services get desired vs running, no shares',
      scenario: 'node-crash',
      has: ['replicas', 'convergence', 'cdf-scheduling', 'utilization', 'locked'],
      not: ['share', 'cdf-job-wait'],
    },
    {
      name: 'two tenants get shares, no desired vs running',
      scenario: 'fair-share',
      has: ['share', 'cdf-job-wait', 'cdf-scheduling', 'utilization', 'locked'],
      not: ['replicas', 'convergence'],
    },
    {
      name: 'a sweep gets figures against the swept value only',
      scenario: 'ping-sweep',
      has: ['sweep-convergence', 'sweep-sched-p99-s'],
      not: ['replicas', 'utilization', 'cdf-scheduling'],
    },
  ])('chooses charts by the data: $name', ({ scenario, has, not }) => {
    const kinds = en.files
      .map((f) => relative(join(dir, 'charts'), f))
      .filter((f) => f.startsWith(`${scenario}--`))
      .map((f) => f.slice(scenario.length + 2, -'.svg'.length));
    expect(kinds).toEqual(expect.arrayContaining(has));
    for (const k of not) expect(kinds).not.toContain(k);
  });
});

const LINE = 'class="mark-line role-mark';
const POINT = 'aria-roledescription="point"';
const RULE = 'aria-roledescription="rule mark"';

/**
 * The fixture has three engines (oracle, kubernetes, mesos) and two seeds; each row says what its
 * chart must draw. Vega draws one line mark group per series of a line mark.
 */
const CHARTS = [
  { file: 'node-crash--replicas.svg', lines: 4, titles: ['time (s)', 'service instances'], legend: ['desired (declared)', 'oracle', 'kubernetes', 'mesos'] },
  { file: 'node-crash--convergence.svg', points: 9, titles: ['perturbation', 'time to converge (s)'], legend: ['oracle', 'kubernetes', 'mesos'] },
  {
    file: 'node-crash--cdf-scheduling.svg',
    lines: 3,
    points: 9,
    titles: ['Scheduling latency (s)', 'fraction of tasks'],
    legend: ['oracle', 'kubernetes', 'mesos'],
  },
  { file: 'node-crash--utilization.svg', lines: 3, titles: ['time (s)', 'CPU allocated (share of cluster)'], legend: ['oracle', 'kubernetes', 'mesos'] },
  { file: 'node-crash--locked.svg', lines: 1, titles: ['time (s)', 'CPU locked (share of cluster)'], legend: ['mesos'] },
  // Three panels (one per engine; kubernetes from its one ok seed) × two tenants.
  { file: 'fair-share--share.svg', lines: 6, titles: ['time (s)', 'dominant share'], legend: ['analytics', 'ml'] },
  { file: 'fair-share--cdf-job-wait.svg', lines: 3, points: 9, titles: ['Job wait (s)', 'fraction of tasks'], legend: ['oracle', 'kubernetes', 'mesos'] },
  {
    file: 'ping-sweep--sweep-convergence.svg',
    lines: 3,
    points: 9,
    titles: ['failure timeout', 'Slowest convergence (s)'],
    legend: ['oracle', 'kubernetes', 'mesos'],
  },
  {
    file: 'ping-sweep--sweep-sched-p99-s.svg',
    lines: 3,
    points: 9,
    titles: ['failure timeout', 'Scheduling latency p99 (s)'],
    legend: ['oracle', 'kubernetes', 'mesos'],
  },
];

describe('chart files', () => {
  it.each(CHARTS)('$file is valid SVG with its marks, axis titles and legend', ({ file, lines, points, titles, legend }) => {
    const svg = read(`charts/${file}`);
    expect(xmlProblem(svg)).toBeUndefined();
    expect(svg).toMatch(/^<svg [^>]*width="\d+" height="\d+" viewBox="0 0 \d+ \d+"/);
    expect(svg).not.toContain('NaN');
    expect(count(svg, LINE)).toBe(lines ?? 0);
    if (points !== undefined) expect(count(svg, POINT)).toBe(points);
    for (const t of titles) expect(svg).toContain(`>${t}</text>`);
    for (const l of legend) expect(svg).toContain(`>${l}</text>`);
  });

  it('draws every engine in its own colour and dash', () => {
    const svg = read('charts/node-crash--utilization.svg');
    expect(svg).toContain('stroke="#000000"');
    expect(svg).toContain('stroke="#0072B2"');
    expect(svg).toContain('stroke="#D55E00"');
    expect(svg).toContain('stroke-dasharray="2,3"');
    expect(svg).toContain('stroke-dasharray="8,4"');
  });

  it('draws min–max bars in the convergence chart and hollow markers for censored windows', () => {
    const svg = read('charts/node-crash--convergence.svg');
    expect(count(svg, RULE)).toBeGreaterThanOrEqual(9);
    const marker = (label: string): string => svg.match(new RegExp(`<path aria-label="perturbation: ${label}[^"]*engine: kubernetes"[^>]*>`))?.[0] ?? '';
    // kubernetes after the crash: censored in one seed, so its marker is an outline without fill.
    expect(marker('#2 node crash')).toContain('stroke="#0072B2"');
    expect(marker('#2 node crash')).not.toContain('fill=');
    expect(marker('#1 deployment')).toContain('fill="#0072B2"');
  });
});

describe('buildReport on a folder written by the real CLI', () => {
  it('builds every chart the data calls for, as valid SVG', async () => {
    const cli = fixtureCopy(FIXTURE_CLI);
    const { files } = await buildReport(cli, { lang: 'en' });
    const charts = files.filter((f) => f.endsWith('.svg')).map((f) => relative(join(cli, 'charts'), f));
    expect(charts).toEqual([
      'mixed-small--replicas.svg',
      'mixed-small--replicas-zoom.svg',
      'mixed-small--convergence.svg',
      'mixed-small--cdf-scheduling.svg',
      'mixed-small--cdf-job-wait.svg',
      'mixed-small--share.svg',
      'mixed-small--utilization.svg',
    ]);
    for (const f of files.filter((x) => x.endsWith('.svg'))) {
      const svg = readFileSync(f, 'utf8');
      expect(xmlProblem(svg), f).toBeUndefined();
      expect(svg, f).not.toContain('NaN');
    }
    const md = readFileSync(join(cli, 'report.md'), 'utf8');
    expect(md).toContain('## Small mixed cluster (fixture)');
    expect(md).toMatch(/\| #2 crash 2 nodes? .*\| 40 s \|/);
  });
});

describe('buildReport over an earlier build', () => {
  it('removes chart files an earlier build recorded and the new build does not write, and nothing else', async () => {
    const folder = fixtureCopy(FIXTURE_CLI);
    mkdirSync(join(folder, 'charts', 'zh-CN'), { recursive: true });
    writeFileSync(join(folder, 'charts', 'gone--replicas.svg'), '<svg/>');
    writeFileSync(join(folder, 'charts', '.manifest.json'), JSON.stringify({ charts: ['gone--replicas.svg'] }));
    writeFileSync(join(folder, 'charts', 'mine.svg'), '<svg/>');
    writeFileSync(join(folder, 'charts', 'notes.txt'), 'kept');
    writeFileSync(join(folder, 'charts', 'zh-CN', 'gone--replicas.svg'), '<svg/>');
    await buildReport(folder, { lang: 'en' });
    expect(existsSync(join(folder, 'charts', 'gone--replicas.svg'))).toBe(false);
    // A chart file no build recorded is the user's: kept.
    expect(existsSync(join(folder, 'charts', 'mine.svg'))).toBe(true);
    expect(existsSync(join(folder, 'charts', 'notes.txt'))).toBe(true);
    // The other language's charts are left to that language's build.
    expect(existsSync(join(folder, 'charts', 'zh-CN', 'gone--replicas.svg'))).toBe(true);
  });
});
