import { type NodeSpec } from '../../../cluster/node.js';
import { addResources, fitsWithin, NO_RESOURCES, type Resources, subtractResources } from '../../../cluster/resources.js';
import { type TaskLaunch } from '../../../cluster/task.js';
import { type Offer } from '../types.js';

/** What the invariant check reads from the master's books (all read-only). */
export interface MasterBooks {
  /** Registered agents: name, description and the ids of the tasks the master has on them. */
  readonly agents: Iterable<{ readonly name: string; readonly spec: NodeSpec; readonly tasks: ReadonlySet<string> }>;
  /** A task the master knows, by id. */
  task(id: string): { readonly task: TaskLaunch } | undefined;
  /** Outstanding offers on an agent. */
  offersOn(agent: string): readonly Offer[];
  /** The allocator's free resources on an agent. */
  free(agent: string): Resources;
  /** What actually runs on the node (the cluster's truth). */
  used(agent: string): Resources;
}

/**
 * Checks the master's books against the allocator and the node's truth (for tests): per registered
 * agent, the allocator's allocation equals the tasks the master knows plus the outstanding offers,
 * and what actually runs on the node fits in it. Returns one line per broken invariant.
 */
export function checkMasterInvariants(books: MasterBooks): string[] {
  const problems: string[] = [];
  const key = (r: Resources): string => `${r.cpu}/${r.memory}/${r.gpu}`;
  for (const a of books.agents) {
    let expected = NO_RESOURCES;
    for (const id of a.tasks) {
      const t = books.task(id);
      if (t === undefined) problems.push(`${a.name}: task ${id} in the agent's list but not in the books`);
      else expected = addResources(expected, t.task.resources);
    }
    for (const o of books.offersOn(a.name)) expected = addResources(expected, o.resources);
    const allocated = subtractResources(a.spec.allocatable, books.free(a.name));
    if (key(allocated) !== key(expected)) problems.push(`${a.name}: allocator holds ${key(allocated)}, books say ${key(expected)}`);
    const used = books.used(a.name);
    if (!fitsWithin(used, allocated)) problems.push(`${a.name}: node uses ${key(used)} beyond the ${key(allocated)} the master accounts for`);
  }
  return problems;
}
