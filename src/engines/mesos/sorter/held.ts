import { addResources, isZero, type Resources, subtractResources } from '../../../cluster/resources.js';
import { type HeldResources } from './sorter-node.js';

/*
 * A sorter client's per-agent allocation (`SorterNode.perAgent`). Vectors without extended
 * dimensions are held as the sorter's own mutable copies and updated in place (this runs for every
 * offer); the others are replaced, as values. An agent whose allocation comes back to zero leaves
 * the map (and goes last when it comes back, as in a map).
 */

/** Adds `resources` on `agent`. */
export function holdMore(per: Map<string, HeldResources>, agent: string, resources: Resources): void {
  const prev = per.get(agent);
  if (prev === undefined) per.set(agent, resources.ext === undefined ? { cpu: resources.cpu, memory: resources.memory, gpu: resources.gpu } : resources);
  else if (prev.ext === undefined && resources.ext === undefined) {
    prev.cpu += resources.cpu;
    prev.memory += resources.memory;
    prev.gpu += resources.gpu;
  } else per.set(agent, addResources(prev, resources));
}

/** Takes `resources` back on `agent`; false when nothing is held there. Reads `resources` before writing (it may be the held vector itself). */
export function holdLess(per: Map<string, HeldResources> | undefined, agent: string, resources: Resources): boolean {
  const prev = per?.get(agent);
  if (per === undefined || prev === undefined) return false;
  if (prev.ext === undefined && resources.ext === undefined) {
    const cpu = resources.cpu;
    const memory = resources.memory;
    const gpu = resources.gpu;
    prev.cpu -= cpu;
    prev.memory -= memory;
    prev.gpu -= gpu;
    if (prev.cpu === 0 && prev.memory === 0 && prev.gpu === 0) per.delete(agent);
  } else {
    const rest = subtractResources(prev, resources);
    if (isZero(rest)) per.delete(agent);
    else per.set(agent, rest);
  }
  return true;
}

/** An immutable copy of a held vector (held vectors without extended dimensions change in place). */
export function snapshot(r: Resources): Resources {
  return r.ext === undefined ? { cpu: r.cpu, memory: r.memory, gpu: r.gpu } : r;
}

/** Snapshots of every agent's held vector (an empty map for none). */
export function snapshots(per: ReadonlyMap<string, Resources> | undefined): Map<string, Resources> {
  const out = new Map<string, Resources>();
  for (const [agent, r] of per ?? []) out.set(agent, snapshot(r));
  return out;
}
