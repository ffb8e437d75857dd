import { type FilterOutcome, FITS, type NodeInfo, type PodInfo } from '../types.js';

/**
 * NodeResourcesFit filter (`fitsRequest`): the pod count must stay within allocatable pods, and
 * every resource the pod requests (> 0) must fit into allocatable − requested (raw requests, no
 * defaults). The reason lists the first shortfall, as `Insufficient cpu` / `Too many pods`.
 */
export function nodeResourcesFitFilter(pod: PodInfo, node: NodeInfo): FilterOutcome {
  if (node.pods.size + 1 > node.maxPods) return insufficient('Too many pods');
  const r = pod.requests;
  const a = node.allocatable;
  const u = node.requested;
  if (r.cpu > 0 && r.cpu > a.cpu - u.cpu) return insufficient('Insufficient cpu');
  if (r.memory > 0 && r.memory > a.memory - u.memory) return insufficient('Insufficient memory');
  if (r.gpu > 0 && r.gpu > a.gpu - u.gpu) return insufficient('Insufficient nvidia.com/gpu');
  if (r.ext) {
    for (const name in r.ext) {
      const want = r.ext[name] as number;
      if (want > 0 && want > (a.ext?.[name] ?? 0) - (u.ext?.[name] ?? 0)) return insufficient(`Insufficient ${name}`);
    }
  }
  return FITS;
}

/** One frozen outcome per reason: a full cluster rejects on every node of every cycle, so no allocation. */
const OUTCOMES = new Map<string, FilterOutcome>();

/** The shared frozen outcome for `reason` (the fast filter walk returns the same objects). */
export function insufficient(reason: string): FilterOutcome {
  let r = OUTCOMES.get(reason);
  if (!r) {
    r = Object.freeze({ ok: false, plugin: 'NodeResourcesFit', reason, unresolvable: false });
    OUTCOMES.set(reason, r);
  }
  return r;
}
