import { type SimDuration } from '../../../sim/time.js';
import { type EngineContext } from '../../engine.js';

/**
 * What Marathon knows across its apps, whichever framework instance runs them: which apps have a
 * deployment in progress, and which lifecycle operations (a restart, a config change) wait for
 * deployments to finish.
 *
 * - **Dependencies** (app `dependencies`, docs/docs/deployments.md "Dependencies"): "if db and app is
 *   added to the system, db is started first and then app"; a deployment step runs only once the step
 *   before it finished, i.e. every instance of the apps it changed runs and is healthy and ready. An
 *   app is deployed here once it was declared and its last deployment finished; a dependent app's
 *   deployment waits (launches nothing) until each app it depends on is deployed.
 * - **Operations**: the client's call is answered with a deployment id (`accepted`, a reply); the
 *   deployment's end is published on Marathon's event bus as `deployment_success` (docs/docs/event-bus.md),
 *   which a client subscribed to `/v2/events` receives: `finished`, via a watch.
 */
export class AppDirectory {
  private readonly apps = new Map<string, { deploying: boolean }>();
  private readonly open: { readonly operation: string; readonly services: Set<string> }[] = [];
  private readonly listeners: ((service: string) => void)[] = [];
  /** Some app declared dependencies: only then are deployments' ends passed on to dependents. */
  private dependents = false;

  constructor(private readonly ctx: EngineContext) {}

  /** An app with `dependsOn` exists: its framework must hear when other apps finish deploying. */
  noteDependencies(dependsOn: readonly string[]): void {
    if (dependsOn.length > 0) this.dependents = true;
  }

  /** Calls `listener` (in an event of its own) whenever an app's deployment finishes. */
  onDeployed(listener: (service: string) => void): void {
    this.listeners.push(listener);
  }

  /** True when the app was declared and has no deployment in progress. */
  isDeployed(service: string): boolean {
    const a = this.apps.get(service);
    return a !== undefined && !a.deploying;
  }

  /** An app's deployment started (declared, scaled, a new version, a restart). */
  started(service: string): void {
    const a = this.apps.get(service);
    if (a === undefined) this.apps.set(service, { deploying: true });
    else a.deploying = true;
  }

  /** An app's deployment finished: operations waiting only for it finish, dependents may start. */
  finished(service: string): void {
    const a = this.apps.get(service);
    if (a === undefined || !a.deploying) return;
    a.deploying = false;
    for (let i = 0; i < this.open.length;) {
      const op = this.open[i] as (typeof this.open)[number];
      op.services.delete(service);
      if (op.services.size === 0) {
        this.open.splice(i, 1);
        this.emit(op.operation, 'finished');
      } else i++;
    }
    if (!this.dependents) return;
    this.ctx.after(0 as SimDuration, () => {
      for (const l of this.listeners) l(service);
    });
  }

  /**
   * The client's call for `operation` was answered (its deployment stored): it finishes when every
   * app in `services` has finished the deployment it started now (at once when there is none).
   */
  accepted(operation: string, services: readonly string[]): void {
    this.emit(operation, 'accepted');
    const waiting = new Set(services.filter((s) => !this.isDeployed(s) && this.apps.has(s)));
    if (waiting.size === 0) this.emit(operation, 'finished');
    else this.open.push({ operation, services: waiting });
  }

  private emit(operation: string, phase: 'accepted' | 'finished'): void {
    this.ctx.emit({ kind: 'operation', time: this.ctx.now(), operation, phase, via: phase === 'accepted' ? 'reply' : 'watch' });
  }
}
