import { type Resources } from '../../../cluster/resources.js';
import { AgentTotals } from './agent-totals.js';
import { addInto, ResourceDimensions, subtractInto } from './dimensions.js';
import { holdLess, holdMore, snapshot, snapshots } from './held.js';
import { ACTIVE, INACTIVE, INTERNAL, type Kind, positionOf, reposition, SorterNode } from './sorter-node.js';
import { collectActive, dominantShare, sortTree } from './sorter-order.js';
import { SorterWalk } from './sorter-walk.js';

/*
 * A standalone hierarchical DRF sorter with the operations and the semantics of Mesos's
 * `DRFSorter` (src/master/allocator/mesos/sorter/drf/sorter.{hpp,cpp}, read at apache/mesos
 * c1b42f79; see docs/reference/mesos.md §b1). It knows nothing of the engine: clients are
 * '/'-separated paths, agents are names, resources are the harness's vectors.
 *
 * - share(node) = max over dimensions r with total[r] > 0 of allocated[r] / total[r], then divided
 *   by the node's weight, in double precision (the order of the two operations matters).
 * - Order among siblings: share ascending, then allocation count ascending, then path (code-unit
 *   order, which is byte order for ASCII paths).
 * - `allocated` counts whatever the caller says is allocated: the allocator counts offers too.
 * - A client `a` that also has descendants becomes the virtual leaf `a/.` (weight 1); the weight
 *   of `a` applies to the internal node `a`.
 * - `sort()` walks active leaves in pre-order; inactive leaves are skipped.
 */

/** Options of a sorter. */
export interface DrfSorterOptions {
  /** `--fair_sharing_excluded_resource_names`: dimensions ignored by the share. */
  readonly excludedDimensions?: readonly string[];
  /**
   * Whether to keep what each client holds per agent (`allocation`, `allocationOn`, and the check
   * that `unallocated` takes back only what was allocated); default true. Without it the sorter
   * keeps totals only, which is all that ordering needs.
   */
  readonly trackAgents?: boolean;
}

/**
 * Mesos's hierarchical DRF sorter. Not thread-safe, no I/O, deterministic: the same calls give the
 * same order. Unknown clients are broken invariants and throw.
 */
export class DrfSorter {
  private readonly root = new SorterNode('', INTERNAL, undefined, 1);
  private readonly clients = new Map<string, SorterNode>();
  private readonly weights = new Map<string, number>();
  private readonly dims: ResourceDimensions;
  /** Every agent's resources, and their sum per dimension index (`agents.sum`). */
  private readonly agents = new AgentTotals();
  private dirty = false;
  private readonly walk = new SorterWalk();
  private readonly trackAgents: boolean;
  /**
   * The client `find` found last and its path: the allocator updates the same client twice per
   * offer (offered, then declined). Forgotten whenever the client table changes.
   */
  private lastPath: string | undefined;
  private lastNode: SorterNode | undefined;

  constructor(options: DrfSorterOptions = {}) {
    this.dims = new ResourceDimensions(new Set(options.excludedDimensions ?? []));
    this.trackAgents = options.trackAgents ?? true;
  }

  /** Adds an (inactive) client; a path such as `eng/prod/spark` nests it. */
  add(clientPath: string): void {
    if (this.clients.has(clientPath)) throw new Error(`sorter: client ${clientPath} already exists`);
    this.lastPath = this.lastNode = undefined;
    const tokens = clientPath.split('/');
    let current = this.root;
    let t = 0;
    for (;;) {
      if (t === tokens.length) {
        const virt = this.node('.', INACTIVE, current);
        current.addChild(virt);
        current = virt;
        break;
      }
      if (current.isLeaf()) {
        // An existing client becomes internal; its allocation moves to the virtual leaf `./`.
        const parent = current.parent as SorterNode;
        const oldKind = current.kind;
        parent.removeChild(current);
        current.kind = INTERNAL;
        parent.addChild(current);
        const virt = this.node('.', oldKind, current);
        virt.count = current.count;
        virt.totals = current.totals.slice();
        virt.perAgent = current.perAgent;
        current.perAgent = undefined;
        current.addChild(virt);
        this.clients.set(virt.clientPath(), virt);
        break;
      }
      const token = tokens[t] as string;
      const child = current.children.find((c) => c.name === token);
      if (child === undefined) break;
      current = child;
      t++;
    }
    for (; t < tokens.length; t++) {
      const child = this.node(tokens[t] as string, t === tokens.length - 1 ? INACTIVE : INTERNAL, current);
      current.addChild(child);
      current = child;
    }
    if (current.kind !== INACTIVE || current.children.length > 0 || current.clientPath() !== clientPath) {
      throw new Error(`sorter: broken tree while adding ${clientPath}`);
    }
    this.clients.set(clientPath, current);
    this.dirty = true;
  }

