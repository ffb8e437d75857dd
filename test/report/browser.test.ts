/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/build-report.js';
import { readResults } from '../../src/report/read-results.js';
import { fixtureCopy } from './support.js';

/**
 * Opens the report in a real browser: Debian's chromium package, driven by playwright-core.
 * Where chromium is not installed the tests are reported as skipped with the reason, never as
 * passed (`.ci/run` installs it with apt-get). Screenshots go to $SCHEDBENCH_SCREENSHOTS or a
 * temporary folder, and their paths are printed.
 */
const CHROMIUM = process.env.SCHEDBENCH_CHROMIUM ?? '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const SKIP_REASON = `chromium not found at ${CHROMIUM} (apt-get install -y chromium, or set SCHEDBENCH_CHROMIUM)`;

/** Flags for a quiet, sandbox-free headless run that never reaches the network by itself. */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let dir: string;
let shots: string;
let browser: BrowserContext | undefined;
let profile: string | undefined;
beforeAll(async () => {
  if (!HAVE_CHROMIUM) return;
  dir = fixtureCopy();
  await buildReport(dir, { lang: 'en' });
  await buildReport(dir, { lang: 'zh-CN' });
  shots = process.env.SCHEDBENCH_SCREENSHOTS ?? mkdtempSync(join(tmpdir(), 'schedbench-screenshots-'));
  mkdirSync(shots, { recursive: true });
  // A fresh profile folder per run: nothing from an earlier run (cache, settings) can leak in.
  profile = mkdtempSync(join(tmpdir(), 'schedbench-chromium-'));
  browser = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('report.html in headless chromium', () => {
  // it.for (not it.each) hands the test context over, so a missing browser can skip with its reason.
  it.for([
    { name: 'English', page: 'report.html', shot: 'report.en.png', charts: 'charts' },
    { name: 'Chinese', page: 'report.zh-CN.html', shot: 'report.zh-CN.png', charts: 'charts/zh-CN' },
  ])('$name: every chart is visible, the console is clean, a screenshot is saved', async ({ page: file, shot, charts: chartDir }, ctx) => {
    if (!HAVE_CHROMIUM) {
      ctx.skip(SKIP_REASON);
      return;
    }
    const page = await (browser as BrowserContext).newPage();
    try {
      const problems: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`${msg.type()}: ${msg.text()}`);
      });
      page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
      // Any request that is not the file itself would mean the page is not self-contained.
      const requests: string[] = [];
      page.on('request', (req) => requests.push(req.url()));
      const url = pathToFileURL(join(dir, file)).href;
      await page.goto(url, { waitUntil: 'load' });

      const charts = page.locator('figure.chart svg');
      const n = await charts.count();
      // Every chart file the build wrote for this language is on the page.
      const written = readdirSync(join(dir, chartDir)).filter((f) => f.endsWith('.svg')).length;
      expect(written).toBeGreaterThanOrEqual(10);
      expect(n).toBe(written);
      for (let i = 0; i < n; i++) {
        const chart = charts.nth(i);
        await chart.scrollIntoViewIfNeeded();
        await expect.poll(() => chart.isVisible()).toBe(true);
        const box = await chart.boundingBox();
        expect(box?.width, `chart ${i}`).toBeGreaterThan(200);
        expect(box?.height, `chart ${i}`).toBeGreaterThan(100);
      }
      expect(problems).toEqual([]);
      expect(requests).toEqual([url]);

      expect(await overlappingTickLabels(page)).toEqual([]);
      expect(await chartsWithoutMarksInPlot(page)).toEqual([]);
      expect(await tablesWiderThanColumn(page)).toEqual([]);
      expect(await timeAxesPastHorizon(page, horizons(dir))).toEqual([]);

      const path = join(shots, shot);
      await page.screenshot({ path, fullPage: true });
      // Also one figure alone, at slide size, for a look at the chart itself.
      await page
        .locator('figure.chart')
        .first()
        .screenshot({ path: join(shots, shot.replace('.png', '.figure-1.png')) });
      expect(existsSync(path)).toBe(true);
      process.stdout.write(`screenshot: ${path}\n`);
    } finally {
      await page.close();
    }
  });
});

