import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildReport } from '../report/build-report.js';
import { buildComparison } from '../report/compare-report.js';
import { EXIT, InputError } from './exit-codes.js';

/** Report languages. */
export type Lang = 'en' | 'zh-CN';

function parseLang(text: string | undefined): Lang {
  if (text === undefined || text === 'en') return 'en';
  if (text === 'zh-CN' || text === 'zh') return 'zh-CN';
  throw new InputError([`--lang: "${text}" is not a report language (en, zh-CN)`]);
}

/** Builds the report of a results folder in each language; returns the files written. */
export async function buildReports(dir: string, langs: readonly Lang[]): Promise<string[]> {
  const files: string[] = [];
  for (const lang of langs) files.push(...(await buildReport(dir, { lang })).files);
  return files;
}

/** `schedbench report DIR [--lang] [--compare A B --out DIR]`. */
export async function reportCommand(dirs: readonly string[], opts: { lang?: string; compare?: boolean; out?: string }): Promise<number> {
  const lang = parseLang(opts.lang);
  if (opts.compare) {
    if (dirs.length !== 2) throw new InputError(['--compare takes exactly two results folders: schedbench report --compare A B']);
    const out = resolve(opts.out ?? `${dirs[1]}-vs-${(dirs[0] as string).split('/').filter(Boolean).pop()}`);
    const { files } = await buildComparison(resolve(dirs[0] as string), resolve(dirs[1] as string), out, { lang });
    process.stderr.write(`comparison: ${files.filter((f) => f.endsWith('.html')).join(', ')}\n`);
    return EXIT.ok;
  }
  const targets = dirs.length > 0 ? dirs : latestResultsFolder();
  for (const dir of targets) {
    const { files } = await buildReport(resolve(dir), { lang });
    process.stderr.write(`report: ${files.filter((f) => f.endsWith('.html')).join(', ')}\n`);
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
