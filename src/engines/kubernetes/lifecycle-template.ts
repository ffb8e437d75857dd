import { type ServiceTemplate } from '../../intents/index.js';
import { type KubernetesOptions } from './options.js';
import { type PodLifecycle, type PodTemplate } from './objects.js';

/** The template annotation of the config-hash idiom (Helm's documented `checksum/config`). */
export const CONFIG_CHECKSUM = 'checksum/config';
/** The template annotation `kubectl rollout restart` sets (`kubectl.kubernetes.io/restartedAt`). */
export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

/**
 * How a service's lifecycle becomes part of its pod template, as its owner would write it: a
 * `readinessProbe` with the declared period and failure threshold; with the `init-container`
 * dependency idiom, an init container waiting for every service it `dependsOn`; the ConfigMap it
 * reads and how; for `hashed`, the config's version as the `checksum/config` template annotation
 * (so a new version is a new template, i.e. a rollout: "Automatically Roll Deployments", Helm docs).
 * Undefined when the service declares no lifecycle (the template stays as it always was).
 */
export function templateLifecycle(s: ServiceTemplate, options: KubernetesOptions): Pick<PodTemplate, 'lifecycle' | 'annotations'> | undefined {
  const l = s.lifecycle;
  if (l === undefined) return undefined;
  const lifecycle: { -readonly [P in keyof PodLifecycle]: PodLifecycle[P] } = {};
  if (l.readiness) lifecycle.readinessProbe = { period: l.readiness.period, failureThreshold: l.readiness.failureThreshold };
  if (options.dependencies.dependencyIdiom === 'init-container' && l.dependsOn.length > 0) lifecycle.initWaitFor = l.dependsOn;
  if (l.config) lifecycle.configMap = { name: l.config.name, use: l.config.use };
  const annotations = l.config?.use === 'hashed' ? { [CONFIG_CHECKSUM]: checksumOf(l.config.version) } : undefined;
  return annotations ? { lifecycle, annotations } : { lifecycle };
}

/** The checksum annotation's value for a config version (the model's stand-in for a sha256 of the data). */
export function checksumOf(version: number): string {
  return `v${version}`;
}

/** `kubectl rollout restart`'s annotation value: the time of the request (here virtual seconds). */
export function restartedAtValue(time: number): string {
  return `${time / 1_000_000}s`;
}
