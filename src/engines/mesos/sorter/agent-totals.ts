import { addInto, subtractInto } from './dimensions.js';

/**
 * The resources every share is measured against, kept per agent as Mesos's DRF sorter keeps them
 * (`addSlave`/`removeSlave` over `agentResourceQuantities`, sorter/drf/sorter.cpp): an agent is
 * added once with its vector and removed by name, taking back exactly what it brought. Adding an
 * agent twice or removing an unknown one is a broken invariant (upstream: a CHECK failure) and throws.
 */
export class AgentTotals {
  private readonly byAgent = new Map<string, readonly number[]>();
  /** The sum over agents, per dimension index (a running sum: the same calls give the same numbers). */
  readonly sum: number[] = [];

  /** Counts `agent`'s vector in the sum; throws if the agent is already counted. */
  add(agent: string, vector: readonly number[]): void {
    if (this.byAgent.has(agent)) throw new Error(`sorter: agent ${agent} already added`);
    this.byAgent.set(agent, vector);
    addInto(this.sum, vector);
  }

  /** Takes `agent`'s vector back out of the sum; throws for an agent never added (or removed already). */
  remove(agent: string): void {
    const vector = this.byAgent.get(agent);
    if (vector === undefined) throw new Error(`sorter: unknown agent ${agent}`);
    this.byAgent.delete(agent);
    subtractInto(this.sum, vector);
  }

  has(agent: string): boolean {
    return this.byAgent.has(agent);
  }
}
