import { type PlacementConstraints } from '../../cluster/constraints.js';
import { NO_RESOURCES, type Resources } from '../../cluster/resources.js';
import { type TaskLaunch } from '../../cluster/task.js';
import { type BatchTask, type ServiceTemplate } from '../../intents/index.js';
import { type NodeAgentApi } from '../engine.js';
import { batchLaunch, dominatesFailure, GrownRoom, noteFailure } from '../kit/index.js';
import { type PendingBlock, type PendingQueue } from './pending-queue.js';

/** What the batch pass reads from and does through the oracle engine. */
export interface BatchPassHost {
  /** The cluster's node agents, by scenario index. */
  readonly agents: readonly NodeAgentApi[];
  /** The waiting batch instances, in blocks (the pass takes them from it as it places them). */
  readonly pending: PendingQueue;
  /** Whether the node is up now. */
  isUp(node: string): boolean;
  /**
   * Places a task by best fit (`same`: the node the previous task of the same demand and constraints
   * went to); returns the node, or undefined when none has room.
   */
  place(
    task: TaskLaunch,
    constraints: ServiceTemplate['constraints'],
    owner: { job: string },
    batch: BatchTask,
    same: NodeAgentApi | undefined,
  ): NodeAgentApi | undefined;
  /** The scenario index of the node the last successful `place` chose. */
  placedIndex(): number;
  /** Tells the observer why a batch task waits. */
  noteBatchPending(workload: string, taskKey: string): void;
  /** Tells the observer the pass tries the job for the first time (`job-considered`). */
  jobConsidered(job: string): void;
}

/**
 * The oracle's batch placement pass: places waiting batch instances by best fit, in queue order,
 * skipping blocks that cannot fit on any node grown since they last failed. Keeps the set of nodes
 * that may have gained room since the last pass (`grow`).
 */
export class BatchPass {
  /** Nodes that may have gained free room (or come up) since the last batch pass, each once. */
  private grown: number[] = [];
  private readonly grownFlag: Uint8Array;
  private readonly room: GrownRoom;
  /** Set when a service's note touched a key shaped like a batch task's (`job#i`): blocks must be noted again. */
  private notesTouched = false;

  constructor(private readonly host: BatchPassHost) {
    this.grownFlag = new Uint8Array(host.agents.length);
    this.room = new GrownRoom(host.agents.length);
  }

  /** A note went out under a key shaped like a batch task's: every block notes its instances again at the next pass. */
  touchNotes(): void {
    this.notesTouched = true;
  }

  /**
   * One pass over the waiting batch instances in queue order (priority desc, arrival asc): each takes
   * the next id number whether it is placed or not, and is placed by best fit if its job is under its
   * parallelism and a node has room. Free room only shrinks during the pass, and a block that found no
   * node in an earlier pass can only fit on a node that has gained room since (`grown`): the queue
   * skips such blocks, whole ranges at a time, while none of those nodes has their cpu, memory and gpu
   * free (see {@link GrownRoom}). That changes nothing but the cost: they would fail, and their
   * instances already had their note. The instances skipped still take their id numbers (`nextId`
   * moves past every waiting instance), so every placed instance gets the id it always got.
   * Returns the id number after the pass: `firstId` plus the count of instances waiting at its start.
   */
  run(firstId: number): number {
    const queue = this.host.pending;
    if (this.notesTouched) {
      this.notesTouched = false;
      queue.forgetAll();
    }
    queue.compact();
    const total = queue.size;
    // Demands that found no node in this pass, per constraints object: free room only shrinks during
    // the pass, so a task asking at least as much under the same constraints cannot fit either.
    const failed = new Map<PlacementConstraints, Resources[]>();
    const room = this.room;
    room.reset(
      this.grown,
      (i) => {
        const agent = this.host.agents[i] as NodeAgentApi;
        return this.host.isUp(agent.node.name) && agent.fits(NO_TASK) ? agent.free() : undefined;
      },
      queue.smallest(),
    );
    let placed = 0;
    for (let slot = queue.next(0, room); slot >= 0; slot = queue.next(slot + 1, room)) {
      const block = queue.block(slot);
      const n = this.placeBlock(block, firstId + queue.before(slot) + placed, failed, room);
      placed += n;
      queue.refresh(slot);
    }
    for (const i of this.grown) this.grownFlag[i] = 0;
    this.grown = [];
    return firstId + total;
  }

  /** Places what it can of one block, the first waiting instance taking id number `id`; returns how many it placed. */
  private placeBlock(block: PendingBlock, id: number, failed: Map<PlacementConstraints, Resources[]>, room: GrownRoom): number {
    const spec = block.job.spec;
    if (!block.job.considered) {
      block.job.considered = true;
      this.host.jobConsidered(spec.name);
    }
    const limit = spec.parallelism ?? Number.POSITIVE_INFINITY;
    const waiting = block.to - block.from;
    let k = 0;
    let last: NodeAgentApi | undefined;
    for (; k < waiting; k++) {
      if (block.job.running >= limit) {
        // The rest waits for the job's own tasks to end (no note); try it again in full then.
        block.untried = true;
        break;
      }
      // A block that found no node before can only fit on a grown node.
      const d = block.resources;
      const hopeless = !block.untried && !room.mayFit(d.cpu, d.memory, d.gpu);
      if (!hopeless && !dominatesFailure(failed.get(spec.constraints), block.resources)) {
        const t = block.tasks.at(block.from + k);
        const task = batchLaunch(`${t.key}.${id + k}`, spec, t, block.exitAs ?? t.firstAttempt);
        last = this.host.place(task, spec.constraints, { job: spec.name }, t, last);
        if (last !== undefined) {
          block.job.running++;
          const i = this.host.placedIndex();
          if (this.grownFlag[i] === 1) room.update(i, last.fits(NO_TASK) ? last.free() : undefined);
          continue;
        }
        noteFailure(failed, spec.constraints, block.resources);
      }
      // No node has room for this instance, nor for the rest of the block (same demand, shrinking room).
      block.untried = false;
      if (!block.noted) {
        for (let j = block.from + k; j < block.to; j++) this.host.noteBatchPending(spec.workload, block.tasks.key(j));
        block.noted = true;
      }
      break;
    }
    if (k === waiting) block.untried = false;
    block.from += k;
    return k;
  }

  /** Notes that the node of scenario index `i` may have gained room (an instance ended or was stopped, or it booted). */
  grow(i: number): void {
    if (this.grownFlag[i] === 1) return;
    this.grownFlag[i] = 1;
    this.grown.push(i);
  }
}

/** A task that asks for nothing: a node fits it exactly when it is below its task count limit. */
const NO_TASK: TaskLaunch = { id: '', workload: '', tenant: '', priority: 0, resources: NO_RESOURCES };
