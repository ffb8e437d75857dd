import { type ConfigVersionRef } from '../../../cluster/app-behaviour.js';
import { type TaskLaunch } from '../../../cluster/task.js';
import { type Rng } from '../../../sim/rng.js';
import { type SimDuration, type SimTime } from '../../../sim/time.js';
import { type EngineContext, type NodeAgentApi } from '../../engine.js';
import { type Pod, type PodStatus } from '../objects.js';
import { type ApiServer } from '../store/api-server.js';
import { type BackoffConfig, CrashLoopBackoff } from './crash-loop-backoff.js';
import { type ChangeDetection, ConfigMapReader } from './config-map-reader.js';
import { ReadinessWorker } from './readiness-worker.js';
import { type ServiceEndpoints } from './service-endpoints.js';

/** `wait.Jitter` factor of a pod worker's resync (`workerResyncIntervalJitterFactor`, `pod_workers.go`). */
const RESYNC_JITTER = 0.5;

/** The kubelet settings the lifecycle of containers needs (defaults.ts `kubelet`, `dependencies`). */
export interface ContainerLifecycleConfig {
  readonly crashLoopBackOff: BackoffConfig;
  readonly syncFrequency: SimDuration;
  readonly configMapAndSecretChangeDetectionStrategy: ChangeDetection;
  readonly configMapCacheTTL: SimDuration;
  readonly initPollInterval: SimDuration;
  /** The engine's one view of ready endpoints (what the init containers' DNS lookups see). */
  readonly endpoints: ServiceEndpoints;
}

/** What the lifecycle side uses of its kubelet. */
export interface KubeletSide {
  /** The kubelet's incarnation (a crash starts a new one; work of an old one is dropped). */
  generation(): number;
  /** A pod status patch through the kubelet's client, re-sent until answered. */
  setStatus(pod: Pod, key: string, label: string, status: Partial<PodStatus>): void;
  /** Runs `fn` at the next PLEG relist, unless the node crashed meanwhile. */
  atNextRelist(gen: number, fn: () => void): void;
}

/** One admitted pod whose container has a lifecycle, as its kubelet tracks it. */
interface PodRun {
  readonly key: string;
  readonly pod: Pod;
  readonly gen: number;
  alive: boolean;
  /** The restartCount the kubelet reports (in-place restarts, plus one per restart after a reboot). */
  restarts: number;
  /** The main container's process is up. */
  running: boolean;
  exitedAt: SimTime;
  readonly prober: ReadinessWorker | undefined;
  /** What the kubelet last wrote as the pod's Ready condition. */
  believedReady: boolean;
  /** The ConfigMap version last written into a mounted volume. */
  mounted: number | undefined;
}

/**
 * The kubelet's handling of pods that declare a lifecycle (objects.ts `PodLifecycle`): an init
 * container that waits for ready endpoints of the dependencies, then the main container, restarted in
 * place when it exits (restartPolicy Always: the instance holds its resources, `holdOnExit`) after the
 * CrashLoopBackOff back-off; a readiness probe whose result is the pod's Ready condition (without a
 * probe, Ready follows the container running); ConfigMaps read at container start (env, hashed) or
 * written into the mounted volume at each periodic pod sync (volume). Every change of the Ready
 * condition is a pod status write and a `readiness-observed` event (`probe` or `assumed`).
 *
 * Timing, as upstream: the probe worker probes when the pod is added and then every period; container
 * starts and exits reach the status at the next PLEG relist; the first exit restarts at once, later
 * ones after the back-off from the exit; a pod re-syncs every `syncFrequency` plus up to half of it.
 * Not modelled: the init container's own start time and resources (the pod's request already counts
 * them at the scheduler; on the node the wait holds nothing), probe timeouts, liveness probes.
 */
export class LifecyclePods {
  private readonly runs = new Map<string, PodRun>();
  private readonly backoff: CrashLoopBackoff;
  private readonly configs: ConfigMapReader;
  private syncRng: Rng | undefined;

