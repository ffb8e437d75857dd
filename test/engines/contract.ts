import { describe, expect, it } from 'vitest';
import { runTrials } from '../../src/runner/pool.js';
import { buildTrial, runTrial } from '../../src/runner/trial.js';
import { type TrialResult, type TrialSpec } from '../../src/runner/trial-types.js';
import { scenarioFromYaml } from '../support/scenario.js';
import { TIGHT_SCHEDULING_BOUND, type UncontendedShape } from './tight-bounds.js';
import { engineOptionsOrThrow } from '../../src/runner/engine-options.js';

/**
 * A small scenario that exercises every intent and fault kind: services declared, scaled and rolled
 * out, batch jobs with a failing first attempt, a node crash and its recovery, a partition and its
 * heal. The crash window (7 min) is longer than Kubernetes's default taint-based eviction (≈ 6 min).
 */
export const CONTRACT_SCENARIO = `apiVersion: schedbench/v1
kind: Scenario
metadata:
  name: contract
spec:
  duration: 13m
  seeds: [7]
  cluster:
    nodeGroups:
      - name: node
        count: 8
        resources: { cpu: 8, memory: 32Gi }
        zones: [a, b]
  tenants:
    - name: web
    - name: batch
      weight: 2
  workloads:
    - kind: Service
      name: frontend
      tenant: web
      replicas: 6
      resources: { cpu: 1, memory: 2Gi }
    - kind: BatchJob
      name: etl
      tenant: batch
      tasks: 4
      resources: { cpu: 500m, memory: 1Gi }
      duration: { kind: uniform, min: 5s, max: 40s }
      failureProbability: 0.2
      arrivals: { meanInterArrival: 20s, count: 8 }
  events:
    - kind: scale
      at: 30s
      service: frontend
      replicas: 10
    - kind: crash
      at: 1m
      nodes: { count: 1 }
      recoverAfter: 7m
    - kind: rollout
      at: 9m
      service: frontend
      version: v2
    - kind: partition
      at: 10m
      nodes: { count: 1 }
      healAfter: 1m
`;

/** A scenario with more than enough room and no fault: every task must run within the engine's placement bound. */
export const UNCONTENDED_SCENARIO = `apiVersion: schedbench/v1
kind: Scenario
metadata:
  name: uncontended
spec:
  duration: 3m
  seeds: [3]
  cluster:
    nodeGroups:
      - name: node
        count: 6
        resources: { cpu: 16, memory: 64Gi }
  workloads:
    - kind: Service
      name: web
      replicas: 5
      resources: { cpu: 1, memory: 1Gi }
    - kind: BatchJob
      name: jobs
      tasks: 3
      resources: { cpu: 1, memory: 1Gi }
      duration: 10s
      arrivals: { meanInterArrival: 10s, count: 6 }
`;

/** What the tight bounds of {@link UNCONTENDED_SCENARIO} depend on (see tight-bounds.ts). */
const UNCONTENDED_SHAPE: UncontendedShape = { nodes: 6, replicas: 5, largestDecision: 5 };

/** Builds a trial spec for `engine` from scenario text. */
export function trialSpec(yaml: string, engine: string, seed?: number): TrialSpec {
  const s = scenarioFromYaml(yaml);
  const chosen = seed ?? (s.doc.spec.seeds[0] as number);
  return {
    index: 0,
    id: `${s.doc.metadata.name}/${engine}/seed-${chosen}`,
    scenario: s.doc.metadata.name,
    doc: s.doc,
    scenarioDir: '.',
    engine,
    engineOptions: engineOptionsOrThrow(s.doc, engine, s.file),
    seed: chosen,
    detail: true,
  };
}

function withoutPerf(r: TrialResult): Omit<TrialResult, 'perf'> {
  const { perf: _perf, ...rest } = r;
  return rest;
}

/**
 * The contract every registered engine must keep (DESIGN.md §8): determinism in and out of a
 * thread, no over-commit (the cluster throws, so a trial that over-commits fails), every submitted
 * task accounted for at the horizon, the placement bound it states, and convergence after faults.
 * `inThreads: false` leaves out the worker-thread run, for an engine a test registers in-process only.
 * `tightBound` states the engine's uncontended bound where the engine is not in tight-bounds.ts
 * (an engine registered by a test); every engine must state one, derived from its own model.
 */
