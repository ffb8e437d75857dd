import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect } from 'vitest';
import { stringify } from 'yaml';
import { mergeCommand } from '../../src/cli/merge-command.js';
import { buildMeta, normalizedCommand } from '../../src/cli/run-meta.js';
import { planRecord } from '../../src/cli/run-plan-record.js';
import { ENGINE_NAMES } from '../../src/engines/registry.js';
import { writeResultsFolder } from '../../src/report/results-folder.js';
import { planTrials, selectShard } from '../../src/runner/plan.js';
import { runTrials } from '../../src/runner/pool.js';
import { type Scenario } from '../../src/workload/load.js';
import { scenarioArb } from '../arbitraries/scenario.js';
import { scenarioFromYaml } from '../support/scenario.js';
import { checkAsyncProperty, type PropertyDef } from '../support/props.js';

/** Every file of a results folder but perf.csv (the only one allowed to differ), by name. */
export function deterministicFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir).sort()) if (f !== 'perf.csv' && !f.startsWith('.') && f.includes('.')) out[f] = readFileSync(join(dir, f), 'utf8');
  return out;
}

const ARGV = ['node', 'schedbench', 'run', 'generated'];

/** Runs `fn` with stderr muted (merge reports each merge there; hundreds of runs would drown the test output). */
async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const write = process.stderr.write;
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    return await fn();
  } finally {
    process.stderr.write = write;
  }
}

/**
 * Sharding (issue 7): a plan split into any number of shards, each run on its own and written to its
 * own folder, then merged by `schedbench merge` (in any order), gives the same files as the
 * unsharded run, byte for byte, all but perf.csv. Runs every registered engine.
 */
const anySplitMergedEqualsWhole: PropertyDef = {
  name: 'any split of a plan into shards, merged, equals the unsharded run',
  quickTimeoutMs: 120_000,
  check: () =>
    checkAsyncProperty(
      'any split of a plan into shards, merged, equals the unsharded run',
      fc.asyncProperty(
        fc.array(scenarioArb({ maxDurationS: 90, maxNodes: 4 }), { minLength: 1, maxLength: 2 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.nat(), { minLength: 6, maxLength: 6 }),
        async (cases, seeds, n, mergeOrder) => {
          const scenarios: Scenario[] = cases.map((c, i) => scenarioFromYaml(stringify({ ...c.raw, metadata: { name: `prop-${i}` } }), `generated-${i}.yaml`));
          const plan = planTrials(scenarios, { engines: [...ENGINE_NAMES], seeds });
          if (!plan.ok) throw new Error(plan.errors.join('\n'));
          const record = planRecord(scenarios, { engines: [...ENGINE_NAMES], seeds, detail: false, explain: false, shard: null, timeoutSeconds: null });
          const meta = buildMeta(scenarios, plan.trials.length, normalizedCommand(ARGV), record, new Map());
          const base = mkdtempSync(join(tmpdir(), 'schedbench-shards-'));
          try {
            const whole = join(base, 'whole');
            writeResultsFolder(whole, meta, await runTrials(plan.trials, { workers: 0 }), { workers: 0, startedAt: 'whole' });
            const shards: string[] = [];
            for (let i = 1; i <= n; i++) {
              const dir = join(base, `shard-${i}`);
              mkdirSync(dir);
              writeResultsFolder(dir, { ...meta, shard: { i, n } }, await runTrials(selectShard(plan.trials, i, n), { workers: 0 }), {
                workers: 0,
                startedAt: `shard ${i}`,
              });
              shards.push(dir);
            }
            const order = shards
              .map((d, k) => ({ d, key: mergeOrder[k] as number }))
              .sort((a, b) => a.key - b.key)
              .map((x) => x.d);
            const merged = join(base, 'merged');
            await quietly(() => mergeCommand(order, { out: merged, report: false }));
            expect(deterministicFiles(merged)).toEqual(deterministicFiles(whole));
          } finally {
            rmSync(base, { recursive: true, force: true });
          }
        },
      ),
      { kind: 'runner', replay: ([cases, seeds]) => ({ raw: cases[0]?.raw, engine: ENGINE_NAMES.join(','), seed: seeds[0] ?? 0 }) },
    ),
};

/** The sharding property. */
export function shardingDefs(): PropertyDef[] {
  return [anySplitMergedEqualsWhole];
}
