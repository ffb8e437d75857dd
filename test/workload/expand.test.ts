import { describe, expect, it } from 'vitest';
import { BatchTasks } from '../../src/engines/kit/index.js';
import { duration } from '../../src/sim/duration.js';
import { expandCluster, expandWorkload } from '../../src/workload/expand.js';
import { type Fault, type Intent, type JobSubmitted } from '../../src/intents/index.js';
import { loadScenarioFile, type Scenario } from '../../src/workload/load.js';
import { scenarioFromYaml, scenarioYaml } from '../support/scenario.js';
import { Rng } from '../../src/sim/rng.js';

const expand = (s: Scenario, seed = 1) => expandWorkload(s.doc, Rng.root(seed), expandCluster(s.doc));
const jobs = (intents: readonly Intent[]): JobSubmitted[] => intents.filter((i): i is JobSubmitted => i.kind === 'job-submitted');
const nodesOf = (f: Fault | undefined): readonly string[] => (f !== undefined && 'nodes' in f ? f.nodes : []);
const jobsOf = (intents: readonly Intent[], workload: string) => jobs(intents).filter((j) => j.job.workload === workload);

const ETL = `- kind: BatchJob
  name: etl
  tasks: { kind: uniform, min: 1, max: 8 }
  resources: { cpu: 1 }
  duration: { kind: exponential, mean: 20s }
  failureProbability: 0.25
  arrivals: { meanInterArrival: 2s, count: 50 }`;
const ML = `- kind: BatchJob
  name: ml
  tasks: 3
  resources: { cpu: 2 }
  duration: { kind: normal, mean: 30s, stddev: 5s }
  arrivals: { meanInterArrival: 10s, until: 5m }`;
const WEB = `- { kind: Service, name: web, replicas: 4, resources: { cpu: 500m } }`;

describe('expandCluster', () => {
  it('names group nodes <group>-<i>, spreads zones round-robin, then adds explicit nodes', () => {
    const s = scenarioFromYaml(
      scenarioYaml({ nodes: 3 }).replace(
        '        zones: [a, b]',
        '        zones: [a, b]\n        labels: { tier: web }\n    nodes: [{ name: special, resources: { cpu: 1 }, labels: { zone: c } }]',
      ),
    );
    const nodes = expandCluster(s.doc);
    expect(nodes.map((n) => [n.name, n.labels])).toEqual([
      ['node-0', { group: 'node', tier: 'web', zone: 'a' }],
      ['node-1', { group: 'node', tier: 'web', zone: 'b' }],
      ['node-2', { group: 'node', tier: 'web', zone: 'a' }],
      ['special', { zone: 'c' }],
    ]);
    expect(nodes[0]).toMatchObject({ allocatable: { cpu: 4000, memory: 16 * 2 ** 30, gpu: 0 }, taints: [], maxTasks: 110 });
  });
});

