import { type SimDuration } from '../../../sim/time.js';
import { type EngineContext } from '../../engine.js';
import { type App, hasChecks, hasLifecycle, type Instance } from './marathon-app.js';
import { ReadinessPoller } from './readiness-poller.js';

/**
 * What Marathon believes of each instance's readiness, and how it learns it. An instance counts as
 * ready (for the rolling restart's minimumHealthCapacity and for the end of a deployment) once it
 * runs, and, for an app with checks, once its health check passed (a status update from the agent)
 * and its readiness check answered ready (Marathon's own poll). Each change of that belief for a
 * service with a lifecycle is reported as `readiness-observed` (`probe` with checks, `assumed`
 * without): what the control plane counts, beside what the app really is.
 */
export class InstanceBeliefs {
  private readonly poller: ReadinessPoller;

  constructor(
    private readonly ctx: EngineContext,
    endpoint: string,
    readinessInterval: SimDuration,
    /** Called when a readiness answer changed what Marathon believes of one of the app's instances. */
    private readonly changed: (app: App) => void,
  ) {
    this.poller = new ReadinessPoller(ctx, endpoint, readinessInterval);
  }

  /** Marathon learned that the instance runs on `agent`: its readiness polls begin. */
  nowRunning(app: App, inst: Instance, agent: string): void {
    inst.state = 'running';
    inst.agent = agent;
    if (hasChecks(app)) this.pollReadiness(app, inst);
  }

  /** Polls the instance's readiness until it answers ready (the app must have checks). */
  pollReadiness(app: App, inst: Instance): void {
    if (inst.agent === undefined || inst.agent === '') return;
    this.poller.start(inst.id, inst.agent, () => {
      if (app.instances.get(inst.id) !== inst) return;
      inst.readyChecked = true;
      this.refresh(app, inst);
      this.changed(app);
    });
  }

  /** Recomputes the belief of one instance and reports a change. */
  refresh(app: App, inst: Instance): void {
    const checks = hasChecks(app);
    const believed = inst.state === 'running' && (!checks || (inst.healthy === true && inst.readyChecked));
    if (believed !== inst.believed) this.set(app, inst, believed);
  }

  /** The instance is gone from Marathon's books (a terminal status, a launch timeout, reconciliation). */
  forget(app: App, inst: Instance): void {
    app.instances.delete(inst.id);
    this.poller.stop(inst.id);
    if (inst.believed) this.set(app, inst, false);
  }

  /** The framework process died: no poll survives it. */
  stopAll(): void {
    this.poller.stopAll();
  }

  private set(app: App, inst: Instance, believed: boolean): void {
    inst.believed = believed;
    if (!hasLifecycle(app)) return;
    const via = hasChecks(app) ? 'probe' : 'assumed';
    this.ctx.emit({ kind: 'readiness-observed', time: this.ctx.now(), taskId: inst.id, workload: app.template.name, ready: believed, via });
  }
}
