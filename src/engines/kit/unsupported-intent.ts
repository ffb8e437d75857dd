import { type EngineContext } from '../engine.js';
import { type LifecycleIntent, type ServiceTemplate } from '../../intents/index.js';
import { type UnsupportedFeature } from '../../metrics/events.js';

/** The feature each lifecycle intent asks for, as an `unsupported` event names it. */
const FEATURE_OF: Readonly<Record<LifecycleIntent['kind'], UnsupportedFeature>> = {
  'config-changed': 'config-change',
  'service-restart': 'restart',
  'run-once-per-node': 'run-once-per-node',
};

/**
 * What an engine does with a lifecycle intent it cannot express yet: nothing, said out loud. It emits
 * one `unsupported` event naming the feature and the operation; the observer counts it
 * (`unsupported:<feature>` in counters.csv) and leaves the operation not done (censored). Never a
 * silent no-op: a result that looks like an instant success would be a lie.
 */
export function reportUnsupported(ctx: EngineContext, intent: LifecycleIntent): void {
  ctx.emit({ kind: 'unsupported', time: ctx.now(), feature: FEATURE_OF[intent.kind], operation: intent.operation });
}

/**
 * What an engine that neither probes readiness nor orders services by their dependencies does with a
 * service template that asks for them: it says so, once per declaration (`unsupported` events for
 * `readiness` and `dependencies`), and goes on treating a running replica as ready and starting every
 * service at once. The app's truth still applies (its replicas become ready, wait or crash by
 * themselves), so its results show what ignoring them costs.
 */
export function reportUnexpressedLifecycle(ctx: EngineContext, template: ServiceTemplate): void {
  const l = template.lifecycle;
  if (!l) return;
  if (l.readiness !== undefined) ctx.emit({ kind: 'unsupported', time: ctx.now(), feature: 'readiness' });
  if (l.dependsOn.length > 0) ctx.emit({ kind: 'unsupported', time: ctx.now(), feature: 'dependencies' });
}
