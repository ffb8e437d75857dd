import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildReport } from '../report/build-report.js';
import { describeDifference, inputDifferences } from '../report/compare-inputs.js';
import { buildComparison } from '../report/compare-report.js';
import { messagesFor } from '../report/i18n/messages.js';
import { readResults } from '../report/read-results.js';
import { assertFolder } from '../report/results-folder.js';
import { EXIT, InputError } from './exit-codes.js';
import { assertNotLocked, lockFolder } from './folder-lock.js';
import { checkWritableFolder } from './out-folder.js';

/** Report languages. */
export type Lang = 'en' | 'zh-CN';

function parseLang(text: string | undefined): Lang {
  if (text === undefined || text === 'en') return 'en';
  if (text === 'zh-CN' || text === 'zh') return 'zh-CN';
  throw new InputError([`--lang: "${text}" is not a report language (en, zh-CN)`]);
}

/** Builds the report of a results folder in each language; returns the files written. The caller holds the folder. */
export async function buildReports(dir: string, langs: readonly Lang[]): Promise<string[]> {
  const files: string[] = [];
  const data = readResults(dir);
  for (const lang of langs) files.push(...(await buildReport(dir, { lang }, data)).files);
  return files;
}

const warnLine = (line: string): void => void process.stderr.write(`${line}\n`);

/** Options of `schedbench report`. */
export interface ReportOptions {
  readonly lang?: string;
  readonly compare?: boolean;
  readonly out?: string;
  readonly allowDifferent?: boolean;
}

/**
 * `schedbench report DIR [--lang] [--compare A B --out DIR [--allow-different]]`. A folder a run
 * (or another report) is writing is refused; so is a comparison of runs that got different inputs
 * (scenario texts, seeds), unless `--allow-different`, which states the differences in the comparison.
 */
export async function reportCommand(dirs: readonly string[], opts: ReportOptions): Promise<number> {
  const lang = parseLang(opts.lang);
  if (opts.compare) {
    if (dirs.length !== 2) throw new InputError(['--compare takes exactly two results folders: schedbench report --compare A B']);
    const [a, b] = dirs.map((d) => resolve(d)) as [string, string];
    for (const d of [a, b]) {
      assertFolder(d);
      assertNotLocked(d);
    }
    const differences = inputDifferences(readResults(a), readResults(b));
    if (differences.length > 0 && !opts.allowDifferent) {
      const en = messagesFor('en');
      throw new InputError([
        `--compare: ${dirs[0]} (A) and ${dirs[1]} (B) did not run the same inputs, so their figures are not comparable:`,
        ...differences.map((d) => `  ${describeDifference(en, d)}`),
        '  run both with the same scenario files and seeds, or add --allow-different to compare anyway (the comparison then opens with this warning)',
      ]);
    }
    for (const d of differences) warnLine(`warning: ${describeDifference(messagesFor('en'), d)}`);
    const out = resolve(opts.out ?? `${dirs[1]}-vs-${(dirs[0] as string).split('/').filter(Boolean).pop()}`);
    checkWritableFolder(out, '--out');
    const lock = lockFolder(out, 'schedbench report --compare', warnLine);
    try {
      const { files } = await buildComparison(a, b, out, { lang, differences });
      process.stderr.write(`comparison: ${files.filter((f) => f.endsWith('.html')).join(', ')}\n`);
    } finally {
      lock.release();
    }
    return EXIT.ok;
  }
  const targets = dirs.length > 0 ? dirs : latestResultsFolder();
  for (const given of targets) {
    const dir = resolve(given);
    assertFolder(dir);
    const data = readResults(dir); // a folder that is not a results folder is refused before anything is written
    const lock = lockFolder(dir, 'schedbench report', warnLine);
    try {
      const { files } = await buildReport(dir, { lang }, data);
      process.stderr.write(`report: ${files.filter((f) => f.endsWith('.html')).join(', ')}\n`);
    } finally {
      lock.release();
    }
  }
  return EXIT.ok;
}

/** The newest run folder under results/ (run ids start with a UTC timestamp, so names sort by time). */
function latestResultsFolder(): string[] {
  const root = resolve('results');
  const runs = existsSync(root)
    ? readdirSync(root, { withFileTypes: true })
        .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'meta.json')))
        .map((d) => d.name)
        .sort()
    : [];
  const latest = runs[runs.length - 1];
  if (!latest) throw new InputError(['no results folder found under results/: run `npm run bench` first, or name a folder']);
  return [join(root, latest)];
}