describe('expandWorkload', () => {
  const s = scenarioFromYaml(scenarioYaml({ duration: '10m', workloads: [WEB, ETL, ML].join('\n') }));

  it('is deterministic: the same seed gives identical output', () => {
    expect(expand(s, 7)).toEqual(expand(s, 7));
  });

  it('different seeds give different draws', () => {
    expect(jobs(expand(s, 1).intents).map((j) => j.time)).not.toEqual(jobs(expand(s, 2).intents).map((j) => j.time));
  });

  it('adding a workload leaves the other workloads’ draws unchanged', () => {
    const without = scenarioFromYaml(scenarioYaml({ duration: '10m', workloads: [WEB, ETL].join('\n') }));
    const before = jobsOf(expand(without, 3).intents, 'etl');
    const after = jobsOf(expand(s, 3).intents, 'etl');
    expect(after).toEqual(before);
  });

  it('changing failureProbability moves no arrival time and no duration', () => {
    const other = scenarioFromYaml(scenarioYaml({ duration: '10m', workloads: [WEB, ETL.replace('0.25', '0.9'), ML].join('\n') }));
    const strip = (js: JobSubmitted[]) => js.map((j) => [j.time, [...new BatchTasks(j.job)].map((t) => t.runFor)]);
    expect(strip(jobsOf(expand(other, 3).intents, 'etl'))).toEqual(strip(jobsOf(expand(s, 3).intents, 'etl')));
  });

  it('sorts intents by time, scenario order breaking ties', () => {
    const { intents } = expand(s);
    for (let i = 1; i < intents.length; i++) expect((intents[i] as Intent).time).toBeGreaterThanOrEqual((intents[i - 1] as Intent).time);
    expect(intents[0]).toMatchObject({ kind: 'service-declared', time: 0, service: { name: 'web', replicas: 4, version: 'v1', tenant: 'default' } });
  });

  it('arrivals: count stops the process; names are <workload>-<n>; tasks have keys and drawn counts', () => {
    const etl = jobsOf(expand(s).intents, 'etl');
    expect(etl).toHaveLength(50);
    expect(etl.map((j) => j.job.name)).toEqual(Array.from({ length: 50 }, (_, n) => `etl-${n}`));
    for (const j of etl) {
      const tasks = [...new BatchTasks(j.job)];
      expect(tasks.length).toBeGreaterThanOrEqual(1);
      expect(tasks.length).toBeLessThanOrEqual(8);
      tasks.forEach((t, i) => expect(t).toMatchObject({ index: i, key: `${j.job.name}#${i}`, resources: { cpu: 1000 } }));
    }
    const all = etl.flatMap((j) => [...new BatchTasks(j.job)]);
    const failed = all.filter((t) => t.firstAttempt === 'failed').length / all.length;
    expect(failed).toBeGreaterThan(0.1);
    expect(failed).toBeLessThan(0.4);
    // Mean gap 2 s: 50 arrivals take about 100 s.
    expect((etl[49] as JobSubmitted).time).toBeGreaterThan(duration('50s'));
    expect((etl[49] as JobSubmitted).time).toBeLessThan(duration('200s'));
  });

  it('arrivals: until bounds the process', () => {
    const ml = jobsOf(expand(s).intents, 'ml');
    expect(ml.length).toBeGreaterThan(10);
    for (const j of ml) expect(j.time).toBeLessThanOrEqual(duration('5m'));
  });

  it('arrivals never reach past spec.duration', () => {
    const short = scenarioFromYaml(scenarioYaml({ duration: '1m', workloads: ETL.replace('count: 50', 'count: 1000') }));
    const etl = jobsOf(expand(short).intents, 'etl');
    expect(etl.length).toBeGreaterThan(10);
    expect(etl.length).toBeLessThan(1000);
    for (const j of etl) expect(j.time).toBeLessThan(duration('1m'));
  });

  it('a single job is submitted at submitAt with its own name', () => {
    const one = scenarioFromYaml(
      scenarioYaml({ workloads: '- { kind: BatchJob, name: once, tasks: 2, resources: { cpu: 1 }, duration: 5s, submitAt: 3s, parallelism: 1, sync: true }' }),
    );
    expect(expand(one).intents).toEqual([
      {
        kind: 'job-submitted',
        time: duration('3s'),
        job: {
          name: 'once',
          workload: 'once',
          tenant: 'default',
          priority: 0,
          constraints: { nodeSelector: {}, tolerations: [], requiredTerms: [], preferredTerms: [] },
          parallelism: 1,
          sync: true,
          tasks: [0, 1].map((index) => ({
            index,
            key: `once#${index}`,
            resources: { cpu: 1000, memory: 0, gpu: 0 },
            // The shorthand is one container; memory left out stays "missing", not 0.
            pod: {
              containers: [{ name: 'main', requests: { cpu: 1000, memory: 0, gpu: 0 }, stated: { cpu: true, memory: false } }],
              initContainers: [],
            },
            runFor: duration('5s'),
            firstAttempt: 'finished',
          })),
        },
      },
    ]);
  });
});

