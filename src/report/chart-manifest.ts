import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';

/** The file, in a language's chart folder, that lists the chart files the last report build wrote there. */
export const CHART_MANIFEST = '.manifest.json';

/**
 * The chart files (names in `folder`) that an earlier report build recorded as its own; none when
 * there is no manifest or it cannot be read (then nothing is ever deleted).
 */
export function readChartManifest(folder: string): string[] {
  const file = join(folder, CHART_MANIFEST);
  if (!existsSync(file)) return [];
  try {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { charts?: unknown };
    return Array.isArray(doc.charts) ? doc.charts.filter((c): c is string => typeof c === 'string' && !c.includes('/') && !c.includes('\\') && c.endsWith('.svg')) : [];
  } catch {
    return [];
  }
}

/** Records the chart files a report build wrote into `folder` (names, sorted). */
export function writeChartManifest(folder: string, charts: readonly string[]): void {
  writeFileAtomic(join(folder, CHART_MANIFEST), JSON.stringify({ writtenBy: 'schedbench report', charts: [...charts].sort() }, null, 2) + '\n');
}

/**
 * Deletes the chart files an earlier build recorded in `folder`'s manifest that are not in `keep`
 * (a scenario dropped by a merge, a chart the data no longer calls for). Files the manifest does
 * not name, such as a user's own SVG, are never touched.
 */
export function removeRecordedCharts(folder: string, keep: ReadonlySet<string>): void {
  for (const name of readChartManifest(folder)) if (!keep.has(name)) rmSync(join(folder, name), { force: true });
}
