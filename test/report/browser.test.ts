import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/build-report.js';
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
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

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

      const path = join(shots, shot);
      await page.screenshot({ path, fullPage: true });
      // Also one figure alone, at slide size, for a look at the chart itself.
      await page.locator('figure.chart').first().screenshot({ path: join(shots, shot.replace('.png', '.figure-1.png')) });
      expect(existsSync(path)).toBe(true);
      process.stdout.write(`screenshot: ${path}\n`);
    } finally {
      await page.close();
    }
  });
});
