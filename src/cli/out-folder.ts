import { existsSync, mkdirSync, readdirSync, realpathSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { chartManifestPath, readChartManifest } from '../report/chart-manifest.js';
import { chartDir } from '../report/build-report.js';
import { langSuffix, type ReportLang } from '../report/i18n/messages.js';
import { CHECKPOINT, OPTIONAL_RESULT_FILES, RESULT_FILES } from '../report/results-folder.js';
import { InputError } from './exit-codes.js';
import { LOCK_FILE } from './folder-lock.js';

/** Pseudo file systems no results folder may be in: writes there never land in a file (or never end). /dev is a file check's business (/dev/shm is a real tmpfs). */
const PSEUDO_ROOTS = ['/proc', '/sys'];

/** The nearest existing ancestor of `path` (itself if it exists). */
function existingAncestor(path: string): string {
  let p = path;
  while (!existsSync(p) && dirname(p) !== p) p = dirname(p);
  return p;
}

function underPseudoRoot(path: string): string | undefined {
  let real = path;
  try {
    real = join(realpathSync(existingAncestor(path)), path.slice(existingAncestor(path).length));
  } catch {
    // an unreadable ancestor: the probe below says why
  }
  return PSEUDO_ROOTS.find((root) => real === root || real.startsWith(`${root}/`));
}

/**
 * Checks, before any trial runs, that results can be written to `dir` (`flag` names the option in
 * messages): creates the folder, writes a probe file, renames it and deletes it. A path that is a
 * file, lies under a file or a pseudo file system (/proc, /sys), or cannot be written is bad
 * input (exit 2) with the reason.
 */
export function checkWritableFolder(dir: string, flag: string): void {
  const path = resolve(dir);
  const pseudo = underPseudoRoot(path);
  if (pseudo) throw new InputError([`${flag} ${dir}: ${pseudo} is not a place for results (a pseudo file system); choose a folder on disk`]);
  if (existsSync(path) && !statSync(path).isDirectory()) throw new InputError([`${flag} ${dir}: is a file, not a folder; choose a folder (new or empty)`]);
  const ancestor = existingAncestor(path);
  if (ancestor !== path && !statSync(ancestor).isDirectory())
    throw new InputError([`${flag} ${dir}: ${ancestor} is a file, so no folder can be made under it`]);
  const probe = join(path, `.schedbench-probe-${process.pid}`);
  try {
    mkdirSync(path, { recursive: true });
    writeFileSync(probe, 'probe\n');
    renameSync(probe, `${probe}.renamed`);
    rmSync(`${probe}.renamed`);
  } catch (err) {
    rmSync(probe, { force: true });
    const e = err as NodeJS.ErrnoException;
    throw new InputError([`${flag} ${dir}: cannot write results there (${e.code ?? 'error'}: ${e.message})`]);
  }
}

/** Report files of every language (report.md, report.zh-CN.html …). */
function reportFiles(): string[] {
  return (['en', 'zh-CN'] as ReportLang[]).flatMap((l) => [`report${langSuffix(l)}.md`, `report${langSuffix(l)}.html`]);
}

/** Entries of `dir` other than this tool's lock file. */
export function folderEntries(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f !== LOCK_FILE) : [];
}

/**
 * Deletes from `dir` only what this tool writes into a results folder: the results files, the
 * checkpoint, the reports, and the chart files a report build recorded in its manifest (then the
 * manifest, and chart folders left empty). Anything else stays. Returns the files deleted.
 */
export function removeToolFiles(dir: string): string[] {
  const removed: string[] = [];
  const drop = (path: string): void => {
    if (existsSync(path) && statSync(path).isFile()) {
      rmSync(path);
      removed.push(path);
    }
  };
  for (const f of [...RESULT_FILES, ...OPTIONAL_RESULT_FILES, CHECKPOINT, ...reportFiles()]) drop(join(dir, f));
  for (const lang of ['zh-CN', 'en'] as ReportLang[]) {
    const charts = join(dir, chartDir(lang));
    const manifest = chartManifestPath(dir, lang);
    for (const name of readChartManifest(manifest)) drop(join(charts, name));
    drop(manifest);
    if (existsSync(charts) && readdirSync(charts).length === 0) rmdirSync(charts);
  }
  return removed;
}

/**
 * Makes `dir` ready for a new run: an empty (or new) folder is used as it is; a folder with files
 * is refused (exit 2) unless `force`, which deletes only this tool's files (see {@link removeToolFiles}).
 */
export function claimForNewRun(dir: string, force: boolean, warn: (line: string) => void, command = 'run'): void {
  const entries = folderEntries(dir);
  if (entries.length === 0) return;
  if (!force) {
    const shown = entries.slice(0, 5).join(', ') + (entries.length > 5 ? ', …' : '');
    throw new InputError([
      `--out ${dir}: the folder is not empty (${shown}); nothing was written`,
      ...(command === 'run' ? [`  to continue an interrupted run there: schedbench run --resume ${dir}`] : []),
      `  to replace the results schedbench wrote there (other files are kept): add --force`,
      `  or choose a new folder`,
    ]);
  }
  const removed = removeToolFiles(dir);
  const left = folderEntries(dir);
  warn(
    `--force: removed ${removed.length} file(s) schedbench had written in ${dir}${left.length ? `; kept ${left.length} other entr${left.length === 1 ? 'y' : 'ies'} (${left.slice(0, 5).join(', ')})` : ''}`,
  );
}
