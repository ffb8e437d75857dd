import { type NodeSpec } from '../../cluster/node.js';
import { dominantShare, type Resources } from '../../cluster/resources.js';
import { type Prices } from '../../intents/traffic.js';

/** Bytes in a GiB. */
const GIB = 1024 ** 3;

/**
 * What one instance costs per hour while it holds `resources` on `node` (from its launch until it
 * ends, the same span utilization counts): cpu cores × cpuHour + GiB × memoryGiBHour with per-resource
 * prices; with a node-hour price, the instance's dominant share of its node's allocatable resources ×
 * nodeHour (a node is paid for whole, and each instance pays for the part it keeps others from using).
 * Cost is the integral of this rate over time: `cost = Σ rate × hours held`.
 */
export function costPerHour(resources: Resources, node: NodeSpec | undefined, prices: Prices): number {
  if (prices.kind === 'resources') return (resources.cpu / 1000) * prices.cpuHour + (resources.memory / GIB) * prices.memoryGiBHour;
  return node === undefined ? 0 : dominantShare(resources, node.allocatable) * prices.nodeHour;
}
