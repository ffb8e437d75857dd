import { type NodeSpec } from '../cluster/node.js';
import { createDistribution } from '../sim/distributions.js';
import { type Rng } from '../sim/rng.js';
import { seconds, type SimDuration } from '../sim/time.js';
import { type LifecycleIntent } from '../intents/index.js';
import { configVersionAt, DEFAULT_CONFIG_USE } from './app-catalog.js';
import { type EventSpec, type ScenarioDoc } from './schema.js';

type LifecycleEvent = Extract<EventSpec, { kind: 'config-change' | 'restart' | 'run-once-per-node' }>;

/**
 * The intent of a lifecycle event (the `index`-th event of the scenario) and the label of its
 * perturbation. Operation ids: `config-change-<index>`, `restart-<index>`, and the event's `name` for
 * run-once-per-node. A config change carries the config's next version (versions only increase) and
 * the services that use the config. A run-once-per-node operation lists one task per node of the
 * inventory, node i's run time being the i-th draw of the stream `workload/<name>` (`workloadRng` is
 * the trial's `workload` stream), so every engine runs the same durations on the same nodes.
 */
export function lifecycleIntent(
  doc: ScenarioDoc,
  e: LifecycleEvent,
  index: number,
  nodes: readonly NodeSpec[],
  workloadRng: Rng,
): { readonly intent: LifecycleIntent; readonly label: string } {
  switch (e.kind) {
    case 'config-change': {
      const version = configVersionAt(doc, e.config, e.at) + sameInstantChangesBefore(doc, e, index);
      const services = doc.spec.workloads.flatMap((w) =>
        w.kind === 'Service' && w.config === e.config ? [{ service: w.name, use: w.configUse ?? DEFAULT_CONFIG_USE }] : [],
      );
      return {
        intent: { kind: 'config-changed', time: e.at, operation: `config-change-${index}`, config: e.config, version, services },
        label: `config-change ${e.config} to version ${version}`,
      };
    }
    case 'restart':
      return { intent: { kind: 'service-restart', time: e.at, operation: `restart-${index}`, service: e.service }, label: `restart ${e.service}` };
    case 'run-once-per-node': {
      const runFor = createDistribution(e.runFor);
      const rng = workloadRng.split(e.name);
      const tasks = nodes.map((n) => ({ node: n.name, key: `${e.name}#${n.name}`, runFor: Math.max(0, seconds(runFor.sample(rng))) as SimDuration }));
      return {
        intent: { kind: 'run-once-per-node', time: e.at, operation: e.name, tenant: e.tenant, priority: e.priority, resources: e.resources, pod: e.pod, tasks },
        label: `run-once-per-node ${e.name}`,
      };
    }
  }
}

/** Changes of the same config at the same instant listed before event `index` (each gets its own version). */
function sameInstantChangesBefore(doc: ScenarioDoc, e: Extract<EventSpec, { kind: 'config-change' }>, index: number): number {
  return doc.spec.events.filter((o, i) => i < index && o.kind === 'config-change' && o.config === e.config && o.at === e.at).length + 1;
}
