import { type Taint } from '../../../cluster/node.js';
import { type EngineContext } from '../../engine.js';
import { repeatEvery } from '../../kit/index.js';
import { type SimDuration, type SimTime } from '../../../sim/time.js';
import { type NodeObject, TAINT_NOT_READY, TAINT_UNREACHABLE } from '../objects.js';
import { type ApiClient } from '../store/api-client.js';
import { type Informer } from '../store/informer.js';
import { computeZoneState, zoneOf, zoneRate, type ZoneState } from './zone-state.js';

export interface NodeLifecycleConfig {
  readonly monitorPeriod: SimDuration;
  readonly gracePeriod: SimDuration;
  readonly evictionRate: number;
  readonly secondaryEvictionRate: number;
  readonly largeClusterSizeThreshold: number;
  readonly unhealthyZoneThreshold: number;
}
type TimedTaint = Taint & { readonly timeAdded?: SimTime };

/** The taints the controller manages for a Ready value: NoSchedule at once, NoExecute through the rate limiter. */
function conditionTaintKey(ready: NodeObject['status']['ready']): string | undefined {
  return ready === 'Unknown' ? TAINT_UNREACHABLE : ready === 'False' ? TAINT_NOT_READY : undefined;
}

/**
 * The node lifecycle controller: every monitor period it checks when it last saw each node's Lease
 * renewed (its own clock, as `probeTimestamp`), marks a node Ready=Unknown after the grace period
 * with an `unreachable:NoSchedule` taint, and adds the `NoExecute` taint through a per-zone rate
 * limiter (0.1 node/s; slower or stopped in disrupted zones). When the kubelet reports Ready again,
 * the taints go.
 */
export class NodeLifecycleController {
  /** Each node's probe time, in a cell per node that is never replaced (so a pass can remember it: `alignedCells`). */
  private readonly probe = new Map<string, { t: SimTime }>();
  /**
   * The probe cells in the order the monitor walks the nodes (`alignedNames[i]` names the i-th
   * node of the last pass): the pass checks the name instead of looking the cell up, every 5 s
   * for each of 10,000 nodes. A mismatch (a node added or gone) looks it up and re-aligns.
   */
  private readonly alignedNames: string[] = [];
  private readonly alignedCells: ({ t: SimTime } | undefined)[] = [];
  private readonly zoneNext = new Map<string, number>();
  private readonly pendingTaint = new Set<string>();

  constructor(
    private readonly ctx: EngineContext,
    private readonly client: ApiClient,
    private readonly nodes: Informer<'Node'>,
    leases: Informer<'Lease'>,
    private readonly config: NodeLifecycleConfig,
    /**
     * When a node's Lease renewals accounted in closed form last reached the lease informer before
     * `now` (they send no watch event): a probe time as the explicit events would have set it.
     */
    private readonly quietRenewalSeen: (node: string, now: SimTime) => SimTime | undefined = () => undefined,
  ) {
    leases.addHandlers({
      onAdd: (l) => this.probed(l.meta.name),
      onUpdate: (o, l) => {
        if (o.spec.renewTime !== l.spec.renewTime) this.probed(l.meta.name);
      },
    });
    nodes.addHandlers({
      onAdd: (n) => this.probed(n.meta.name),
      onUpdate: (o, n) => {
        if (o.status.ready !== n.status.ready && n.status.ready === 'True') this.probed(n.meta.name);
      },
    });
  }

  /** Sets the node's probe time to now. */
  private probed(name: string): void {
    const cell = this.probe.get(name);
    if (cell !== undefined) cell.t = this.ctx.now();
    else this.probe.set(name, { t: this.ctx.now() });
  }

  /** Starts the monitor loop. */
  start(): void {
    repeatEvery(this.ctx, this.config.monitorPeriod, () => this.monitor());
  }

  /** Per zone: node counts, the zone state, and whether every zone is fully disrupted. */
  private zoneStates(): { zones: Map<string, { ready: number; notReady: number; size: number }>; states: Map<string, ZoneState>; allFull: boolean } {
    const zones = new Map<string, { ready: number; notReady: number; size: number }>();
    // `values()`: no copy of 10,000 nodes per period.
    for (const n of this.nodes.values()) {
      const z = zoneOf(n.meta.labels);
      let s = zones.get(z);
      if (!s) {
        s = { ready: 0, notReady: 0, size: 0 };
        zones.set(z, s);
      }
      s.size++;
      if (n.status.ready === 'True') s.ready++;
      else s.notReady++;
    }
    const states = new Map([...zones].map(([z, s]) => [z, computeZoneState(s.ready, s.notReady, this.config.unhealthyZoneThreshold)]));
    const allFull = states.size > 0 && [...states.values()].every((s) => s === 'FullDisruption');
    return { zones, states, allFull };
  }

