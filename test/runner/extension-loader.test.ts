import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planTrials } from '../../src/runner/plan.js';
import { runTrials } from '../../src/runner/pool.js';
import { type TrialResult, type TrialSpec } from '../../src/runner/trial-types.js';
import { runCli } from '../support/cli.js';
import { scenarioFromYaml } from '../support/scenario.js';

/*
 * spec.extensions end to end: a user module in its own file, loaded by the runner in a real worker
 * thread (the piscina pool), changes the results as its code says; a module that is missing, throws
 * at load or misses the API fails its trial with the scenario file, field path and reason while every
 * other trial is kept; and results stay byte-identical at 1 and 2 workers.
 */

const DIR = mkdtempSync(join(tmpdir(), 'schedbench-ext-'));

/** A controller that scales every Deployment to config.replicas once it sees it. */
writeFileSync(
  join(DIR, 'scale-to.ts'),
  `import type { KubeController } from '${process.cwd()}/src/engines/kubernetes/extension/index.js';
const c: KubeController = {
  name: 'scale-to',
  start(api) {
    const want = api.config['replicas'] as number;
    const deployments = api.informer('Deployment');
    const queue = api.workQueue((key) => {
      const d = deployments.get(key);
      if (d !== undefined && d.spec.replicas !== want) api.client.scale('Deployment', key, want, (r) => { if (r.kind === 'ok') api.count('scaled'); });
      return 'done';
    });
    deployments.addEventHandler({ onAdd: (d) => queue.add(api.keyOf(d)), onUpdate: (_o, d) => queue.add(api.keyOf(d)) });
  },
};
export default c;
`,
);
writeFileSync(join(DIR, 'throws.ts'), `throw new Error('boom at load');\nexport default {};\n`);
writeFileSync(join(DIR, 'no-api.js'), `export default { name: 'no-api' };\n`);

/** Writes a scenario file beside the modules whose Kubernetes extension names `controller`; returns its plan. */
function plan(controller: string, file: string, engines: readonly string[]): TrialSpec[] {
  const yaml = `apiVersion: schedbench/v1
kind: Scenario
metadata:
  name: ext
spec:
  duration: 60s
  seeds: [1, 2]
  cluster:
    nodeGroups:
      - { name: node, count: 4, resources: { cpu: 4, memory: 16Gi } }
  workloads:
    - { kind: Service, name: web, replicas: 2, resources: { cpu: 500m, memory: 512Mi } }
  extensions:
    - engine: kubernetes
      controller: ${controller}
      config: { replicas: 5 }
    - engine: mesos
      framework: ${join(process.cwd(), 'examples/extensions/one-per-agent.ts')}
      role: default
      workloads: [web]
`;
  const path = join(DIR, file);
  writeFileSync(path, yaml);
  const p = planTrials([scenarioFromYaml(yaml, path)], { engines });
  if (!p.ok) throw new Error(p.errors.join('\n'));
  return [...p.trials];
}

/** Everything of a result but its wall-clock cost: what must be identical run to run. */
function deterministicPart(r: TrialResult): string {
  const { perf: _perf, ...rest } = r;
  return JSON.stringify(rest);
}

describe('a user controller in a worker thread', () => {
  it('runs inside the Kubernetes engine and changes the results as its code says', async () => {
    const trials = plan('./scale-to.ts', 'good.yaml', ['kubernetes', 'oracle']);
    const results = await runTrials(trials, { workers: 1 });
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ['ext/kubernetes/seed-1', 'ok'],
      ['ext/kubernetes/seed-2', 'ok'],
      ['ext/oracle/seed-1', 'ok'],
      ['ext/oracle/seed-2', 'ok'],
    ]);
    const k8s = results[0] as TrialResult;
    expect(k8s.metrics?.counters['counter:controller:scale-to:scaled']).toBe(1);
    // The controller set 5 replicas; the scenario declared 2, which the oracle (no controller) keeps.
    const running = (r: TrialResult): number | undefined => r.metrics?.timeseries.filter((s) => s.series === 'running/web').at(-1)?.value;
    expect(running(k8s)).toBe(5);
    expect(running(results[2] as TrialResult)).toBe(2);
  });
});

describe('bad extension modules fail their trial and keep every other result', () => {
  it.each([
    ['./missing.ts', /good-missing\.yaml: spec\.extensions\[0\]\.controller: \.\/missing\.ts: no such file \(looked for .*missing\.ts\)$/],
    ['./throws.ts', /good-throws\.yaml: spec\.extensions\[0\]\.controller: \.\/throws\.ts threw while loading: Error: boom at load$/],
    [
      './no-api.js',
      /good-no-api\.yaml: spec\.extensions\[0\]\.controller: \.\/no-api\.js has no default export of the expected shape: start\(api\) must be a function/,
    ],
  ])('%s', async (module, error) => {
    const name = `good-${module.replace(/^\.\/|\.(ts|js)$/g, '')}.yaml`;
    const results = await runTrials(plan(module, name, ['oracle', 'kubernetes']), { workers: 1 });
    expect(results.map((r) => [r.engine, r.status])).toEqual([
      ['oracle', 'ok'],
      ['oracle', 'ok'],
      ['kubernetes', 'failed'],
      ['kubernetes', 'failed'],
    ]);
    expect(results[2]?.error).toMatch(error);
  });
});

describe('determinism with extensions', () => {
  it('gives the same bytes for the same seeds at 1 and 2 workers, for a controller and a framework', async () => {
    const trials = plan('./scale-to.ts', 'det.yaml', ['kubernetes', 'mesos']);
    const one = await runTrials(trials, { workers: 1 });
    const two = await runTrials(trials, { workers: 2 });
    expect(one.every((r) => r.status === 'ok')).toBe(true);
    expect(two.map(deterministicPart)).toEqual(one.map(deterministicPart));
    // Module state is fresh per trial: the framework launched its replicas in each trial, not once per worker.
    for (const r of one.filter((x) => x.engine === 'mesos')) expect(r.metrics?.counters['counter:framework:one-per-agent:launched']).toBe(2);
  });

  it('writes byte-identical results files (all but perf.csv) for the bundled extensions scenario with 1 and 2 workers', async () => {
    const files = (dir: string): Record<string, string> =>
      Object.fromEntries(
        readdirSync(dir)
          .filter((f) => f !== 'perf.csv' && f.includes('.'))
          .sort()
          .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
      );
    const run = async (workers: string): Promise<Record<string, string>> => {
      const out = mkdtempSync(join(tmpdir(), 'schedbench-ext-run-'));
      const r = await runCli(['run', 'extensions', '--engines', 'kubernetes,mesos', '--seeds', '1,2', '--workers', workers, '--out', out, '--no-report', '-q']);
      expect(r.code).toBe(0);
      return files(out);
    };
    const one = await run('1');
    expect(one['counters.csv']).toContain('counter:controller:scheduled-scaler:scaled');
    expect(one['counters.csv']).toContain('counter:framework:one-per-agent:launched');
    expect(await run('2')).toEqual(one);
  });
});
