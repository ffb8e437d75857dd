import { type SimDuration } from '../sim/time.js';

/*
 * The application's own behaviour: what a service's process does once its container runs, whatever
 * control plane started it. This is truth (DESIGN.md §5 rule 5): the cluster applies it to every
 * replica of a service, under every engine; an engine only observes it (probes, health checks).
 */

/**
 * What an app does when a service it depends on has no ready replica.
 * - `crash`: the fail-fast idiom: the process exits (non-zero) when a dependency is not ready at its
 *   startup check, and also later when a dependency it uses loses its last ready replica (a lost
 *   connection it does not try to re-establish; a supervisor, kubelet or framework, restarts it).
 * - `wait`: the process keeps running and retries inside; it becomes ready once every dependency is
 *   ready, and goes back to not ready (still running) while one has no ready replica. This is the
 *   situation readiness probes exist for: "an application might ... depend on external services after
 *   startup. In such cases, you don't want to kill the application, but you don't want to send it
 *   requests either" (Kubernetes docs, Configure Liveness, Readiness and Startup Probes).
 */
export type MissingDependencyPolicy = 'crash' | 'wait';

/**
 * How a service's replicas consume their config (the three Kubernetes idioms, which every engine
 * maps to its own means):
 * - `volume`: a mounted file the node agent rewrites when its sync happens; the app reloads it in
 *   place (no restart): the replica runs the new version from the delivery on.
 * - `env`: read once at container start (environment variables): only a new container start (a new
 *   instance or an in-place restart) picks up a new version.
 * - `hashed`: the config's hash is part of the template, so a new version is a new template, i.e. a
 *   rollout; each new instance starts with the version of its template.
 */
export type ConfigUse = 'volume' | 'env' | 'hashed';

/** Which version of which named config an instance runs. Versions start at 1 and only increase. */
export interface ConfigVersionRef {
  readonly name: string;
  readonly version: number;
}

/**
 * Startup durations of one service: `draw(k)` is the time from the k-th container start (k = 0, 1, …,
 * counted over every replica of the service, launches and in-place restarts alike) until the app
 * has done its own initialisation and checks its dependencies. The same k gives the same duration
 * under every engine (the workload layer owns the draws: `workload/<service>/startup`).
 */
export type StartupDraws = (k: number) => SimDuration;

/** One service's behaviour, as the cluster applies it to each of its replicas. */
export interface AppBehaviour {
  /** The Service workload (the `workload` of its instances). */
  readonly service: string;
  readonly startup: StartupDraws;
  /** Services that must have a ready replica for this one to be ready (never itself; no cycle). */
  readonly dependsOn: readonly string[];
  readonly onMissingDependency: MissingDependencyPolicy;
  /** The config its replicas run, how they consume it, and its version when the scenario starts. */
  readonly config?: { readonly name: string; readonly use: ConfigUse; readonly initialVersion: number };
}

/**
 * The behaviour of every service that has one, by service name. A service with no entry behaves as
 * before this model existed: its replica is ready exactly while it runs, and the cluster emits no
 * readiness events for it. The workload layer puts into the catalog every service that declares
 * startup, readiness, dependencies or a config, and every service another one depends on.
 */
export type AppCatalog = ReadonlyMap<string, AppBehaviour>;

/** An empty catalog: no service has lifecycle behaviour (every scenario written before it). */
export const NO_APPS: AppCatalog = new Map();
