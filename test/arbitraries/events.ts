import fc from 'fast-check';
import { type RawCluster } from './cluster.js';
import { taskCpu, taskMemory, writeSeconds } from './quantities.js';
import { type RawWorkload } from './workloads.js';

/** What events may refer to. */
export interface EventShape {
  readonly durationS: number;
  readonly cluster: RawCluster;
  readonly nodeNames: readonly string[];
  readonly workloads: readonly RawWorkload[];
  /** Node faults: crash, recover, partition, heal. */
  readonly faults: boolean;
  /** Desired-state changes: scale, rollout, burst. */
  readonly changes: boolean;
  /** At most this many events. */
  readonly maxEvents?: number;
}

export type RawEvent = Record<string, unknown> & { kind: string; at: string };

function startOf(w: RawWorkload): number {
  const t = typeof w.startAt === 'string' ? Number(/^(\d+)s$/.exec(w.startAt)?.[1] ?? NaN) : 0;
  return Number.isFinite(t) ? t : 0;
}

/**
 * Events valid for the given cluster and workloads: node faults aimed by names, count, fraction or a
 * group selector (with recoverAfter/healAfter sometimes), scale and rollout of services (not before
 * they start), bursts of batch jobs, and a control-plane crash. Every `at` is before the horizon.
 */
export function eventsArb(shape: EventShape): fc.Arbitrary<RawEvent[]> {
  const last = shape.durationS - 1;
  const at = (from = 0): fc.Arbitrary<string> => fc.integer({ min: Math.min(from, last), max: last }).map((s) => writeSeconds(s));
  const groups = shape.cluster.nodeGroups;
  const target = fc.oneof(
    fc.subarray([...shape.nodeNames], { minLength: 1, maxLength: Math.min(2, shape.nodeNames.length) }).map((names) => ({ names })),
    fc.integer({ min: 1, max: Math.min(2, shape.nodeNames.length) }).map((count) => ({ count })),
    fc.constantFrom(0.25, 0.5).map((fraction) => ({ fraction })),
    fc.constantFrom(...groups).map((g) => ({ selector: { group: g.name }, count: 1 })),
  );
  const after = fc.integer({ min: 5, max: 120 }).map((s) => writeSeconds(s));
  const options: fc.Arbitrary<RawEvent>[] = [];
  if (shape.faults) {
    options.push(
      fc.record({ kind: fc.constant('crash'), at: at(), nodes: target, recoverAfter: after }, { requiredKeys: ['kind', 'at', 'nodes'] }),
      fc.record({ kind: fc.constant('recover'), at: at(), nodes: target }),
      fc.record({ kind: fc.constant('partition'), at: at(), nodes: target, healAfter: after }, { requiredKeys: ['kind', 'at', 'nodes'] }),
      fc.record({ kind: fc.constant('heal'), at: at(), nodes: target }),
      fc.record(
        { kind: fc.constant('scheduler-crash'), at: at(), component: fc.constantFrom('scheduler', 'framework'), downFor: after },
        { requiredKeys: ['kind', 'at', 'component'] },
      ),
    );
  }
  const services = shape.workloads.filter((w) => w.kind === 'Service');
  const jobs = shape.workloads.filter((w) => w.kind === 'BatchJob');
  if (shape.changes && services.length > 0) {
    options.push(
      fc
        .constantFrom(...services)
        .chain((s) => fc.record({ kind: fc.constant('scale'), at: at(startOf(s)), service: fc.constant(s.name), replicas: fc.integer({ min: 0, max: 8 }) })),
      fc.constantFrom(...services).chain((s) =>
        fc.record(
          {
            kind: fc.constant('rollout'),
            at: at(startOf(s)),
            service: fc.constant(s.name),
            version: fc.constantFrom('v2', 'v3'),
            resources: fc.record({ cpu: taskCpu, memory: taskMemory }),
          },
          { requiredKeys: ['kind', 'at', 'service', 'version'] },
        ),
      ),
    );
  }
  if (shape.changes && jobs.length > 0) {
    options.push(
      fc
        .constantFrom(...jobs)
        .chain((j) => fc.record({ kind: fc.constant('burst'), at: at(), job: fc.constant(j.name), count: fc.integer({ min: 1, max: 3 }) })),
    );
  }
  if (options.length === 0) return fc.constant([]);
  return fc.array(fc.oneof(...options), { maxLength: shape.maxEvents ?? 4 });
}
