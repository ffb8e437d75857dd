import { addResources, isZero, minResources, NO_RESOURCES, type Resources, subtractResources } from '../../../cluster/resources.js';
import { type AgentState, type FrameworkState } from './allocator-state.js';
import { type RoleQuota } from '../options.js';
import { clampNonNegative, quotaRoom, unsatisfied } from './quota.js';
import { type DrfSorter } from '../sorter/drf-sorter.js';

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

/** Fair-share mode: what a framework may be offered (its demand left, else its fair share left). */
export function fairCap(
  left: Resources | undefined,
  frameworks: Iterable<FrameworkState>,
  roleSorter: DrfSorter,
  frameworkSorter: DrfSorter,
  fw: string,
  role: string,
): Resources {
  if (left !== undefined) return left;
  const all = [...frameworks];
  const total = roleSorter.totalResources();
  let weights = 0;
  for (const r of new Set(all.filter((x) => x.connected && !x.suppressed).map((x) => x.role))) weights += roleSorter.weightOf(r);
  const peers = all.filter((x) => x.role === role && x.connected && !x.suppressed).length;
  const share = weights > 0 && peers > 0 ? roleSorter.weightOf(role) / weights / peers : 0;
  const entitlement = { cpu: Math.floor(total.cpu * share), memory: Math.floor(total.memory * share), gpu: Math.floor(total.gpu * share) };
  return clampNonNegative(subtractResources(entitlement, frameworkSorter.allocationTotal(fw)));
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