  /** Removes a client and its allocation from the tree (and ancestors' aggregates). */
  remove(clientPath: string): void {
    let current = this.find(clientPath);
    const leafTotals = current.totals;
    this.clients.delete(clientPath);
    this.lastPath = this.lastNode = undefined;
    while (current !== this.root) {
      const parent = current.parent as SorterNode;
      subtractInto(parent.totals, leafTotals);
      if (current.children.length === 0) {
        parent.removeChild(current);
      } else if (current.children.length === 1 && (current.children[0] as SorterNode).name === '.') {
        // `current` existed only to hold a virtual leaf: it becomes that leaf again.
        const child = current.children[0] as SorterNode;
        current.removeChild(child);
        parent.removeChild(current);
        current.kind = child.kind;
        current.perAgent = child.perAgent;
        parent.addChild(current);
        this.clients.set(current.path, current);
      }
      current = parent;
    }
    this.dirty = true;
  }

  /** Makes a client eligible for `sort()`. */
  activate(clientPath: string): void {
    const c = this.find(clientPath);
    if (c.kind !== INACTIVE) return;
    const parent = c.parent as SorterNode;
    parent.removeChild(c);
    c.kind = ACTIVE;
    parent.addChild(c);
    this.dirty = true;
  }

  /** Hides a client from `sort()`; its allocation still counts for its ancestors. */
  deactivate(clientPath: string): void {
    const c = this.find(clientPath);
    if (c.kind !== ACTIVE) return;
    const parent = c.parent as SorterNode;
    parent.removeChild(c);
    c.kind = INACTIVE;
    parent.addChild(c);
  }

  /** Sets the weight of a path (a client, or an internal node such as a parent role); default 1. */
  updateWeight(path: string, weight: number): void {
    if (!(weight > 0)) throw new RangeError(`sorter: weight of ${path} must be positive, got ${weight}`);
    this.weights.set(path, weight);
    this.dirty = true;
    const node = this.findPath(path);
    if (node !== undefined) node.weight = weight;
  }

  /** The weight that applies to a path. */
  weightOf(path: string): number {
    return this.weights.get(path) ?? 1;
  }

  /** Records that `resources` on `agent` are allocated (offered or in use) to the client. */
  allocated(clientPath: string, agent: string, resources: Resources): void {
    const leaf = this.find(clientPath);
    if (this.trackAgents) holdMore((leaf.perAgent ??= new Map()), agent, resources);
    const ext = resources.ext;
    for (let current: SorterNode | undefined = leaf; current !== undefined; current = current.parent) {
      // Keep a sorted tree sorted: move only the changed node among its siblings (MESOS-9249).
      const keepSorted = current !== this.root && !this.dirty && current.kind !== INACTIVE;
      const at = keepSorted ? positionOf(current) : -1;
      const t = current.totals;
      t[0] = (t[0] ?? 0) + resources.cpu;
      t[1] = (t[1] ?? 0) + resources.memory;
      t[2] = (t[2] ?? 0) + resources.gpu;
      if (ext) for (const [k, x] of Object.entries(ext)) t[this.dims.index(k)] = (t[this.dims.index(k)] ?? 0) + x;
      current.count++;
      if (keepSorted) {
        current.share = this.calculateShare(current);
        reposition(current, at);
      }
    }
  }

