import { type ServiceTemplate } from '../../intents/index.js';
import { rolloutBounds } from './rollout-bounds.js';
import { type RolloutStep, rolloutStep } from './rollout-step.js';

/**
 * The {@link rolloutStep} of a service template as every engine here without a rollout rule of its own
 * keeps it (oracle, borg): the template's maxSurge / maxUnavailable, 25 % each when unset, turned
 * into counts as Kubernetes does (surge rounded up, unavailable down, one unavailable when both come
 * out 0: kit `rolloutBounds`). `current` are the instances of the template's version (the caller has
 * trimmed them to `replicas` already), `old` those of earlier versions in the order they were placed.
 */
export function templateRolloutStep<T>(
  template: Pick<ServiceTemplate, 'replicas' | 'maxSurge' | 'maxUnavailable'>,
  current: readonly T[],
  old: readonly T[],
  isRunning: (inst: T) => boolean,
): RolloutStep<T> {
  const { surge, unavailable } = rolloutBounds(template.maxSurge ?? '25%', template.maxUnavailable ?? '25%', template.replicas, 'one-unavailable');
  return rolloutStep({
    replicas: template.replicas,
    current: current.length,
    currentRunning: current.filter(isRunning).length,
    old,
    isRunning,
    surge,
    unavailable,
  });
}