  constructor(
    private readonly ctx: EngineContext,
    api: ApiServer,
    private readonly agent: NodeAgentApi,
    private readonly kubelet: KubeletSide,
    private readonly config: ContainerLifecycleConfig,
  ) {
    this.backoff = new CrashLoopBackoff(config.crashLoopBackOff);
    this.configs = new ConfigMapReader(ctx, api, agent.node.name, config.configMapAndSecretChangeDetectionStrategy, config.configMapCacheTTL);
  }

  /**
   * The kubelet admitted `pod` (it fits): start its probe worker and periodic sync, then its init
   * container or its main container. `restarting`: the pod ran here before the node rebooted.
   */
  admit(pod: Pod, key: string, task: TaskLaunch, restarting: boolean): void {
    const life = pod.spec.lifecycle;
    const probe = life?.readinessProbe;
    const run: PodRun = {
      key,
      pod,
      gen: this.kubelet.generation(),
      alive: true,
      restarts: pod.status.restartCount + (restarting ? 1 : 0),
      running: false,
      exitedAt: 0 as SimTime,
      prober: probe ? new ReadinessWorker(probe.failureThreshold) : undefined,
      believedReady: false,
      mounted: undefined,
    };
    this.runs.set(key, run);
    if (probe) this.probeLoop(run, probe.period);
    if (life?.configMap?.use === 'volume') this.syncLoop(run);
    const waitFor = life?.initWaitFor ?? [];
    if (waitFor.length > 0) this.initWait(run, task, waitFor);
    else this.launch(run, task);
  }

  /** The pod left the node (deleted, killed): its timers stop and its back-off is dropped. */
  forget(key: string): void {
    const run = this.runs.get(key);
    if (run) run.alive = false;
    this.runs.delete(key);
    this.backoff.forget(key);
  }

  /** The node crashed: the kubelet process and all its state are gone. */
  reset(): void {
    for (const [key, run] of this.runs) {
      run.alive = false;
      this.backoff.forget(key);
    }
    this.runs.clear();
    this.configs.reset();
  }

  /** The back-off the pod's container would wait after its next exit (0: none yet). */
  backoffOf(key: string): SimDuration {
    return this.backoff.current(key);
  }

  private current(run: PodRun): boolean {
    return run.alive && run.gen === this.kubelet.generation();
  }

  /** The init container: `until nslookup <dep>; do sleep 2; done` for every dependency, then exit 0. */
  private initWait(run: PodRun, task: TaskLaunch, waitFor: readonly string[]): void {
    if (!this.current(run)) return;
    if (this.config.endpoints.allReady(waitFor)) return this.launch(run, task);
    this.ctx.after(this.config.initPollInterval, () => this.initWait(run, task, waitFor));
  }

  private launch(run: PodRun, task: TaskLaunch): void {
    const config = this.configAtStart(run);
    const launch: TaskLaunch = { ...task, holdOnExit: true, ...(config ? { config } : {}) };
    if (!this.agent.fits(launch)) {
      run.alive = false;
      this.kubelet.setStatus(run.pod, run.key, 'pod-status-failed', { phase: 'Failed', ready: false, reason: 'OutOfResources' });
      return;
    }
    if (config && run.pod.spec.lifecycle?.configMap?.use === 'volume') run.mounted = config.version;
    this.agent.launch(launch, {
      onRunning: () => this.containerUp(run),
      onProcessExit: (how) => this.containerExited(run, how),
    });
  }

  /** A container of the pod started (the first one or a restart): the status says so at the next relist. */
  private containerUp(run: PodRun): void {
    if (!this.current(run)) return;
    run.running = true;
    run.prober?.newContainer();
    const startedAt = this.ctx.now();
    this.kubelet.atNextRelist(run.gen, () => {
      if (!this.current(run)) return;
      // Without a probe a running container is Ready; with one, a new container starts not ready.
      const ready = run.prober === undefined ? run.running : run.prober.isReady;
      const status: Partial<PodStatus> = { phase: 'Running', restartCount: run.restarts, startTime: run.pod.status.startTime ?? startedAt };
      this.kubelet.setStatus(run.pod, run.key, 'pod-status-running', ready === run.believedReady ? status : { ...status, ...this.readyFields(ready) });
      if (ready !== run.believedReady) this.believe(run, ready, 'assumed');
    });
  }

