import { type TaskExit } from '../../cluster/task.js';
import { type EngineContext, type NodeAgentApi } from '../engine.js';
import { UnackedChanges } from '../kit/index.js';
import { BORGMASTER, type PollReport, type PollRequest } from './messages.js';

/**
 * The Borglet of one machine ([B] §3.3): it starts and stops tasks when the Borgmaster's poll asks,
 * restarts in place a service replica whose process exited (see `onProcessExit`), and answers every
 * poll with what changed since its last answer. It pushes nothing on its own (the
 * pull model) and, when the master is out of reach, keeps its tasks running. A reboot is a new
 * incarnation with no tasks.
 */
export class Borglet {
  private incarnation = 1;
  private alive = true;
  /** Instances it runs (launched and not ended). */
  private readonly live = new Set<string>();
  /**
   * Changes not yet known to have reached the master, each with the number of the first reply that
   * carried it (0: none yet): a reply lost on the way is repeated by the next one, until a poll says
   * the master has the reply that carried it (`PollRequest.acked`).
   */
  private readonly started = new UnackedChanges<string>();
  private readonly ended = new UnackedChanges<{ id: string; how: TaskExit }>();
  private readonly rejected = new UnackedChanges<string>();

  constructor(
    private readonly ctx: EngineContext,
    private readonly api: NodeAgentApi,
    private readonly reply: (node: string, report: PollReport) => void,
  ) {}

  /** Follows the machine's lifecycle. */
  start(): void {
    this.api.onLifecycle((change) => {
      this.alive = change === 'booted';
      this.live.clear();
      this.started.clear();
      this.ended.clear();
      this.rejected.clear();
      if (change === 'booted') this.incarnation++;
    });
  }

  /** A poll arrived: kills first (they make room), then launches, then the reply. */
  onPoll(req: PollRequest): void {
    if (!this.alive) return;
    this.started.dropAckedThrough(req.acked);
    this.ended.dropAckedThrough(req.acked);
    this.rejected.dropAckedThrough(req.acked);
    for (const id of req.kills) this.api.stop(id);
    for (const task of req.launches) {
      if (!this.api.fits(task)) {
        this.rejected.add(task.id);
        continue;
      }
      const inc = this.incarnation;
      this.live.add(task.id);
      this.api.launch(task, {
        onRunning: () => {
          if (inc === this.incarnation) this.started.add(task.id);
        },
        onExit: (how) => {
          if (inc !== this.incarnation) return;
          this.live.delete(task.id);
          this.ended.add({ id: task.id, how });
        },
        // Only for a `holdOnExit` replica (a service with an app lifecycle): the Borglet "starts, stops
        // and restarts tasks" ([B] §3.3) and restarts a failed one in place, on the same machine, with
        // its resources kept; [B] states no restart delay, so it restarts at once.
        onProcessExit: () => {
          if (inc === this.incarnation) this.api.restart(task.id);
        },
      });
    }
    const report: PollReport = {
      seq: req.seq,
      incarnation: this.incarnation,
      started: this.started.carry(req.seq),
      ended: this.ended.carry(req.seq),
      rejected: this.rejected.carry(req.seq),
      running: req.full ? [...this.live] : undefined,
    };
    const node = this.api.node.name;
    this.ctx.net.send('heartbeat', node, BORGMASTER, 'poll-reply', () => this.reply(node, report));
  }
}
