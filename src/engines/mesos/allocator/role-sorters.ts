import { type Resources } from '../../../cluster/resources.js';
import { DrfSorter } from '../sorter/drf-sorter.js';

/**
 * The allocator's framework sorters, one per role, made on first use with every agent's resources
 * (sorters are never removed). `of` remembers the role it answered last: the allocator asks for
 * the same role for agent after agent.
 */
export class RoleSorters {
  private readonly byRole = new Map<string, DrfSorter>();
  private lastRole: string | undefined;
  private lastSorter: DrfSorter | undefined;

  /** The sorter of a role; a new one counts every agent of `agents`. */
  of(role: string, agents: ReadonlyMap<string, { readonly name: string; readonly total: Resources }>): DrfSorter {
    if (role === this.lastRole) return this.lastSorter as DrfSorter;
    let s = this.byRole.get(role);
    if (s === undefined) {
      // The allocator keeps what each framework holds per agent itself (AgentFramework.held).
      s = new DrfSorter({ trackAgents: false });
      for (const a of agents.values()) s.addAgent(a.name, a.total);
      this.byRole.set(role, s);
    }
    this.lastRole = role;
    this.lastSorter = s;
    return s;
  }

  /** Every sorter, in the order the roles were first asked for. */
  all(): IterableIterator<DrfSorter> {
    return this.byRole.values();
  }
}
