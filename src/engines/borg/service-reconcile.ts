import { templateRolloutStep } from '../kit/index.js';
import { type BorgService, type BorgTask } from './borg-task.js';

/** What the Borgmaster does for a service at one instant: replicas to stop, and how many to queue. */
export interface ServiceStep {
  readonly stop: readonly BorgTask[];
  readonly start: number;
}

/** Pending replicas go first, then those not running yet, then the newest. */
function stopOrder(a: BorgTask, b: BorgTask): number {
  const rank = (t: BorgTask): number => (t.state === 'pending' ? 0 : t.state === 'running' ? 2 : 1);
  return rank(a) - rank(b);
}

/**
 * Keeps a service at its replica count and rolls a new version out with a cap on disruption ([B]
 * §2.3: updates are rolling, with a limit on the tasks an update may disrupt); the caps are the
 * scenario's maxSurge / maxUnavailable, spent at once as kit's {@link templateRolloutStep} does. A replica
 * counts from the moment it is queued; it is available once its Borglet reported it running.
 */
export function reconcileService(s: BorgService): ServiceStep {
  const tpl = s.template;
  const current: BorgTask[] = [];
  const old: BorgTask[] = [];
  for (const t of s.replicas) (t.version === tpl.version ? current : old).push(t);
  const stop: BorgTask[] = [];
  if (current.length > tpl.replicas) {
    const extra = [...current]
      .reverse()
      .sort(stopOrder)
      .slice(0, current.length - tpl.replicas);
    for (const t of extra) {
      stop.push(t);
      current.splice(current.indexOf(t), 1);
    }
  }
  const step = templateRolloutStep(tpl, current, old, (t) => t.state === 'running');
  return { stop: [...stop, ...step.stop], start: Math.max(0, step.start) };
}