  /**
   * Records that `resources` on `agent` are no longer allocated to the client. The changed nodes
   * move to their places among their siblings, as in `allocated`: the order is a strict total order
   * (share, count, path), so this gives the order a full re-sort would give.
   */
  unallocated(clientPath: string, agent: string, resources: Resources): void {
    const leaf = this.find(clientPath);
    // Read before writing: `resources` may be the held vector itself.
    const cpu = resources.cpu;
    const memory = resources.memory;
    const gpu = resources.gpu;
    const plain = resources.ext === undefined;
    if (this.trackAgents && !holdLess(leaf.perAgent, agent, resources)) throw new Error(`sorter: ${clientPath} holds nothing on ${agent}`);
    const v = plain ? undefined : this.dims.vector(resources);
    for (let current: SorterNode | undefined = leaf; current !== undefined; current = current.parent) {
      const keepSorted = current !== this.root && !this.dirty && current.kind !== INACTIVE;
      const at = keepSorted ? positionOf(current) : -1;
      const t = current.totals;
      if (v === undefined) {
        t[0] = (t[0] ?? 0) - cpu;
        t[1] = (t[1] ?? 0) - memory;
        t[2] = (t[2] ?? 0) - gpu;
      } else subtractInto(t, v);
      if (keepSorted) {
        current.share = this.calculateShare(current);
        reposition(current, at);
      }
    }
  }

  /**
   * Changes part of a client's allocation on an agent in place (Mesos's `Sorter::update`, used when
   * an operation such as creating a volume turns offered resources into others): `oldAllocation`,
   * which the client must hold on `agent`, becomes `newAllocation`, for the client and every
   * ancestor. The allocation count is not touched (it counts `allocated` calls); shares are
   * recomputed at the next sort, as upstream assumes the quantities may have changed.
   */
  update(clientPath: string, agent: string, oldAllocation: Resources, newAllocation: Resources): void {
    const leaf = this.find(clientPath);
    if (this.trackAgents) {
      if (!holdLess(leaf.perAgent, agent, oldAllocation)) throw new Error(`sorter: ${clientPath} holds nothing on ${agent}`);
      holdMore((leaf.perAgent ??= new Map()), agent, newAllocation);
    }
    const before = this.dims.vector(oldAllocation);
    const after = this.dims.vector(newAllocation);
    for (let current: SorterNode | undefined = leaf; current !== undefined; current = current.parent) {
      subtractInto(current.totals, before);
      addInto(current.totals, after);
    }
    this.dirty = true;
  }

  /**
   * Adds an agent's resources to the total every share is measured against (Mesos's `addSlave`).
   * Throws if the agent was added already: remove it first to change its resources.
   */
  addAgent(agent: string, resources: Resources): void {
    this.agents.add(agent, this.dims.vector(resources));
    this.dirty = true;
  }

  /** Takes an agent's resources (what `addAgent` brought) out of the total (`removeSlave`); throws for an unknown agent. */
  removeAgent(agent: string): void {
    this.agents.remove(agent);
    this.dirty = true;
  }

  /** Active clients in DRF order (pre-order over the sorted tree). */
  sort(): string[] {
    if (this.dirty) {
      this.sortTree(this.root);
      this.dirty = false;
    }
    const out: string[] = [];
    collectActive(this.root, out, 0);
    return out;
  }

  /**
   * Starts a walk of the active clients in DRF order (the order `sort()` gives); {@link nextClient}
   * then yields them one at a time. The allocator walks the order once per agent and usually stops
   * after the first clients (the agent is offered whole), so the walk costs what it visits, not the
   * number of clients, and allocates nothing. The sorter must not change during a walk.
   */
  beginWalk(): void {
    if (this.dirty) {
      this.sortTree(this.root);
      this.dirty = false;
    }
    this.walk.begin(this.root);
  }

