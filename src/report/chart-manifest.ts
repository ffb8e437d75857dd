import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';
import { langSuffix, type ReportLang } from './i18n/messages.js';

/**
 * The file that lists the chart files the last report build of a language wrote into its chart
 * folder: charts/.manifest.json (English), charts/.manifest.zh-CN.json (Chinese, whose charts are
 * in charts/zh-CN/). Kept beside, not inside, the language folders, which hold only charts.
 */
export function chartManifestPath(dir: string, lang: ReportLang): string {
  return join(dir, 'charts', `.manifest${langSuffix(lang)}.json`);
}

/**
 * The chart file names (charts, and the font stylesheet of a language's charts) that an earlier
 * report build recorded in `manifest`; none when there is no manifest or it cannot be read (then
 * nothing is ever deleted). Only plain `.svg`/`.css` names inside the folder are ever returned.
 */
export function readChartManifest(manifest: string): string[] {
  if (!existsSync(manifest)) return [];
  try {
    const doc = JSON.parse(readFileSync(manifest, 'utf8')) as { charts?: unknown };
    return Array.isArray(doc.charts)
      ? doc.charts.filter((c): c is string => typeof c === 'string' && !c.includes('/') && !c.includes('\\') && /\.(svg|css)$/.test(c))
      : [];
  } catch {
    return [];
  }
}

/** Records the chart files (names in the language's chart folder) a report build wrote. */
export function writeChartManifest(manifest: string, charts: readonly string[]): void {
  writeFileAtomic(manifest, JSON.stringify({ writtenBy: 'schedbench report', charts: [...charts].sort() }, null, 2) + '\n');
}

/**
 * Deletes from `folder` the chart files an earlier build recorded in `manifest` that are not in
 * `keep` (a scenario dropped by a merge, a chart the data no longer calls for). Files the manifest
 * does not name, such as a user's own SVG, are never touched.
 */
export function removeRecordedCharts(manifest: string, folder: string, keep: ReadonlySet<string>): void {
  for (const name of readChartManifest(manifest)) if (!keep.has(name)) rmSync(join(folder, name), { force: true });
}
