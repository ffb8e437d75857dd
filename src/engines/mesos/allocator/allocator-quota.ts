import { addResources, isZero, minResources, NO_RESOURCES, type Resources, subtractResources } from '../../../cluster/resources.js';
import { type AgentState, type FrameworkState } from './allocator-state.js';
import { type RoleQuota } from '../options.js';
import { clampNonNegative, quotaRoom, unsatisfied } from './quota.js';
import { type DrfSorter } from '../sorter/drf-sorter.js';
import { type FillingClaimant, type FillingPoint, pointAmount } from './drf-point.js';

/*
 * The allocator's quota and fair-share arithmetic (the parts of a cycle that only the quota and
 * fair-share settings use), as functions of the allocator's state.
 */

/**
 * The cap on what a role may be offered of one agent in a stage: undefined for no cap, 'skip' when
 * the role gets nothing in this stage. `consumed` is what the role holds plus what this agent's
 * decisions gave it so far (asked only when there is a quota or a headroom).
 */
export function roleCap(
  stage: 'quota-guarantee' | 'fair-sharing',
  quota: RoleQuota | undefined,
  headroom: Resources | undefined,
  consumed: () => Resources,
): Resources | undefined | 'skip' {
  if (quota === undefined && headroom === undefined) return stage === 'quota-guarantee' ? 'skip' : undefined;
  const used = consumed();
  if (stage === 'quota-guarantee') {
    if (quota?.guarantee === undefined) return 'skip';
    const cap = unsatisfied(quota.guarantee, used);
    return isZero(cap) ? 'skip' : cap;
  }
  let cap: Resources | undefined;
  if (quota?.limit !== undefined) cap = quotaRoom(quota.limit, used);
  if (headroom !== undefined) {
    const own = quota?.guarantee !== undefined ? unsatisfied(quota.guarantee, used) : NO_RESOURCES;
    const room = addResources(headroom, own);
    cap = cap === undefined ? room : minResources(cap, room);
  }
  return cap;
}

/**
 * Fair-share mode: what a framework may be offered of one agent, at most what it still asks for
 * (`left`, when it said) and at most what takes it to its place at the DRF point (`point`, see
 * drf-point.ts) from what it holds now (offers included). Progressive filling, not the demand
 * alone: a framework that asks for the whole machine is still stopped where DRF stops it.
 */
export function fairCap(left: Resources | undefined, point: FillingPoint | undefined, total: Resources, held: Resources): Resources {
  const room = point === undefined || !Number.isFinite(point.level) ? undefined : clampNonNegative(subtractResources(pointAmount(point, total), held));
  if (room === undefined) return left ?? total;
  return left === undefined ? room : minResources(left, room);
}

/**
 * The claimants of progressive filling: every framework the allocator knows, weighted by its
 * role's weight over the active frameworks of that role; suppressed or disconnected ones keep what
 * they hold. `held` is what the framework's role sorter says it holds (offers and tasks).
 */
export function fillingClaimants(
  frameworks: Iterable<FrameworkState>,
  roleSorter: DrfSorter,
  demandOf: (id: string) => Resources | undefined,
): FillingClaimant[] {
  const all = [...frameworks];
  const peers = new Map<string, number>();
  for (const f of all) if (f.connected && !f.suppressed) peers.set(f.role, (peers.get(f.role) ?? 0) + 1);
  return all.map((f) => ({
    id: f.id,
    weight: roleSorter.weightOf(f.role) / (peers.get(f.role) ?? 1),
    held: f.sorter.contains(f.id) ? f.sorter.allocationTotal(f.id) : NO_RESOURCES,
    demand: demandOf(f.id),
    fixed: !f.connected || f.suppressed,
  }));
}

/** Stage 2 headroom: unallocated resources minus what unsatisfied guarantees still need. */
export function surplusHeadroom(
  agents: Iterable<AgentState>,
  quotaRoles: readonly string[],
  quota: Readonly<Record<string, RoleQuota>>,
  roleSorter: DrfSorter,
): Resources {
  let free = NO_RESOURCES;
  for (const a of agents) if (a.active) free = addResources(free, subtractResources(a.total, a.allocated));
  let required = NO_RESOURCES;
  for (const role of quotaRoles) {
    const g = quota[role]?.guarantee;
    if (g === undefined) continue;
    const consumed = roleSorter.contains(role) ? roleSorter.allocationTotal(role) : NO_RESOURCES;
    required = addResources(required, unsatisfied(g, consumed));
  }
  return clampNonNegative(subtractResources(free, required));
}
