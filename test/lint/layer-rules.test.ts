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
    [
      'sim may not import cluster',
      'src/sim/x.ts',
      "import { Cluster } from '../cluster/cluster-state.js';\nexport const c = Cluster;\n",
      'layers/dependency-rule',
    ],
    ['sim may not use node built-ins', 'src/sim/x.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n", 'layers/dependency-rule'],
    [
      'metrics may not import the scenario schema',
      'src/metrics/x.ts',
      "import { scenarioSchema } from '../workload/schema.js';\nexport const s = scenarioSchema;\n",
      'layers/dependency-rule',
    ],
    [
      'an engine may not import another engine',
      'src/engines/mesos/x.ts',
      "import { kubernetesEngine } from '../kubernetes/index.js';\nexport const k = kubernetesEngine;\n",
      'layers/dependency-rule',
    ],
    [
      'a new engine folder may not import another engine',
      'src/engines/borg/x.ts',
      "import { mesosEngine } from '../mesos/index.js';\nexport const m = mesosEngine;\n",
      'layers/dependency-rule',
    ],
    [
      'an engine may not import another engine through a subfolder',
      'src/engines/kubernetes/scheduler/x.ts',
      "import { FitIndex } from '../../oracle/fit-index.js';\nexport const f = FitIndex;\n",
      'layers/dependency-rule',
    ],
    [
      'the kit may not import an engine',
      'src/engines/kit/x.ts',
      "import { MesosAgent } from '../mesos/agents/agent.js';\nexport const a = MesosAgent;\n",
      'layers/dependency-rule',
    ],
    [
      'the cli may not reach into the kernel',
      'src/cli/x.ts',
      "import { formatDuration } from '../sim/duration.js';\nexport const f = formatDuration;\n",
      'layers/dependency-rule',
    ],
    ['no Date.now in a new engine', 'src/engines/borg/x.ts', 'export const t = (): number => Date.now();\n', 'no-restricted-properties'],
    [
      'an engine may not import the runner',
      'src/engines/oracle/x.ts',
      "import { runTrial } from '../../runner/trial.js';\nexport const r = runTrial;\n",
      'layers/dependency-rule',
    ],
    [
      'the runner reaches engines only through the registry',
      'src/runner/x.ts',
      "import { oracleEngine } from '../engines/oracle/index.js';\nexport const o = oracleEngine;\n",
      'layers/dependency-rule',
    ],
    ['no Math.random in an engine', 'src/engines/oracle/x.ts', 'export const r = (): number => Math.random();\n', 'no-restricted-properties'],
    ['no Date.now in the kernel', 'src/sim/x.ts', 'export const t = (): number => Date.now();\n', 'no-restricted-properties'],
    ['no timers in metrics', 'src/metrics/x.ts', 'export const t = (f: () => void): unknown => setTimeout(f, 1);\n', 'no-restricted-globals'],
    ['no new Date() in workload', 'src/workload/x.ts', 'export const d = (): Date => new Date();\n', 'no-restricted-syntax'],
  ])('%s', async (_name, path, code, rule) => {
    expect(await violations(path, code)).toContain(rule);
  });

  it.each([
    ['metrics may import the intents contract', 'src/metrics/x.ts', "import { type Intent } from '../intents/index.js';\nexport type I = Intent;\n"],
    [
      'a new engine folder may import the kit',
      'src/engines/borg/x.ts',
      "import { type Engine } from '../engine.js';\nimport { parseEngineOptions } from '../kit/index.js';\nexport type E = Engine;\nexport const p = parseEngineOptions;\n",
    ],
    [
      'an engine may import sim, cluster and the engine contract',
      'src/engines/oracle/x.ts',
      "import { type Engine } from '../engine.js';\nimport { Rng } from '../../sim/rng.js';\nexport type E = Engine;\nexport const r = Rng;\n",
    ],
    ['the runner may read the wall clock', 'src/runner/x.ts', 'export const t = (): number => performance.now();\n'],
  ])('%s', async (_name, path, code) => {
    expect(await violations(path, code)).toEqual([]);
  });
});
