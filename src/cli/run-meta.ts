import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type RunMeta, type RunPlanRecord, type ScenarioMeta, type ScenarioWarning } from '../report/results-folder.js';
import { ROOT } from '../runner/project-paths.js';
import { type Scenario } from '../workload/load.js';
import { recordedPath } from './run-plan-record.js';
import { describeSetup } from './scenario-setup.js';

/** The tool's version from package.json. */
export function toolVersion(): string {
  return (JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/** The checkout's commit, or null outside a git checkout. */
export function gitCommit(): string | null {
  try {
    return (
      execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim() || null
    );
  } catch {
    return null;
  }
}

/** Flags that change where or how fast a run goes, never what it computes: left out of meta.json. */
const VOLATILE_FLAGS = new Set(['--workers', '-w', '--out', '-o', '--shard', '--resume', '--no-report', '--quiet', '-q', '--force']);

/** Volatile flags that take no value. */
const BARE_FLAGS = new Set(['--no-report', '--quiet', '-q', '--force']);

/** The command line without its volatile flags, so identical runs get identical meta.json. */
export function normalizedCommand(argv: readonly string[]): string {
  const out: string[] = ['schedbench'];
  const args = argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const [flag] = a.split('=');
    if (VOLATILE_FLAGS.has(flag as string)) {
      if (!a.includes('=') && !BARE_FLAGS.has(flag as string)) i++;
      continue;
    }
    out.push(a);
  }
  return out.join(' ');
}

/**
 * meta.json for a run: `command` is the normalized command line that started it (a resumed run
 * keeps its first one), `plan` what `--resume` runs again, `warnings` the scenarios' work that can
 * never be placed (by scenario name).
 */
export function buildMeta(
  scenarios: readonly Scenario[],
  planned: number,
  command: string,
  plan: RunPlanRecord,
  warnings: ReadonlyMap<string, readonly ScenarioWarning[]>,
): RunMeta {
  return {
    tool: { name: 'schedbench', version: toolVersion() },
    gitCommit: gitCommit(),
    node: process.version,
    command,
    engines: plan.engines,
    planned,
    shard: plan.shard,
    scenarios: scenarios.map((s): ScenarioMeta => ({
      name: s.doc.metadata.name,
      file: recordedPath(s.file),
      hash: s.hash,
      title: s.doc.metadata.title,
      description: s.doc.metadata.description,
      lesson: s.doc.metadata.lesson,
      tags: s.doc.metadata.tags,
      seeds: s.doc.spec.seeds,
      sweep: s.doc.spec.sweep ? { parameter: s.doc.spec.sweep.parameter, values: s.doc.spec.sweep.values } : null,
      setup: describeSetup(s.doc),
      claims: s.doc.metadata.claims,
      translations: { 'zh-CN': { ...s.doc.metadata.translations['zh-CN'], setup: describeSetup(s.doc, 'zh-CN') } },
      ...(warnings.get(s.doc.metadata.name)?.length ? { warnings: warnings.get(s.doc.metadata.name) } : {}),
    })),
    plan,
  };
}