/** The horizon of each scenario of the folder (its longest normal trial), for the time-axis check. */
function horizons(folder: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of readResults(folder).runs) if (r.status === 'ok') out[r.scenario] = Math.max(out[r.scenario] ?? 0, r.simulatedS);
  return out;
}

/** Tick labels of one axis whose boxes overlap, as "figure: a / b". */
function overlappingTickLabels(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const fig of document.querySelectorAll('figure.chart')) {
      for (const axis of fig.querySelectorAll('.role-axis')) {
        const labels = [...axis.querySelectorAll('.role-axis-label text')]
          .map((t) => ({ text: t.textContent ?? '', box: t.getBoundingClientRect() }))
          .filter((l) => l.box.width > 0);
        for (let i = 0; i < labels.length; i++) {
          for (let j = i + 1; j < labels.length; j++) {
            const a = labels[i] as (typeof labels)[number];
            const b = labels[j] as (typeof labels)[number];
            const overlap =
              Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left) > 0.5 &&
              Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top) > 0.5;
            if (overlap) out.push(`${fig.id}: ${a.text} / ${b.text}`);
          }
        }
      }
    }
    return out;
  });
}

/**
 * Charts with no data mark inside their plot area (the rectangle spanned by the axis domain lines),
 * or with a data mark drawn wholly outside it without a clip.
 */
function chartsWithoutMarksInPlot(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const fig of document.querySelectorAll('figure.chart')) {
      const domains = [...fig.querySelectorAll('.role-axis-domain line')].map((l) => l.getBoundingClientRect());
      if (domains.length === 0) {
        out.push(`${fig.id}: no axes`);
        continue;
      }
      const plot = {
        left: Math.min(...domains.map((d) => d.left)) - 2,
        right: Math.max(...domains.map((d) => d.right)) + 2,
        top: Math.min(...domains.map((d) => d.top)) - 2,
        bottom: Math.max(...domains.map((d) => d.bottom)) + 2,
      };
      const marks = [...fig.querySelectorAll('.role-mark > path, .role-mark > line')].filter(
        (e) => e.getAttribute('aria-label') !== null || e.closest('[clip-path]') !== null,
      );
      const inside = (b: DOMRect): boolean => b.right >= plot.left && b.left <= plot.right && b.bottom >= plot.top && b.top <= plot.bottom;
      const boxes = marks.map((e) => ({ e, b: e.getBoundingClientRect() }));
      if (!boxes.some(({ b }) => inside(b) && (b.width > 0 || b.height > 0))) out.push(`${fig.id}: no data mark in the plot area`);
      for (const { e, b } of boxes)
        if (!inside(b) && e.closest('[clip-path]') === null) out.push(`${fig.id}: a mark outside the plot area (${e.getAttribute('aria-label') ?? ''})`);
    }
    return out;
  });
}

/** Tables wider than the text column they sit in. */
function tablesWiderThanColumn(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.table-wrap')].flatMap((wrap, i) => {
      const column = document.body.getBoundingClientRect().width;
      const width = Math.max(...[...wrap.querySelectorAll('table')].map((t) => t.getBoundingClientRect().width));
      return width > wrap.clientWidth + 1 || width > column || wrap.scrollWidth > wrap.clientWidth + 1
        ? [`table ${wrap.id || i}: ${Math.round(width)} px in ${wrap.clientWidth} px`]
        : [];
    }),
  );
}

/**
 * Time charts (x axis over simulated time) whose x domain ends after the scenario's horizon. Vega
 * writes each axis' domain into its aria-label ("… with values from 0 to 150").
 */
