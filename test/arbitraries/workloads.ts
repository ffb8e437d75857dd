import fc from 'fast-check';
import { LABELS, TAINT_KEY } from './cluster.js';
import { taskCpu, taskMemory, writeSeconds } from './quantities.js';

/** Shape options of {@link workloadsArb}. */
export interface WorkloadShape {
  /** Tenants declared by the scenario; every workload names one. */
  readonly tenants: readonly string[];
  /** Horizon in seconds: start and submit times fall before it. */
  readonly durationS: number;
  /** Names of the nodes (for `nodeName` constraints). */
  readonly nodeNames: readonly string[];
  /** Placement constraints (selectors, affinity, tolerations, nodeName): may leave tasks pending forever. */
  readonly constraints?: boolean;
  /** First attempts that fail, parallelism caps, priorities: exercises retries and queues. */
  readonly complications?: boolean;
  /** Largest replica count of one service. */
  readonly maxReplicas?: number;
  /** Submissions only before this second (default: the whole horizon). */
  readonly submitBeforeS?: number;
}

export type RawWorkload = Record<string, unknown> & { kind: 'Service' | 'BatchJob'; name: string };

const requirement = fc
  .constantFrom(...Object.entries(LABELS))
  .chain(([key, values]) =>
    fc.oneof(
      fc.record({ key: fc.constant(key), operator: fc.constantFrom('In', 'NotIn'), values: fc.subarray([...values], { minLength: 1 }) }),
      fc.record({ key: fc.constant(key), operator: fc.constantFrom('Exists', 'DoesNotExist') }),
    ),
  );
const term = fc.record({ matchExpressions: fc.array(requirement, { minLength: 1, maxLength: 2 }) });
const toleration = fc.oneof(
  fc.record({ key: fc.constant(TAINT_KEY), operator: fc.constant('Equal'), value: fc.constant('batch') }, { requiredKeys: ['key', 'value'] }),
  fc.record(
    { key: fc.constant(TAINT_KEY), operator: fc.constant('Exists'), effect: fc.constantFrom('NoSchedule', 'NoExecute', 'PreferNoSchedule') },
    { requiredKeys: ['key', 'operator'] },
  ),
  fc.record({ operator: fc.constant('Exists') }),
);

function constraintsArb(nodeNames: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(
    {
      nodeSelector: fc.constantFrom(...Object.entries(LABELS)).chain(([k, vs]) => fc.constantFrom(...vs).map((v) => ({ [k]: v }))),
      tolerations: fc.array(toleration, { minLength: 1, maxLength: 2 }),
      affinity: fc.record(
        {
          required: fc.array(term, { minLength: 1, maxLength: 2 }),
          preferred: fc.array(fc.record({ weight: fc.integer({ min: 1, max: 100 }), term }), { maxLength: 2 }),
        },
        { requiredKeys: [] },
      ),
      ...(nodeNames.length > 0 ? { nodeName: fc.constantFrom(...nodeNames) } : {}),
    },
    { requiredKeys: [] },
  );
}

const isZero = (v: number | string): boolean => v === 0 || v === '0%';

const taskResources = fc.record({ cpu: taskCpu, memory: taskMemory }, { requiredKeys: ['cpu'] });

const taskCount = fc.oneof(
  fc.integer({ min: 1, max: 5 }),
  fc.integer({ min: 1, max: 4 }).map((max) => ({ kind: 'uniform', min: 1, max })),
  fc.constantFrom({ kind: 'exponential', mean: 2 }, { kind: 'empirical', samples: [1, 2, 3] }),
);

const runTime = fc.oneof(
  fc.integer({ min: 1, max: 60 }).map((s) => writeSeconds(s)),
  fc.constantFrom(
    { kind: 'constant', value: '10s' },
    { kind: 'uniform', min: '2s', max: '30s' },
    { kind: 'exponential', mean: '15s' },
    { kind: 'normal', mean: '20s', stddev: '5s' },
    { kind: 'lognormal', mu: 2, sigma: 0.5 },
    { kind: 'empirical', samples: ['5s', '500ms', '1m'] },
  ),
);

