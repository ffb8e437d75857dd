import { addResources, subtractResources } from '../../../cluster/resources.js';
import { type Rng } from '../../../sim/rng.js';
import { runFiltersWithNominated } from './framework.js';
import { type FilterOutcome, type NodeInfo, type PodInfo } from './types.js';

/** A node where preemption would make room, and the pods it would evict. */
export interface Candidate {
  readonly node: string;
  readonly victims: readonly PodInfo[];
}

/** `MoreImportantPod`: higher priority first, then the earlier start. */
function moreImportant(a: PodInfo, b: PodInfo): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  return (a.startTime ?? Number.MAX_SAFE_INTEGER) - (b.startTime ?? Number.MAX_SAFE_INTEGER);
}

/** The node as it would be with `removed` gone (a copy; the cache is untouched). */
function without(node: NodeInfo, removed: readonly PodInfo[]): NodeInfo {
  const pods = new Map(node.pods);
  let requested = node.requested;
  for (const p of removed) {
    pods.delete(p.key);
    requested = subtractResources(requested, p.requests);
  }
  return { ...node, pods, requested };
}

function withPod(node: NodeInfo, pod: PodInfo): NodeInfo {
  const pods = new Map(node.pods);
  pods.set(pod.key, pod);
  return { ...node, pods, requested: addResources(node.requested, pod.requests) };
}

/**
 * `selectVictimsOnNode` without PodDisruptionBudgets (nominated pods of equal or higher priority
 * count as present, as in the real dry run): remove every lower-priority pod; if the
 * preemptor then fits, add them back from the most important down, keeping each that still lets
 * the preemptor fit; the rest are the victims. Undefined when preemption cannot help on this node.
 */
export function selectVictimsOnNode(preemptor: PodInfo, node: NodeInfo, nominated?: ReadonlyMap<string, readonly PodInfo[]>): Candidate | undefined {
  const lower = [...node.pods.values()].filter((p) => p.priority < preemptor.priority);
  if (lower.length === 0) return undefined;
  let state = without(node, lower);
  if (!runFiltersWithNominated(preemptor, state, nominated).ok) return undefined;
  const victims: PodInfo[] = [];
  for (const p of lower.sort(moreImportant)) {
    const next = withPod(state, p);
    if (runFiltersWithNominated(preemptor, next, nominated).ok) state = next;
    else victims.push(p);
  }
  return victims.length === 0 ? undefined : { node: node.name, victims };
}

/** The earliest start among the highest-priority victims (`GetEarliestPodStartTime`). */
function earliestStartOfTop(victims: readonly PodInfo[]): number {
  let top = -Infinity;
  for (const v of victims) top = Math.max(top, v.priority);
  let earliest = Number.MAX_SAFE_INTEGER;
  for (const v of victims) if (v.priority === top) earliest = Math.min(earliest, v.startTime ?? Number.MAX_SAFE_INTEGER);
  return earliest;
}

/**
 * `pickOneNodeForPreemption` (no PDBs, so no violations): lowest highest-victim priority, then the
 * smallest sum of victim priorities, then fewest victims, then the latest start of the
 * highest-priority victims, then the first candidate.
 */
export function pickOneNodeForPreemption(candidates: readonly Candidate[]): Candidate | undefined {
  let pool = [...candidates];
  const keepMin = (f: (c: Candidate) => number): void => {
    let best = Infinity;
    for (const c of pool) best = Math.min(best, f(c));
    pool = pool.filter((c) => f(c) === best);
  };
  keepMin((c) => Math.max(...c.victims.map((v) => v.priority)));
  keepMin((c) => c.victims.reduce((s, v) => s + v.priority, 0));
  keepMin((c) => c.victims.length);
  keepMin((c) => -earliestStartOfTop(c.victims));
  return pool[0];
}

/**
 * `PodEligibleToPreemptOthers`: not with `preemptionPolicy: Never`, and not while lower-priority
 * pods on its nominated node are still terminating (its earlier preemption is still taking effect).
 */
export function eligibleToPreempt(preemptor: PodInfo, nodes: readonly NodeInfo[]): boolean {
  if (preemptor.preemptionPolicy === 'Never') return false;
  if (preemptor.nominatedNodeName === undefined) return true;
  const node = nodes.find((n) => n.name === preemptor.nominatedNodeName);
  if (!node) return true;
  for (const p of node.pods.values()) if (p.terminating && p.priority < preemptor.priority) return false;
  return true;
}

/** What DefaultPreemption decided, and how many nodes it examined (for think time). */
export type PreemptionResult =
  { readonly kind: 'none'; readonly examined: number } | { readonly kind: 'preempt'; readonly candidate: Candidate; readonly examined: number };

/**
 * DefaultPreemption's PostFilter: no preemption for `preemptionPolicy: Never`; candidates are the
 * nodes that failed with a resolvable reason, examined from a random offset, until
 * `max(n × pct / 100, abs)` candidates are found; then {@link pickOneNodeForPreemption}.
 * `anyLower(priority)`, when given, tells whether any pod below that priority exists anywhere: if
 * none does, the scan is skipped (same result and examined count, far cheaper).
 */
export function preempt(
  preemptor: PodInfo,
  nodes: readonly NodeInfo[],
  rejections: ReadonlyMap<string, FilterOutcome & { ok: false }>,
  minPct: number,
  minAbs: number,
  rng: Rng,
  nominated?: ReadonlyMap<string, readonly PodInfo[]>,
  anyLower?: (priority: number) => boolean,
): PreemptionResult {
  if (!eligibleToPreempt(preemptor, nodes) || nodes.length === 0) return { kind: 'none', examined: 0 };
  const n = nodes.length;
  const want = Math.min(n, Math.max(Math.trunc((n * minPct) / 100), minAbs));
  const offset = rng.int(0, n - 1);
  if (anyLower && !anyLower(preemptor.priority)) {
    // No pod of lower priority anywhere: every node would be examined and give no candidate
    // (`selectVictimsOnNode` finds nothing to evict), so count them without the dry runs.
    let examined = 0;
    for (const node of nodes) if (!rejections.get(node.name)?.unresolvable) examined++;
    return { kind: 'none', examined };
  }
  const found: Candidate[] = [];
  let examined = 0;
  for (let i = 0; i < n && found.length < want; i++) {
    const node = nodes[(offset + i) % n] as NodeInfo;
    const r = rejections.get(node.name);
    if (r && r.unresolvable) continue;
    examined++;
    const c = selectVictimsOnNode(preemptor, node, nominated);
    if (c) found.push(c);
  }
  const picked = pickOneNodeForPreemption(found);
  return picked ? { kind: 'preempt', candidate: picked, examined } : { kind: 'none', examined };
}
