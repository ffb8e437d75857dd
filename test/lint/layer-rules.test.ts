import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

/** Rule ids eslint reports for `code` as if it were the file at `path`. */
async function violations(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path });
  return (result?.messages ?? []).map((m) => m.ruleId ?? 'parse-error');
}

describe('lint enforces DESIGN.md §2 (layers) and determinism', () => {
  it.each([
    ['sim may not import cluster', 'src/sim/x.ts', "import { Cluster } from '../cluster/cluster-state.js';\nexport const c = Cluster;\n", 'no-restricted-imports'],
    ['sim may not use node built-ins', 'src/sim/x.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n", 'no-restricted-imports'],
    ['metrics may not import the scenario schema', 'src/metrics/x.ts', "import { scenarioSchema } from '../workload/schema.js';\nexport const s = scenarioSchema;\n", 'no-restricted-imports'],
    ['an engine may not import another engine', 'src/engines/mesos/x.ts', "import { kubernetesEngine } from '../kubernetes/index.js';\nexport const k = kubernetesEngine;\n", 'no-restricted-imports'],
    ['an engine may not import the runner', 'src/engines/oracle/x.ts', "import { runTrial } from '../../runner/trial.js';\nexport const r = runTrial;\n", 'no-restricted-imports'],
    ['the runner reaches engines only through the registry', 'src/runner/x.ts', "import { oracleEngine } from '../engines/oracle/index.js';\nexport const o = oracleEngine;\n", 'no-restricted-imports'],
    ['no Math.random in an engine', 'src/engines/oracle/x.ts', 'export const r = (): number => Math.random();\n', 'no-restricted-properties'],
    ['no Date.now in the kernel', 'src/sim/x.ts', 'export const t = (): number => Date.now();\n', 'no-restricted-properties'],
    ['no timers in metrics', 'src/metrics/x.ts', 'export const t = (f: () => void): unknown => setTimeout(f, 1);\n', 'no-restricted-globals'],
    ['no new Date() in workload', 'src/workload/x.ts', 'export const d = (): Date => new Date();\n', 'no-restricted-syntax'],
  ])('%s', async (_name, path, code, rule) => {
    expect(await violations(path, code)).toContain(rule);
  });

  it.each([
    ['metrics may import the intents contract', 'src/metrics/x.ts', "import { type Intent } from '../workload/intents.js';\nexport type I = Intent;\n"],
    ['an engine may import sim, cluster and the engine contract', 'src/engines/oracle/x.ts', "import { type Engine } from '../engine.js';\nimport { Rng } from '../../sim/rng.js';\nexport type E = Engine;\nexport const r = Rng;\n"],
    ['the runner may read the wall clock', 'src/runner/x.ts', 'export const t = (): number => performance.now();\n'],
  ])('%s', async (_name, path, code) => {
    expect(await violations(path, code)).toEqual([]);
  });
});