describe('events', () => {
  const events = `- { kind: crash, at: 10s, nodes: { fraction: 0.5, selector: { zone: a } }, recoverAfter: 20s }
- { kind: scale, at: 10s, service: web, replicas: 8 }
- { kind: rollout, at: 15s, service: web, version: v2 }
- { kind: burst, at: 20s, job: etl, count: 3 }
- { kind: crash, at: 25s, nodes: { count: 2 } }
- { kind: recover, at: 40s, nodes: { count: 1 } }
- { kind: partition, at: 45s, nodes: { names: [node-3] }, healAfter: 5s }
- { kind: scheduler-crash, at: 50s, component: framework, downFor: 10s }`;
  const s = scenarioFromYaml(scenarioYaml({ nodes: 8, workloads: [WEB, ETL].join('\n'), events }));

  it('produces faults in time order with follow-up recover and heal', () => {
    const { faults } = expand(s);
    expect(faults.map((f) => [f.kind, f.time / 1e6])).toEqual([
      ['crash', 10],
      ['crash', 25],
      ['recover', 30],
      ['recover', 40],
      ['partition', 45],
      ['heal', 50],
      ['scheduler-crash', 50],
    ]);
    const [zoneCrash, countCrash, autoRecover, recover] = faults;
    // Half of the four zone-a nodes (node-0, 2, 4, 6).
    expect(nodesOf(zoneCrash)).toHaveLength(2);
    for (const n of nodesOf(zoneCrash)) expect(['node-0', 'node-2', 'node-4', 'node-6']).toContain(n);
    expect(zoneCrash?.label).toBe('crash 50% of nodes with zone=a (2)');
    // A count picks among nodes that are up; the follow-up recovers exactly the nodes crashed first.
    expect(nodesOf(countCrash)).toHaveLength(2);
    expect(nodesOf(countCrash).some((n) => nodesOf(zoneCrash).includes(n))).toBe(false);
    expect(nodesOf(autoRecover)).toEqual(nodesOf(zoneCrash));
    expect(autoRecover?.label).toBe('recover 50% of nodes with zone=a (2) (after 20s)');
    // At 40 s only the count crash's two nodes are down: the recover picks one of them.
    expect(nodesOf(recover)).toHaveLength(1);
    expect(nodesOf(countCrash)).toContain(nodesOf(recover)[0]);
  });

  it('lists perturbations with readable labels, indexed in time order', () => {
    expect(expand(s).perturbations.map((p) => `${p.index} ${p.time / 1e6}s ${p.kind}: ${p.label}`)).toEqual([
      '0 0s deploy: deploy web (4 replicas)',
      '1 10s crash: crash 50% of nodes with zone=a (2)',
      '2 10s scale: scale web to 8',
      '3 15s rollout: rollout web to v2',
      '4 20s burst: burst 3 × etl',
      '5 25s crash: crash 2 nodes',
      '6 30s recover: recover 50% of nodes with zone=a (2) (after 20s)',
      '7 40s recover: recover 1 node',
      '8 45s partition: partition node-3',
      '9 50s heal: heal node-3 (after 5s)',
      '10 50s scheduler-crash: crash scheduler framework for 10s',
    ]);
  });

  it('a burst submits N jobs of the BatchJob shape at its time, without moving the arrivals', () => {
    const { intents } = expand(s);
    const burst = jobsOf(intents, 'etl').filter((j) => j.job.name.includes('burst'));
    expect(burst.map((j) => [j.job.name, j.time])).toEqual([0, 1, 2].map((k) => [`etl-burst3-${k}`, duration('20s')]));
    const noBurst = scenarioFromYaml(scenarioYaml({ nodes: 8, workloads: [WEB, ETL].join('\n') }));
    const arrivals = (w: readonly Intent[]) => jobsOf(w, 'etl').filter((j) => !j.job.name.includes('burst'));
    expect(arrivals(intents)).toEqual(arrivals(expand(noBurst).intents));
  });

  it('fault targets depend on the seed, not on the workloads', () => {
    const more = scenarioFromYaml(scenarioYaml({ nodes: 8, workloads: [WEB, ETL, ML].join('\n'), events }));
    expect(expand(more, 5).faults).toEqual(expand(s, 5).faults);
    const seeds = new Set([1, 2, 3, 4, 5, 6, 7, 8].map((seed) => JSON.stringify(nodesOf(expand(s, seed).faults[0]))));
    expect(seeds.size).toBeGreaterThan(1);
  });

  it('a follow-up at the same instant as a later-listed crash is applied first, in resolution order', () => {
    // Event 1's recover lands at 50 s, together with event 0's crash; the crash is resolved after the
    // recover (all 4 nodes are up by then) and must also come after it in the fault list.
    const tie = scenarioFromYaml(
      scenarioYaml({ events: '- { kind: crash, at: 50s, nodes: { count: 4 } }\n- { kind: crash, at: 10s, nodes: { count: 1 }, recoverAfter: 40s }' }),
    );
    const { faults } = expand(tie);
    expect(faults.map((f) => `${f.kind}@${f.time / 1e6}:${nodesOf(f).length}`)).toEqual(['crash@10:1', 'recover@50:1', 'crash@50:4']);
  });

  it('drops follow-ups that would fall past the end of the run', () => {
    const late = scenarioFromYaml(scenarioYaml({ duration: '30s', events: '- { kind: crash, at: 20s, nodes: { count: 1 }, recoverAfter: 20s }' }));
    expect(expand(late).faults.map((f) => f.kind)).toEqual(['crash']);
  });
});

describe('fixtures', () => {
  it('the full fixture expands the same way twice and covers every perturbation kind', () => {
    const r = loadScenarioFile('test/fixtures/scenarios/valid/full.yaml');
    if (!r.ok) throw new Error('fixture must load');
    const a = expand(r.scenario, 1);
    expect(expand(r.scenario, 1)).toEqual(a);
    expect(new Set(a.perturbations.map((p) => p.kind))).toEqual(
      new Set(['deploy', 'scale', 'rollout', 'crash', 'recover', 'partition', 'heal', 'scheduler-crash', 'burst']),
    );
  });
});
