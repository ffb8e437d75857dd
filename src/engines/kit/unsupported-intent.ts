import { type EngineContext } from '../engine.js';
import { type LifecycleIntent } from '../../intents/index.js';
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