  /** The next client of the walk begun by {@link beginWalk}, or undefined at its end. */
  nextClient(): string | undefined {
    return this.walk.next();
  }

  /** The client's current share (weighted dominant share), computed now. */
  shareOf(clientPath: string): number {
    return this.calculateShare(this.find(clientPath));
  }

  /**
   * The share of any node of the hierarchy, computed now: a client, or an internal node such as
   * `eng` above `eng/prod` and `eng/dev`, whose allocation is the sum of its subtree and whose weight
   * is its own (hierarchical DRF orders siblings by these shares, level by level). Throws for a path
   * that is not in the tree.
   */
  shareOfPath(path: string): number {
    return this.calculateShare(this.nodeAt(path));
  }

  /** The allocation of any node of the hierarchy (a client, or the sum over an internal node's subtree). */
  allocationOfPath(path: string): Resources {
    return this.dims.fromVector(this.nodeAt(path).totals);
  }

  /** What the whole sorter has allocated: the sum over every client (the root's allocation). */
  allocationTotalAll(): Resources {
    return this.dims.fromVector(this.root.totals);
  }

  /** The clients holding something on `agent`, with what each holds there (Mesos's `allocation(slaveId)`; empty without `trackAgents`). */
  allocationsOnAgent(agent: string): ReadonlyMap<string, Resources> {
    const out = new Map<string, Resources>();
    for (const [path, leaf] of this.clients) {
      const held = leaf.perAgent?.get(agent);
      if (held !== undefined) out.set(path, snapshot(held));
    }
    return out;
  }

  /** What the client holds, per agent (a snapshot: later changes do not show in it; empty without `trackAgents`). */
  allocation(clientPath: string): ReadonlyMap<string, Resources> {
    return snapshots(this.find(clientPath).perAgent);
  }

  /** What the client holds on one agent (a snapshot). */
  allocationOn(clientPath: string, agent: string): Resources | undefined {
    const r = this.find(clientPath).perAgent?.get(agent);
    return r === undefined ? undefined : snapshot(r);
  }

  /** The client's allocated quantities summed over agents. */
  allocationTotal(clientPath: string): Resources {
    return this.dims.fromVector(this.find(clientPath).totals);
  }

  /** The sum of every agent's resources. */
  totalResources(): Resources {
    return this.dims.fromVector(this.agents.sum);
  }

  contains(clientPath: string): boolean {
    return this.clients.has(clientPath);
  }

  count(): number {
    return this.clients.size;
  }

  isActive(clientPath: string): boolean {
    return this.find(clientPath).kind === ACTIVE;
  }

  private sortTree(node: SorterNode): void {
    sortTree(node, (c) => this.calculateShare(c));
  }

  private calculateShare(node: SorterNode): number {
    return dominantShare(node.totals, this.agents.sum, this.dims.excludedByIndex) / node.weight;
  }

  private node(name: string, kind: Kind, parent: SorterNode): SorterNode {
    const n = new SorterNode(name, kind, parent, 1);
    n.weight = this.weights.get(n.path) ?? 1;
    return n;
  }

  private find(clientPath: string): SorterNode {
    if (clientPath === this.lastPath) return this.lastNode as SorterNode;
    const c = this.clients.get(clientPath);
    if (c === undefined) throw new Error(`sorter: unknown client ${clientPath}`);
    this.lastPath = clientPath;
    this.lastNode = c;
    return c;
  }

  /** The node at `path` (a client or an internal node); throws for a path not in the tree. */
  private nodeAt(path: string): SorterNode {
    const node = this.findPath(path);
    if (node === undefined || node === this.root) throw new Error(`sorter: no node ${path}`);
    return node;
  }

  /** The node whose path is `path` (a virtual leaf maps to its parent), if any. */
  private findPath(path: string): SorterNode | undefined {
    let current = this.root;
    for (const token of path.split('/')) {
      const next = current.children.find((c) => c.name === token);
      if (next === undefined) return undefined;
      current = next;
    }
    return current;
  }
}