  /** The main container's process exited: not ready, and restarted after the back-off. */
  private containerExited(run: PodRun, how: 'finished' | 'failed'): void {
    if (!this.current(run)) return;
    run.running = false;
    run.exitedAt = this.ctx.now();
    run.prober?.notRunning();
    this.kubelet.atNextRelist(run.gen, () => {
      if (!this.current(run) || run.running) return;
      const wait = this.backoff.remaining(run.key, run.exitedAt, this.ctx.now());
      const reason = wait > 0 ? 'CrashLoopBackOff' : how === 'finished' ? 'Completed' : 'Error';
      this.kubelet.setStatus(run.pod, run.key, 'pod-status-crashed', { ...this.readyFields(false), reason });
      if (run.believedReady) this.believe(run, false, run.prober ? 'probe' : 'assumed');
      if (wait === 0) return this.restart(run);
      this.ctx.after(wait, () => this.restart(run));
    });
  }

  /** The restart the back-off allows now (`Next`, then a new container in place). */
  private restart(run: PodRun): void {
    if (!this.current(run) || run.running) return;
    this.backoff.next(run.key, run.exitedAt, this.ctx.now());
    run.restarts++;
    const config = this.configAtStart(run);
    this.agent.restart(run.pod.meta.name, config ? { config } : {});
  }

  /** The readiness probe worker: a probe when the pod is added, then every period. */
  private probeLoop(run: PodRun, period: SimDuration): void {
    const tick = (): void => {
      if (!this.current(run)) return;
      const prober = run.prober as ReadinessWorker;
      // Before the first container exists the worker waits for information; a stopped one fails.
      const changed = run.running ? prober.observe(this.agent.probeReady(run.pod.meta.name)) : false;
      if (changed) {
        this.kubelet.setStatus(run.pod, run.key, 'pod-status-ready', this.readyFields(prober.isReady));
        this.believe(run, prober.isReady, 'probe');
      }
      this.ctx.after(period, tick);
    };
    tick();
  }

  /** The pod worker's periodic resync: remount the ConfigMap volume with what the kubelet's cache holds. */
  private syncLoop(run: PodRun): void {
    const tick = (): void => {
      if (!this.current(run)) return;
      const cm = run.pod.spec.lifecycle?.configMap;
      if (run.running && cm) {
        const version = this.configs.read(run.pod.meta.namespace, cm.name);
        if (version !== undefined && (run.mounted === undefined || version > run.mounted)) {
          run.mounted = version;
          this.agent.deliverConfig(run.pod.meta.name, { name: cm.name, version });
        }
      }
      this.ctx.after(this.resyncInterval(), tick);
    };
    this.ctx.after(this.resyncInterval(), tick);
  }

  /** `wait.Jitter(syncFrequency, 0.5)`: from the kubelet's own stream, so every run draws the same. */
  private resyncInterval(): SimDuration {
    this.syncRng ??= this.ctx.rng.split(`kubelet-resync/${this.agent.node.name}`);
    const base = this.config.syncFrequency;
    return Math.round(base + this.syncRng.float() * RESYNC_JITTER * base) as SimDuration;
  }

  /** The config a new container starts with: the mounted file (volume) or the ConfigMap as the kubelet sees it (env, hashed). */
  private configAtStart(run: PodRun): ConfigVersionRef | undefined {
    const cm = run.pod.spec.lifecycle?.configMap;
    if (!cm) return undefined;
    const version = cm.use === 'volume' && run.mounted !== undefined ? run.mounted : this.configs.read(run.pod.meta.namespace, cm.name);
    return version === undefined ? undefined : { name: cm.name, version };
  }

  private readyFields(ready: boolean): Partial<PodStatus> {
    return ready ? { ready, readySince: this.ctx.now() } : { ready };
  }

  private believe(run: PodRun, ready: boolean, via: 'probe' | 'assumed'): void {
    run.believedReady = ready;
    this.ctx.emit({ kind: 'readiness-observed', time: this.ctx.now(), taskId: run.pod.meta.name, workload: run.pod.spec.workload, ready, via });
  }
}
