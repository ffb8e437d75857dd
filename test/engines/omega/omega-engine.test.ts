import { describe, expect, it } from 'vitest';
import { omegaEngine } from '../../../src/engines/omega/index.js';
import { engineTrial } from '../../support/engine-harness.js';

/** A busy two-tenant cell: a fast batch tenant and a slow-thinking service tenant (Omega §4.3). */
function contended(options: string): string {
  return `apiVersion: schedbench/v1
kind: Scenario
metadata: { name: omega-contended }
spec:
  duration: 4m
  seeds: [1]
  cluster:
    nodeGroups:
      - { name: node, count: 10, resources: { cpu: 8, memory: 32Gi } }
  tenants: [{ name: batch }, { name: service }]
  workloads:
    - kind: BatchJob
      name: batch
      tenant: batch
      tasks: 10
      resources: { cpu: 1, memory: 2Gi }
      duration: { kind: exponential, mean: 30s }
      arrivals: { meanInterArrival: 3s, until: 3m }
    - kind: BatchJob
      name: service
      tenant: service
      tasks: 5
      resources: { cpu: 1, memory: 4Gi }
      duration: { kind: exponential, mean: 200s }
      arrivals: { meanInterArrival: 15s, until: 3m }
  engines:
    omega:
      partition: tenant
      thinkTimes: { service: { tJob: 5s } }
${options}
`;
}

const CRASH = `apiVersion: schedbench/v1
kind: Scenario
metadata: { name: omega-crash }
spec:
  duration: 2m
  seeds: [1]
  cluster:
    nodeGroups:
      - { name: node, count: 4, resources: { cpu: 8, memory: 32Gi } }
  workloads:
    - { kind: Service, name: web, replicas: 8, resources: { cpu: 1, memory: 1Gi } }
  events:
    - { kind: crash, at: 30s, nodes: { names: [node-1] } }
`;

function transactions(options: string) {
  const t = engineTrial(omegaEngine, contended(options));
  t.runTo(240);
  return t.ofKind('transaction');
}

describe('the omega engine', () => {
  it('names its schedulers per tenant and reports each attempt as a transaction with its think time', () => {
    const tx = transactions('');
    expect(new Set(tx.map((e) => e.scheduler))).toEqual(new Set(['batch-1', 'service-1']));
    // t_job + t_task × the tasks it tried to place: at least those it placed on its copy.
    for (const e of tx.filter((x) => x.scheduler === 'service-1')) {
      expect((e.thinkTime - 5_000_000) % 5_000).toBe(0);
      expect(e.thinkTime).toBeGreaterThanOrEqual(5_000_000 + 5_000 * Math.max(1, e.claims));
    }
  });

  it('finds more conflicts with coarse sequence numbers than with resource fit (Omega §5.2)', () => {
    const failed = (opts: string): number => transactions(opts).filter((e) => e.outcome === 'conflicted').length;
    const fine = failed('');
    const coarse = failed('      conflictMode: sequence-numbers');
    expect(coarse).toBeGreaterThan(fine);
  });

  it('refuses a whole transaction at any conflict under all-or-nothing', () => {
    const tx = transactions('      conflictMode: sequence-numbers\n      transactionMode: all-or-nothing');
    const conflicted = tx.filter((e) => e.outcome === 'conflicted');
    expect(conflicted.length).toBeGreaterThan(0);
    for (const e of conflicted) expect(e.conflicts).toBe(e.claims);
  });

  it('spreads jobs over two batch schedulers by a hash of the job name', () => {
    const tx = transactions('      schedulers: { batch: 2 }');
    expect(new Set(tx.map((e) => e.scheduler))).toEqual(new Set(['batch-1', 'batch-2', 'service-1']));
  });

  it('reports each job as considered once, at its first attempt', () => {
    const t = engineTrial(omegaEngine, contended(''));
    t.runTo(240);
    const considered = t.ofKind('job-considered').map((e) => e.job);
    expect(considered.length).toBeGreaterThan(0);
    expect(new Set(considered).size).toBe(considered.length);
  });

  it('marks a crashed machine down after the missed polls and replaces its replicas elsewhere', () => {
    const t = engineTrial(omegaEngine, CRASH);
    t.runTo(120);
    const down = t.ofKind('counter').filter((c) => c.name === 'machine-marked-down');
    expect(down).toHaveLength(1);
    const at = (down[0]?.time ?? 0) / 1e6;
    // Polls every 5 s; 3 unanswered periods: between 15 s and 20 s after the crash.
    expect(at).toBeGreaterThanOrEqual(45);
    expect(at).toBeLessThanOrEqual(50.1);
    const placedAfter = t.ofKind('task-placed').filter((p) => p.time / 1e6 >= at);
    expect(placedAfter.length).toBeGreaterThan(0);
    expect(placedAfter.every((p) => p.node !== 'node-1')).toBe(true);
  });

  it('explains every transaction with the sequence numbers the commit saw', () => {
    const t = engineTrial(omegaEngine, contended('      conflictMode: sequence-numbers'), 1, true);
    t.runTo(240);
    const records = t
      .ofKind('explain')
      .map((e) => e.record as { type: string; outcome: string; claims: { seqAtCopy: number; seqAtCommit: number; verdict: string }[] });
    expect(records.length).toBe(t.ofKind('transaction').filter((e) => e.outcome !== 'no-fit').length);
    for (const r of records) for (const c of r.claims) expect(c.verdict === 'accepted').toBe(c.seqAtCopy === c.seqAtCommit);
  });
});