/**
 * Services and batch jobs (at least one workload, at most three of each) with distinct names
 * `svc-<i>` and `job-<i>`, each in one of the declared tenants. Batch jobs are submitted once
 * (`submitAt`, or at 0 when absent) or arrive as a short Poisson stream with a count.
 */
export function workloadsArb(shape: WorkloadShape): fc.Arbitrary<RawWorkload[]> {
  const lastStart = Math.max(0, Math.min(shape.submitBeforeS ?? shape.durationS, shape.durationS) - 1);
  const tenant = fc.constantFrom(...shape.tenants);
  const service = fc.record(
    {
      tenant,
      replicas: fc.integer({ min: 0, max: shape.maxReplicas ?? 6 }),
      resources: taskResources,
      priority: shape.complications ? fc.integer({ min: 0, max: 1000 }) : fc.constant(0),
      constraints: shape.constraints ? constraintsArb(shape.nodeNames) : fc.constant({}),
      version: fc.constantFrom('v1', '1.0'),
      startAt: fc.integer({ min: 0, max: Math.min(lastStart, 30) }).map((s) => writeSeconds(s)),
      // Both 0 is rejected (a rollout could never progress): a surge of 0 keeps some unavailability.
      strategy: fc
        .record({
          maxSurge: fc.oneof(fc.integer({ min: 0, max: 2 }), fc.constantFrom('25%', '50%', '0%')),
          maxUnavailable: fc.oneof(fc.integer({ min: 0, max: 2 }), fc.constantFrom('25%', '0%')),
        })
        .map((st) => (isZero(st.maxSurge) && isZero(st.maxUnavailable) ? { ...st, maxUnavailable: 1 } : st)),
    },
    { requiredKeys: ['replicas', 'resources', 'tenant'] },
  );
  const submission = fc.oneof(
    fc.record({ submitAt: fc.integer({ min: 0, max: lastStart }).map((s) => writeSeconds(s)) }, { requiredKeys: [] }),
    fc.record({
      arrivals: fc.record(
        {
          meanInterArrival: fc.integer({ min: 2, max: 60 }).map((s) => writeSeconds(s)),
          count: fc.integer({ min: 1, max: 4 }),
          start: fc.integer({ min: 0, max: lastStart }).map((s) => writeSeconds(s)),
          until: fc.constant(writeSeconds(lastStart)),
        },
        { requiredKeys: ['meanInterArrival', 'count'] },
      ),
    }),
  );
  const job = fc
    .tuple(
      fc.record(
        {
          tenant,
          tasks: taskCount,
          resources: taskResources,
          duration: runTime,
          priority: shape.complications ? fc.integer({ min: 0, max: 1000 }) : fc.constant(0),
          constraints: shape.constraints ? constraintsArb(shape.nodeNames) : fc.constant({}),
          parallelism: shape.complications ? fc.integer({ min: 1, max: 3 }) : fc.constant(undefined),
          failureProbability: shape.complications ? fc.constantFrom(0, 0.2, 0.5) : fc.constant(0),
          sync: fc.boolean(),
        },
        { requiredKeys: ['tasks', 'resources', 'duration', 'tenant'] },
      ),
      submission,
    )
    .map(([j, s]) => {
      const out: Record<string, unknown> = { ...j, ...s };
      if (out.parallelism === undefined) delete out.parallelism;
      return out;
    });
  return fc
    .record({ services: fc.array(service, { maxLength: 3 }), jobs: fc.array(job, { maxLength: 3 }) })
    .filter(({ services, jobs }) => services.length + jobs.length > 0)
    .map(({ services, jobs }) => [
      ...services.map((s, i): RawWorkload => ({ kind: 'Service', name: `svc-${i}`, ...s })),
      ...jobs.map((j, i): RawWorkload => ({ kind: 'BatchJob', name: `job-${i}`, ...j })),
    ]);
}
