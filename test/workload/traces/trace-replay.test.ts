import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runTrialLoadingTraces } from '../../../src/runner/trial.js';
import { type TrialSpec } from '../../../src/runner/trial-types.js';
import { parseScenarioText } from '../../../src/workload/load.js';
import { engineOptionsOrThrow } from '../../../src/runner/engine-options.js';

const dir = mkdtempSync(join(tmpdir(), 'schedbench-replay-'));

/** About 50 jobs, 300 tasks in all, over 2 minutes: batch jobs of 5–10 short tasks, service jobs of 2 longer ones. */
function jobList(): string {
  const rows = ['workload,submitted,numTasks,duration,cpusPerTask,memPerTask'];
  let tasks = 0;
  for (let i = 0; tasks < 300; i++) {
    const service = i % 4 === 3;
    const n = Math.min(300 - tasks, service ? 2 : 5 + (i % 6));
    rows.push(`${service ? 'Service' : 'Batch'},${(i * 3.25).toFixed(6)},${n},${service ? 60 : 5 + (i % 7)},${service ? 0.5 : 1},2`);
    tasks += n;
  }
  return `${rows.join('\n')}\n`;
}
const JOBS = jobList().trim().split('\n').length - 1;
writeFileSync(join(dir, 'jobs.csv.gz'), gzipSync(jobList()));

function scenario(sample: number): string {
  return `apiVersion: schedbench/v1
kind: Scenario
metadata: { name: replay }
spec:
  duration: 5m
  seeds: [1]
  cluster:
    nodeGroups: [{ name: m, count: 20, resources: { cpu: 4, memory: 16G } }]
  tenants: [{ name: batch }, { name: service }]
  workloads:
    - { kind: Trace, name: jobs, tenant: batch, file: jobs.csv.gz, format: job-list, sample: ${sample}, tenants: { Batch: batch, Service: service } }
`;
}

function spec(engine: string, sample = 1): TrialSpec {
  const load = parseScenarioText(scenario(sample), join(dir, 'replay.yaml'));
  if (!load.ok) throw new Error(JSON.stringify(load.errors));
  return {
    index: 0,
    id: `replay/${engine}/seed-1`,
    scenario: 'replay',
    doc: load.scenario.doc,
    scenarioDir: dir,
    engine,
    engineOptions: engineOptionsOrThrow(load.scenario.doc, engine, 'replay.yaml'),
    seed: 1,
  };
}

describe('trace replay through a trial', () => {
  it.each(['oracle', 'mesos', 'kubernetes'])('%s runs a 300-task job list to completion', async (engine) => {
    const r = await runTrialLoadingTraces(spec(engine));
    expect(r.status, r.error).toBe('ok');
    const m = r.metrics;
    expect(m?.accounting.tasksSubmitted).toBe(300);
    expect(m?.accounting.tasksFinished).toBe(300);
    expect(m?.counters['trace-rows:jobs']).toBe(JOBS);
    expect(m?.counters['trace-invalid-rows:jobs']).toBe(0);
  });

  it('samples the same rows on every engine for a seed, and counts those left out', async () => {
    const [a, b] = await Promise.all([runTrialLoadingTraces(spec('oracle', 0.5)), runTrialLoadingTraces(spec('kubernetes', 0.5))]);
    const out = a.metrics?.counters['trace-sampled-out:jobs'] ?? 0;
    expect(out).toBeGreaterThan(5);
    expect(out).toBeLessThan(JOBS - 5);
    expect(b.metrics?.counters['trace-sampled-out:jobs']).toBe(out);
    expect(b.metrics?.accounting.tasksSubmitted).toBe(a.metrics?.accounting.tasksSubmitted);
  });

  it('fails the trial with file and line when a row is malformed', async () => {
    writeFileSync(join(dir, 'bad.csv'), 'workload,submitted,numTasks,duration,cpusPerTask,memPerTask\nBatch,1,2,3,4,5\nBatch,oops,2,3,4,5\n');
    const s = spec('oracle');
    const doc = { ...s.doc, spec: { ...s.doc.spec, workloads: s.doc.spec.workloads.map((w) => ({ ...w, file: 'bad.csv' })) } };
    const r = await runTrialLoadingTraces({ ...s, doc });
    expect(r.status).toBe('failed');
    expect(r.error).toMatch(/bad\.csv:3: submitted "oops"/);
  });
});