export function describeEngineContract(
  engine: string,
  { inThreads = true, tightBound }: { readonly inThreads?: boolean; readonly tightBound?: (s: UncontendedShape) => number } = {},
): void {
  describe(`engine contract: ${engine}`, () => {
    const spec = trialSpec(CONTRACT_SCENARIO, engine);
    const first = runTrial(spec);

    it('finishes the trial without breaking an invariant (never over-commits a node)', () => {
      expect(first.error ?? '').toBe('');
      expect(first.status).toBe('ok');
      expect(first.simulatedSeconds).toBe(780);
    });

    it('gives identical results for the same spec', () => {
      expect(withoutPerf(runTrial(spec))).toEqual(withoutPerf(first));
    });

    // A worker thread loads the registry from the source tree: an engine a test adds there is not in it.
    it.runIf(inThreads)('gives identical results in a worker thread and in-process', async () => {
      const [threaded] = await runTrials([spec], { workers: 1 });
      expect(withoutPerf(threaded as TrialResult)).toEqual(withoutPerf(first));
    });

    it('accounts for every submitted task at the horizon', () => {
      const a = first.metrics?.accounting;
      expect(a).toBeDefined();
      if (!a) return;
      expect(a.tasksSubmitted).toBeGreaterThan(0);
      expect(a.tasksFinished + a.tasksRunning + a.tasksPending + a.tasksAbandoned).toBe(a.tasksSubmitted);
      const pendingWithReason = Object.values(a.pendingReasons).reduce((x, y) => x + y, 0);
      expect(pendingWithReason).toBe(a.tasksPending);
    });

    it('places every task within the bound it states when capacity suffices and nothing fails', () => {
      const s = trialSpec(UNCONTENDED_SCENARIO, engine);
      const r = runTrial(s);
      expect(r.status).toBe('ok');
      const bound = boundOf(s, 'placementWithin');
      const startup = r.metrics?.latency.find((l) => l.metric === 'startup' && l.group === 'all');
      expect(startup?.quantiles.count).toBe(5 + 18);
      expect(startup?.quantiles.max ?? Infinity).toBeLessThanOrEqual(bound / 1e6);
      expect(r.metrics?.accounting.tasksPending).toBe(0);
    });

    it('places every task within the tight bound its own model gives on an uncontended scenario', () => {
      const tight = tightBound ?? TIGHT_SCHEDULING_BOUND[engine];
      expect(tight, `test/engines/tight-bounds.ts has no tight bound for ${engine}: derive one from its model (or pass tightBound)`).toBeDefined();
      if (!tight) return;
      const r = runTrial(trialSpec(UNCONTENDED_SCENARIO, engine));
      const scheduling = r.metrics?.latency.find((l) => l.metric === 'scheduling' && l.group === 'all')?.quantiles;
      expect(scheduling?.count).toBe(5 + 18);
      // Microsecond times: a bound computed in seconds may round a hair below an exact sum.
      expect(scheduling?.max ?? Infinity).toBeLessThanOrEqual(tight(UNCONTENDED_SHAPE) + 1e-6);
    });

    it('converges after the crash within its own recovery bound', () => {
      const crash = first.metrics?.convergence.find((c) => c.kind === 'crash');
      expect(crash).toBeDefined();
      if (!crash) return;
      const bound = boundOf(spec, 'recoveryWithin');
      expect(crash.censored, `crash window censored at ${crash.convergence}s (bound ${bound / 1e6}s)`).toBe(false);
      expect(crash.convergence).toBeLessThanOrEqual(bound / 1e6);
    });

    it('ends with every desired replica running', () => {
      const a = first.metrics?.accounting;
      expect(a?.replicasRunning).toBe(a?.replicasDesired);
    });
  });
}

/** An engine's stated bound for a spec (built the same way the trial builds the engine). */
function boundOf(spec: TrialSpec, which: 'placementWithin' | 'recoveryWithin'): number {
  return buildTrial(spec).engine.bounds()[which];
}
