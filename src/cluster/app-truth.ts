import { type TimerHandle } from '../sim/event-queue.js';
import { PRIORITY, type Simulator } from '../sim/simulator.js';
import { addTime } from '../sim/time.js';
import { type AppBehaviour, type AppCatalog } from './app-behaviour.js';
import { type ClusterEventSink, type ProcessExitReason } from './events.js';
import { type TaskLaunch } from './task.js';

/** One running container of a service replica, as the cluster hands it to the app model. */
export interface AppProcess {
  readonly task: TaskLaunch;
  readonly nodeName: string;
}

/** Where a container's app is: its own startup, waiting for a dependency, ready, or about to exit. */
type Phase = 'starting' | 'waiting' | 'ready' | 'exiting';

interface Life {
  readonly process: AppProcess;
  readonly service: ServiceApps;
  phase: Phase;
  timer: TimerHandle | undefined;
}

/** The apps of one service: which are ready, which wait, and how many containers have started. */
interface ServiceApps {
  readonly behaviour: AppBehaviour;
  readonly ready: Set<Life>;
  readonly waiting: Set<Life>;
  /** Container starts so far: the index of the next startup draw. */
  starts: number;
  /** Services of the catalog that depend on this one (resolved after construction). */
  dependents: ServiceApps[];
  /** Services this one depends on that are in the catalog. */
  needs: ServiceApps[];
}

/**
 * The application's truth (cluster/app-behaviour.ts): after a container of a service replica starts,
 * its app spends its startup, then becomes ready if every service it depends on has a ready replica;
 * otherwise a `crash` app exits and a `wait` app waits, becoming ready the instant they all have one
 * (an idealised retry loop: no retry period). A dependency that loses its last ready replica makes a
 * ready `crash` dependent exit and a ready `wait` dependent not ready (it waits again). Apps find each
 * other through the network, not the control plane: a replica counts as soon as it is ready, on any
 * node that is up (a partition cuts the control plane off, not the apps: a limitation of the model).
 *
 * The cluster tells it when a container starts ({@link started}) and when its process ends for any
 * reason ({@link stopped}); it tells the cluster when an app must exit (`exit`, called from its own
 * simulator event, never from inside a cluster call). Only services in the catalog are tracked; for
 * any other instance {@link isReady} is "running".
 */
export class AppTruth {
  private readonly services = new Map<string, ServiceApps>();
  private readonly lives = new Map<AppProcess, Life>();

  constructor(
    private readonly sim: Simulator,
    catalog: AppCatalog,
    private readonly sink: ClusterEventSink,
    /** The cluster makes the process exit (failed) now: the app gave up. */
    private readonly exit: (process: AppProcess, reason: ProcessExitReason) => void,
    /** The cluster tells the instance's agent (TaskListener.onReadiness), after the event is out. */
    private readonly notify: (process: AppProcess, ready: boolean) => void,
  ) {
    for (const b of catalog.values())
      this.services.set(b.service, { behaviour: b, ready: new Set(), waiting: new Set(), starts: 0, dependents: [], needs: [] });
    for (const s of this.services.values()) {
      for (const d of s.behaviour.dependsOn) {
        const dep = this.services.get(d);
        if (!dep) throw new Error(`service ${s.behaviour.service} depends on ${d}, which is not in the app catalog`);
        s.needs.push(dep);
        dep.dependents.push(s);
      }
    }
  }

  /** True when the catalog has the service (its replicas go through startup and readiness). */
  tracks(task: TaskLaunch): boolean {
    return task.taskKey === undefined && this.services.has(task.workload);
  }

  /** A container of `process` started running now: its app begins its startup. */
  started(process: AppProcess): void {
    const service = this.services.get(process.task.workload);
    if (!service || process.task.taskKey !== undefined) return;
    const life: Life = { process, service, phase: 'starting', timer: undefined };
    this.lives.set(process, life);
    const startup = service.behaviour.startup(service.starts++);
    life.timer = this.sim.at(addTime(this.sim.now(), startup), this.startupOver, life, PRIORITY.engine);
  }

  /**
   * The process of `process` is gone (exited, killed, restarted, lost with its node): it stops being
   * ready now (a `task-readiness` false if it was), and its dependents learn if it was the last.
   */
  stopped(process: AppProcess): void {
    const life = this.lives.get(process);
    if (!life) return;
    this.lives.delete(process);
    if (life.timer !== undefined) this.sim.cancel(life.timer);
    life.timer = undefined;
    life.service.waiting.delete(life);
    if (life.phase === 'ready') this.loseReady(life);
    life.phase = 'exiting';
  }

  /** Whether the app of a running container is ready now (what a perfect probe sees). */
  isReady(process: AppProcess): boolean {
    const life = this.lives.get(process);
    return life === undefined ? !this.tracks(process.task) : life.phase === 'ready';
  }

  /** Ready replicas of a service now (0 for a service outside the catalog). */
  readyCount(service: string): number {
    return this.services.get(service)?.ready.size ?? 0;
  }

  private readonly startupOver = (life: Life): void => {
    life.timer = undefined;
    if (this.dependenciesReady(life.service)) return this.becomeReady(life);
    if (life.service.behaviour.onMissingDependency === 'crash') return this.exit(life.process, 'dependency-missing');
    life.phase = 'waiting';
    life.service.waiting.add(life);
  };

  private dependenciesReady(service: ServiceApps): boolean {
    return service.needs.every((d) => d.ready.size > 0);
  }

  private becomeReady(life: Life): void {
    const service = life.service;
    life.phase = 'ready';
    service.waiting.delete(life);
    service.ready.add(life);
    this.report(life, true);
    if (service.ready.size !== 1) return;
    // The service has its first ready replica: dependents that waited for it may be ready now.
    for (const dependent of service.dependents) {
      if (!this.dependenciesReady(dependent)) continue;
      for (const waiter of [...dependent.waiting]) this.becomeReady(waiter);
    }
  }

  private loseReady(life: Life): void {
    const service = life.service;
    service.ready.delete(life);
    this.report(life, false);
    if (service.ready.size > 0) return;
    // The service's last ready replica is gone: its ready dependents lose a dependency in use.
    for (const dependent of service.dependents) {
      for (const r of [...dependent.ready]) {
        this.loseReady(r);
        if (dependent.behaviour.onMissingDependency === 'crash') {
          this.giveUp(r, 'dependency-lost');
        } else {
          r.phase = 'waiting';
          dependent.waiting.add(r);
        }
      }
    }
  }

  /**
   * A running app exits because a dependency went away: not ready at once, and the process exits in an
   * event of its own at this instant (never from inside the cluster call that took the dependency away).
   */
  private giveUp(life: Life, reason: ProcessExitReason): void {
    life.phase = 'exiting';
    life.timer = this.sim.at(this.sim.now(), this.exitNow, { life, reason }, PRIORITY.engine);
  }

  private readonly exitNow = ({ life, reason }: { life: Life; reason: ProcessExitReason }): void => {
    life.timer = undefined;
    if (this.lives.get(life.process) !== life) return;
    this.exit(life.process, reason);
  };

  private report(life: Life, ready: boolean): void {
    this.sink({ kind: 'task-readiness', time: this.sim.now(), node: life.process.nodeName, task: life.process.task, ready });
    this.notify(life.process, ready);
  }
}
