import { type AppBehaviour, type AppCatalog, type ConfigUse, type StartupDraws } from '../cluster/app-behaviour.js';
import { createDistribution } from '../sim/distributions.js';
import { type Rng } from '../sim/rng.js';
import { seconds, type SimDuration } from '../sim/time.js';
import { type ServiceLifecycle } from '../intents/index.js';
import { type ScenarioDoc, type ServiceSpec } from './schema.js';

/** Default of `onMissingDependency`: the fail-fast app (app-behaviour.ts). */
export const DEFAULT_MISSING_DEPENDENCY = 'crash';
/** Default of `configUse`: a mounted file (Kubernetes's ConfigMap volume, updated without a restart). */
export const DEFAULT_CONFIG_USE: ConfigUse = 'volume';

/** True when a service declares any of the lifecycle fields (startup, readiness, dependsOn, config). */
export function declaresLifecycle(w: ServiceSpec): boolean {
  return w.startup !== undefined || w.readiness !== undefined || (w.dependsOn?.length ?? 0) > 0 || w.config !== undefined;
}

/**
 * True when the scenario declares any application lifecycle: a service with a lifecycle field, a
 * config, or a config-change, restart or run-once-per-node event. The observer measures the lifecycle
 * only then, so that every other scenario's results stay exactly as they were.
 */
export function usesLifecycle(doc: ScenarioDoc): boolean {
  if ((doc.spec.configs?.length ?? 0) > 0) return true;
  if (doc.spec.workloads.some((w) => w.kind === 'Service' && declaresLifecycle(w))) return true;
  return doc.spec.events.some((e) => e.kind === 'config-change' || e.kind === 'restart' || e.kind === 'run-once-per-node');
}

/**
 * The version of each config when a service declared at `time` is declared: its first version plus
 * the config changes before `time` (a change at the same instant comes after the declaration: events
 * follow workloads in scenario order).
 */
export function configVersionAt(doc: ScenarioDoc, config: string, time: number): number {
  const first = doc.spec.configs?.find((c) => c.name === config)?.version ?? 1;
  return first + doc.spec.events.filter((e) => e.kind === 'config-change' && e.config === config && e.at < time).length;
}

/** What the service's template tells the control plane about its lifecycle; undefined when it declares none. */
export function serviceLifecycle(doc: ScenarioDoc, w: ServiceSpec): ServiceLifecycle | undefined {
  if (!declaresLifecycle(w)) return undefined;
  return {
    ...(w.readiness ? { readiness: { period: w.readiness.period, failureThreshold: w.readiness.failureThreshold } } : {}),
    dependsOn: w.dependsOn ?? [],
    onMissingDependency: w.onMissingDependency ?? DEFAULT_MISSING_DEPENDENCY,
    ...(w.config !== undefined
      ? { config: { name: w.config, use: w.configUse ?? DEFAULT_CONFIG_USE, version: configVersionAt(doc, w.config, w.startAt) } }
      : {}),
  };
}

/**
 * The app behaviour of a scenario's services for one trial (cluster/app-behaviour.ts): every service
 * that declares a lifecycle field, and every service another one depends on. Startup durations come
 * from the stream `workload/<service>/startup` of the trial's root stream, drawn in order and kept,
 * so the k-th container start of the service takes the same time under every engine. A service
 * without `startup` is ready the instant its container runs (once its dependencies are ready).
 * Empty for a scenario that declares no lifecycle: the cluster then behaves exactly as before.
 */
export function appCatalog(doc: ScenarioDoc, root: Rng): AppCatalog {
  const services = doc.spec.workloads.filter((w): w is ServiceSpec => w.kind === 'Service');
  const needed = new Set(services.flatMap((w) => w.dependsOn ?? []));
  const catalog = new Map<string, AppBehaviour>();
  if (!services.some(declaresLifecycle)) return catalog;
  const workloadRng = root.split('workload');
  for (const w of services) {
    if (!declaresLifecycle(w) && !needed.has(w.name)) continue;
    const config =
      w.config === undefined
        ? undefined
        : { name: w.config, use: w.configUse ?? DEFAULT_CONFIG_USE, initialVersion: configVersionAt(doc, w.config, w.startAt) };
    catalog.set(w.name, {
      service: w.name,
      startup: w.startup === undefined ? () => 0 as SimDuration : startupDraws(w.startup, workloadRng.split(w.name).split('startup')),
      dependsOn: w.dependsOn ?? [],
      onMissingDependency: w.onMissingDependency ?? DEFAULT_MISSING_DEPENDENCY,
      ...(config ? { config } : {}),
    });
  }
  return catalog;
}

/** Indexed startup draws: the k-th value is the k-th draw of the stream, whatever order they are asked in. */
function startupDraws(spec: NonNullable<ServiceSpec['startup']>, rng: Rng): StartupDraws {
  const distribution = createDistribution(spec);
  const drawn: SimDuration[] = [];
  return (k) => {
    while (drawn.length <= k) drawn.push(Math.max(0, seconds(distribution.sample(rng))) as SimDuration);
    return drawn[k] as SimDuration;
  };
}
