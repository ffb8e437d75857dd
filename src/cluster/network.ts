import { PRIORITY, type Simulator } from '../sim/simulator.js';
import { type ClusterEventSink, type MessageClass } from './events.js';
import { type Cluster } from './cluster-state.js';
import { type LatencySampler } from './latency.js';
import { type SimDuration, type SimTime } from '../sim/time.js';

/**
 * An endpoint is a node name (its agent) or a control-plane component, whose name starts with `@`
 * (`@master`, `@apiserver`, `@framework:batch`). Control-plane components never fail here: faults
 * hit nodes.
 */
export type Endpoint = string;

/**
 * The network between the control plane and the node agents. Every message pays the latency of
 * its class, is counted by label, and is dropped when a node at either end is down or partitioned,
 * either when it is sent or when it would arrive. An architecture that needs more hops pays for
 * more hops.
 */
export class Network {
  constructor(
    private readonly sim: Simulator,
    private readonly cluster: Cluster,
    private readonly latency: LatencySampler,
    private readonly sink: ClusterEventSink,
  ) {}

  /**
   * Sends a message: `deliver` runs after the class's latency unless the message is dropped.
   * `label` names the message kind for traffic counts (`offer`, `status-update`, `pod-binding`).
   * Returns false when it is dropped at once (the sender's node is down or cut off).
   */
  send(channel: MessageClass, from: Endpoint, to: Endpoint, label: string, deliver: () => void): boolean {
    if (!this.reachable(from) || !this.reachable(to)) {
      this.sink({ kind: 'message', time: this.sim.now(), channel, label, delivered: false });
      return false;
    }
    this.sim.after(
      this.latency.delay(channel),
      () => {
        const ok = this.reachable(from) && this.reachable(to);
        this.sink({ kind: 'message', time: this.sim.now(), channel, label, delivered: ok });
        if (ok) deliver();
      },
      PRIORITY.engine,
    );
    return true;
  }

  /** The delay of a class that is constant (see LatencySampler.fixed), undefined otherwise. */
  fixed(channel: MessageClass): SimDuration | undefined {
    return this.latency.fixed(channel);
  }

  /**
   * Runs `listener` at each fault that may change whether messages to or from the node get through
   * (crash, boot, cut, heal), at the fault's instant, before any engine event of that instant. For
   * engines that account a periodic loop's messages in closed form: they settle what was sent so far
   * and simulate the loop explicitly from then on.
   */
  onReachabilityChange(node: Endpoint, listener: () => void): void {
    this.cluster.onReachability(node, listener);
  }

  /**
   * The arrival of a message that was sent in closed form (never by {@link send}) and is still on its
   * way: at `at` (not before now) it is counted and delivered, or dropped if a node at either end is
   * down or cut off then, exactly as the arrival of a sent message.
   */
  arrive(channel: MessageClass, from: Endpoint, to: Endpoint, label: string, at: SimTime, deliver: () => void): void {
    this.sim.at(
      at,
      () => {
        const ok = this.reachable(from) && this.reachable(to);
        this.sink({ kind: 'message', time: this.sim.now(), channel, label, delivered: ok });
        if (ok) deliver();
      },
      undefined,
      PRIORITY.engine,
    );
  }

  /** Whether a message to or from this endpoint would get through right now. */
  reachable(endpoint: Endpoint): boolean {
    return endpoint.startsWith('@') || this.cluster.isReachable(endpoint);
  }
}
