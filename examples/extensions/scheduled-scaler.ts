/*
 * A Kubernetes controller written against schedbench's extension API (docs/extending.md): it keeps
 * Deployments at the replica counts of a schedule, as KEDA's cron scaler or kube-downscaler do.
 * The scenario entry's `config` gives the schedule:
 *
 *   extensions:
 *     - engine: kubernetes
 *       controller: ../examples/extensions/scheduled-scaler.ts
 *       config:
 *         targets:
 *           - deployment: default/web          # namespace/name (the namespace is the tenant)
 *             steps: [{ atSeconds: 60, replicas: 12 }, { atSeconds: 180, replicas: 4 }]
 *
 * Level-triggered like every controller upstream: an informer on Deployments queues the key of each
 * change; `sync(key)` compares the replicas the schedule wants *now* with the Deployment in the
 * cache, writes the difference through the `scale` subresource, and queues the key again for the
 * next step of the schedule. Missing a change or running twice does no harm: the next sync looks
 * at the level, not at the edge. The controller writes one number; the Deployment and ReplicaSet
 * controllers, the scheduler and the kubelets do the rest (composition).
 */
import type { ControllerApi, Deployment, KubeController } from '../../src/engines/kubernetes/extension/index.js';

interface Step {
  readonly atSeconds: number;
  readonly replicas: number;
}

interface Target {
  readonly deployment: string;
  readonly steps: readonly Step[];
}

const SECOND = 1_000_000;

/** The targets of the config, checked: a bad config fails the trial at start with a clear error. */
function targetsOf(config: Readonly<Record<string, unknown>>): Map<string, Step[]> {
  const targets = config['targets'];
  if (!Array.isArray(targets)) throw new Error('config.targets must be a list of { deployment, steps }');
  const out = new Map<string, Step[]>();
  for (const [i, t] of (targets as Target[]).entries()) {
    if (typeof t.deployment !== 'string' || !t.deployment.includes('/')) throw new Error(`config.targets[${i}].deployment must be "namespace/name"`);
    if (!Array.isArray(t.steps) || t.steps.some((s) => !(s.atSeconds >= 0) || !Number.isInteger(s.replicas) || s.replicas < 0))
      throw new Error(`config.targets[${i}].steps must be a list of { atSeconds ≥ 0, replicas: a whole number ≥ 0 }`);
    out.set(
      t.deployment,
      [...t.steps].sort((a, b) => a.atSeconds - b.atSeconds),
    );
  }
  return out;
}

/** The step in force at `now` (undefined before the first), and when the next one starts. */
function stepAt(steps: readonly Step[], now: number): { current: Step | undefined; next: Step | undefined } {
  let current: Step | undefined;
  for (const s of steps) {
    if (s.atSeconds * SECOND > now) return { current, next: s };
    current = s;
  }
  return { current, next: undefined };
}

const scheduledScaler: KubeController = {
  name: 'scheduled-scaler',
  start(api: ControllerApi): void {
    const schedule = targetsOf(api.config);
    const deployments = api.informer('Deployment');
    const queue = api.workQueue((key) => {
      const steps = schedule.get(key);
      const d: Deployment | undefined = deployments.get(key);
      if (steps === undefined || d === undefined) return 'done';
      const { current, next } = stepAt(steps, api.now());
      if (next !== undefined) queue.addAfter(key, next.atSeconds * SECOND - api.now());
      if (current === undefined || d.spec.replicas === current.replicas) return 'done';
      api.client.scale('Deployment', key, current.replicas, (result) => {
        if (result.kind === 'ok') api.count('scaled');
        else queue.addRateLimited(key);
      });
      return 'done';
    });
    const enqueue = (d: Deployment): void => {
      const key = api.keyOf(d);
      if (schedule.has(key)) queue.add(key);
    };
    deployments.addEventHandler({ onAdd: enqueue, onUpdate: (_old, d) => enqueue(d) });
  },
};

export default scheduledScaler;