  private monitor(): void {
    const now = this.ctx.now();
    // The zone counts only matter for a node that needs a NoExecute taint: counted at the first such
    // node. Nothing in this pass changes the informer's nodes (writes and timers are asynchronous),
    // so the counts are those the pass would have made up front.
    let zoneInfo: ReturnType<NodeLifecycleController['zoneStates']> | undefined;
    let i = 0;
    for (const n of this.nodes.values()) {
      const name = n.meta.name;
      let cell = this.alignedNames[i] === name ? this.alignedCells[i] : undefined;
      if (cell === undefined) {
        cell = this.probe.get(name);
        this.alignedNames[i] = name;
        this.alignedCells[i] = cell;
      }
      i++;
      let seen = cell?.t ?? now;
      if (cell !== undefined && now - seen > this.config.gracePeriod) {
        // A renewal counted in closed form is a probe too: kept in the cell, as its watch event would have.
        const quiet = this.quietRenewalSeen(name, now);
        if (quiet !== undefined && quiet > seen) seen = cell.t = quiet;
      }
      let ready = n.status.ready;
      if (ready !== 'Unknown' && now - seen > this.config.gracePeriod) {
        // The same pass hands the node to the NoExecute tainter (`processTaintBaseEviction`).
        this.markUnknown(n);
        ready = 'Unknown';
      }
      const key = conditionTaintKey(ready);
      if (key === undefined && this.pendingTaint.size > 0) this.pendingTaint.delete(name);
      if (key === undefined) {
        if (n.spec.taints.length > 0 && n.spec.taints.some((t) => t.key === TAINT_UNREACHABLE || t.key === TAINT_NOT_READY)) this.removeTaints(name);
        continue;
      }
      if (n.spec.taints.some((t) => t.key === key && t.effect === 'NoExecute')) {
        this.pendingTaint.delete(name);
        continue;
      }
      if (this.pendingTaint.has(name)) continue;
      const { zones, states, allFull } = (zoneInfo ??= this.zoneStates());
      const z = zoneOf(n.meta.labels);
      const zs = zones.get(z) as { size: number };
      const rate = zoneRate(states.get(z) ?? 'Normal', zs.size, allFull, this.config);
      if (rate <= 0) continue;
      const at = Math.max(now, this.zoneNext.get(z) ?? 0);
      this.zoneNext.set(z, at + Math.round(1_000_000 / rate));
      this.pendingTaint.add(name);
      this.ctx.after((at - now) as SimDuration, () => this.addNoExecute(name, key));
    }
  }

  private markUnknown(n: NodeObject): void {
    const now = this.ctx.now();
    this.ctx.emit({ kind: 'counter', time: now, name: 'node-marked-unknown', by: 1 });
    this.client.request('node-status-unknown', {
      verb: 'patch',
      kind: 'Node',
      key: n.meta.name,
      mutate: (cur) => {
        if (cur.kind !== 'Node') return cur;
        const taints: TimedTaint[] = cur.spec.taints.filter((t) => !(t.key === TAINT_UNREACHABLE && t.effect === 'NoSchedule'));
        taints.push({ key: TAINT_UNREACHABLE, effect: 'NoSchedule', timeAdded: now });
        return { ...cur, spec: { ...cur.spec, taints }, status: { ...cur.status, ready: 'Unknown', readyTransition: now } };
      },
    });
  }

  /** Runs when the zone's rate limiter lets the taint through; `pendingTaint` stays set until the taint is observed. */
  private addNoExecute(name: string, key: string): void {
    const n = this.nodes.get(name);
    // Our own Unknown write may not be observed yet; the lease is what counts.
    const now = this.ctx.now();
    const seen = Math.max(this.probe.get(name)?.t ?? 0, this.quietRenewalSeen(name, now) ?? 0);
    const stillUnhealthy = n !== undefined && (conditionTaintKey(n.status.ready) === key || now - seen > this.config.gracePeriod);
    if (!stillUnhealthy) {
      this.pendingTaint.delete(name);
      return;
    }
    this.ctx.emit({ kind: 'counter', time: now, name: 'node-noexecute-taint', by: 1 });
    this.client.request('node-taint-noexecute', {
      verb: 'patch',
      kind: 'Node',
      key: name,
      mutate: (cur) => {
        if (cur.kind !== 'Node' || cur.spec.taints.some((t) => t.key === key && t.effect === 'NoExecute')) return cur;
        return { ...cur, spec: { ...cur.spec, taints: [...cur.spec.taints, { key, effect: 'NoExecute', timeAdded: now }] } };
      },
    });
  }

  private removeTaints(name: string): void {
    this.client.request('node-untaint', {
      verb: 'patch',
      kind: 'Node',
      key: name,
      mutate: (cur) => {
        if (cur.kind !== 'Node' || cur.status.ready !== 'True') return cur;
        const taints = cur.spec.taints.filter((t) => t.key !== TAINT_UNREACHABLE && t.key !== TAINT_NOT_READY);
        return taints.length === cur.spec.taints.length ? cur : { ...cur, spec: { ...cur.spec, taints } };
      },
    });
  }
}
