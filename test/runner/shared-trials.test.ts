import { describe, expect, it } from 'vitest';
import { planTrials } from '../../src/runner/plan.js';
import { resultsOfAliases, shareIdenticalTrials } from '../../src/runner/shared-trials.js';
import { runTrial } from '../../src/runner/trial.js';
import { type TrialResult, type TrialSpec } from '../../src/runner/trial-types.js';
import { scenarioFromYaml, scenarioYaml } from '../support/scenario.js';

const WORKLOADS = `- kind: BatchJob
  name: jobs
  tasks: 3
  resources: { cpu: 1, memory: 1Gi }
  duration: 5s
  arrivals: { meanInterArrival: 5s, count: 4 }`;

/** A scenario swept over `parameter`, planned on the oracle and Mesos with two seeds. */
function plan(parameter: string, values: string): TrialSpec[] {
  const yaml = `${scenarioYaml({ name: 'swept', duration: '60s', seeds: [1, 2], workloads: WORKLOADS })}  sweep:\n    parameter: ${parameter}\n    values: ${values}\n`;
  const p = planTrials([scenarioFromYaml(yaml, 'swept.yaml')], { engines: ['oracle', 'mesos'] });
  if (!p.ok) throw new Error(p.errors.join('\n'));
  return [...p.trials];
}

const withoutPerf = (r: TrialResult): string => {
  const { perf: _perf, ...rest } = r;
  return JSON.stringify(rest);
};

describe('shareIdenticalTrials', () => {
  it('runs an engine once per seed when the sweep changes another engine’s options only', () => {
    const trials = plan('spec.engines.mesos.allocationInterval', '[1s, 2s, 5s]');
    const shared = shareIdenticalTrials(trials);
    expect(trials).toHaveLength(12);
    expect(shared.map((t) => [t.id, (t.aliases ?? []).map((a) => a.id)])).toEqual([
      [
        'swept@spec.engines.mesos.allocationInterval=1s/oracle/seed-1',
        ['swept@spec.engines.mesos.allocationInterval=2s/oracle/seed-1', 'swept@spec.engines.mesos.allocationInterval=5s/oracle/seed-1'],
      ],
      [
        'swept@spec.engines.mesos.allocationInterval=1s/oracle/seed-2',
        ['swept@spec.engines.mesos.allocationInterval=2s/oracle/seed-2', 'swept@spec.engines.mesos.allocationInterval=5s/oracle/seed-2'],
      ],
      ['swept@spec.engines.mesos.allocationInterval=1s/mesos/seed-1', []],
      ['swept@spec.engines.mesos.allocationInterval=1s/mesos/seed-2', []],
      ['swept@spec.engines.mesos.allocationInterval=2s/mesos/seed-1', []],
      ['swept@spec.engines.mesos.allocationInterval=2s/mesos/seed-2', []],
      ['swept@spec.engines.mesos.allocationInterval=5s/mesos/seed-1', []],
      ['swept@spec.engines.mesos.allocationInterval=5s/mesos/seed-2', []],
    ]);
  });

  it('shares nothing when the sweep changes what every engine sees', () => {
    const trials = plan('spec.cluster.nodeGroups[0].count', '[2, 4]');
    expect(shareIdenticalTrials(trials)).toEqual(trials);
  });

  it('gives each alias exactly the result (trials.jsonl line) that running it would give', () => {
    const trials = plan('spec.engines.mesos.allocationInterval', '[1s, 2s, 5s]');
    const [first] = shareIdenticalTrials(trials);
    const spec = first as TrialSpec;
    const shared = resultsOfAliases(runTrial(spec), spec).map(withoutPerf);
    const ran = [spec, ...trials.filter((t) => spec.aliases?.some((a) => a.id === t.id))].map((t) => withoutPerf(runTrial(t)));
    expect(shared).toHaveLength(3);
    expect(shared).toEqual(ran);
  });
});
