import { resolve } from 'node:path';
import { readMeta, readTrials, writeResultsFolder } from '../report/results-folder.js';
import { type TrialResult } from '../runner/trial-types.js';
import { EXIT, InputError } from './exit-codes.js';
import { assertNotLocked, lockFolder } from './folder-lock.js';
import { checkWritableFolder, claimForNewRun } from './out-folder.js';
import { buildReports } from './report-command.js';

/**
 * `schedbench merge DIR... --out DIR`: combines shard folders into the files an unsharded run
 * writes (trials in plan order, meta without the shard). Refuses folders of different plans, shard
 * folders a run is still writing, and a non-empty --out folder unless `--force`.
 */
export async function mergeCommand(dirs: readonly string[], opts: { out?: string; report?: boolean; force?: boolean }): Promise<number> {
  if (dirs.length === 0) throw new InputError(['name the shard folders to merge']);
  if (!opts.out) throw new InputError(['--out DIR is required: where to write the merged results']);
  const metas = dirs.map((d) => readMeta(resolve(d)));
  for (const d of dirs) assertNotLocked(resolve(d));
  const first = metas[0] as (typeof metas)[number];
  const errors: string[] = [];
  metas.forEach((m, i) => {
    if (m.command !== first.command || m.planned !== first.planned)
      errors.push(`${dirs[i]}: not a shard of the same run as ${dirs[0]} (command or plan differs)`);
  });
  if (errors.length) throw new InputError(errors);
  const byIndex = new Map<number, TrialResult>();
  for (const d of dirs) for (const r of readTrials(resolve(d))) byIndex.set(r.index, r);
  const all = [...byIndex.values()].sort((a, b) => a.index - b.index);
  const out = resolve(opts.out);
  const warn = (line: string): void => void process.stderr.write(`${line}\n`);
  checkWritableFolder(out, '--out');
  const lock = lockFolder(out, 'schedbench merge', warn);
  try {
    claimForNewRun(out, opts.force ?? false, warn, 'merge');
    writeResultsFolder(out, { ...first, shard: null, ...(first.plan ? { plan: { ...first.plan, shard: null } } : {}) }, all, {
      workers: 0,
      startedAt: 'merged',
    });
    process.stderr.write(`merged ${all.length} of ${first.planned} trial(s) from ${dirs.length} folder(s) → ${out}\n`);
    if (all.length < first.planned) process.stderr.write(`warning: ${first.planned - all.length} trial(s) of the plan are missing\n`);
    if (opts.report !== false) await buildReports(out, ['en', 'zh-CN']);
  } finally {
    lock.release();
  }
  return all.some((r) => r.status !== 'ok') ? EXIT.trialFailed : EXIT.ok;
}