async function timeAxesPastHorizon(page: Page, horizon: Readonly<Record<string, number>>): Promise<string[]> {
  const axes = await page.evaluate(() =>
    [...document.querySelectorAll('figure.chart')].flatMap((fig) =>
      [...fig.querySelectorAll('[aria-roledescription="axis"]')]
        .map((a) => ({ id: fig.id, label: a.getAttribute('aria-label') ?? '' }))
        .filter((a) => a.label.startsWith('X-axis')),
    ),
  );
  const out: string[] = [];
  let timeAxes = 0;
  for (const { id, label } of axes) {
    if (!/titled '(time \(s\)|时间（秒）)'/.test(label)) continue;
    timeAxes++;
    const scenario = Object.keys(horizon)
      .filter((s) => id.startsWith(`fig-${s}-`))
      .sort((a, b) => b.length - a.length)[0];
    const end = Number(/values from \S+ to (\S+)/.exec(label)?.[1]);
    if (scenario === undefined || !Number.isFinite(end)) out.push(`${id}: cannot read the domain (${label})`);
    else if (end > (horizon[scenario] as number) + 1e-9) out.push(`${id}: x ends at ${end}, horizon ${horizon[scenario] as number}`);
  }
  if (timeAxes === 0) out.push('no time axis found: the check would be vacuous');
  return out;
}

/** A Latin-only font folder: the fontconfig of the no-CJK-font check lists only this one. */
const LATIN_FONTS = '/usr/share/fonts/truetype/dejavu';

describe('report.zh-CN.html on a machine without a CJK font', () => {
  it('draws every Chinese character with the embedded font, none as a box', async (ctx) => {
    if (!HAVE_CHROMIUM || !existsSync(LATIN_FONTS)) {
      ctx.skip(HAVE_CHROMIUM ? `no Latin font folder at ${LATIN_FONTS}` : SKIP_REASON);
      return;
    }
    // A fontconfig that knows only DejaVu: what a fresh machine or a lecture-hall PC may have.
    const conf = mkdtempSync(join(tmpdir(), 'schedbench-fontconfig-'));
    const profileDir = mkdtempSync(join(tmpdir(), 'schedbench-chromium-'));
    writeFileSync(
      join(conf, 'fonts.conf'),
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${LATIN_FONTS}</dir>\n  <cachedir>${join(conf, 'cache')}</cachedir>\n</fontconfig>\n`,
    );
    const latinOnly = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: FLAGS,
      env: { ...process.env, FONTCONFIG_FILE: join(conf, 'fonts.conf') },
      viewport: { width: 1280, height: 900 },
    });
    try {
      const page = await latinOnly.newPage();
      await page.goto(pathToFileURL(join(dir, 'report.zh-CN.html')).href, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready);
      const cdp = await latinOnly.newCDPSession(page);
      await cdp.send('DOM.enable');
      await cdp.send('CSS.enable');
      const root = (await cdp.send('DOM.getDocument')).root.nodeId;
      // Headings, a figure title, a table header and a chart's axis title: all-Chinese text must be drawn by the embedded font only.
      for (const selector of ['h1', 'h2', 'p.fig-title', 'th', 'figure.chart svg .role-axis-title text']) {
        const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root, selector });
        expect(nodeId, selector).toBeGreaterThan(0);
        const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
        const text = (await page.locator(selector).first().textContent()) ?? '';
        const cjk = [...text].filter((ch) => (ch.codePointAt(0) ?? 0) >= 0x2e80).length;
        expect(cjk, `${selector} has Chinese text`).toBeGreaterThan(0);
        const custom = fonts.filter((f) => f.isCustomFont).reduce((n, f) => n + f.glyphCount, 0);
        expect(custom, `${selector}: ${JSON.stringify(fonts)}`).toBeGreaterThanOrEqual(cjk);
      }
      await page.screenshot({ path: join(shots, 'report.zh-CN.no-cjk-font.png') });
      process.stdout.write(`screenshot: ${join(shots, 'report.zh-CN.no-cjk-font.png')}\n`);
    } finally {
      await latinOnly.close();
      rmSync(profileDir, { recursive: true, force: true });
      rmSync(conf, { recursive: true, force: true });
    }
  });
});
