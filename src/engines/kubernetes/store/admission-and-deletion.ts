import { type Toleration } from '../../../cluster/constraints.js';
import { hasFinalizers, type KObject, type Pod, TAINT_NOT_READY, TAINT_UNREACHABLE } from '../objects.js';

/**
 * True when a write took the last finalizer off an object whose delete with grace period 0 was
 * waiting for it: the store then deletes the object instead of storing it.
 */
export function finalizersReleased(before: KObject, after: KObject): boolean {
  return hasFinalizers(before) && !hasFinalizers(after) && after.meta.deletionGracePeriodSeconds === 0;
}

/** A pod on a node that has not finished waits for its kubelet to stop it (terminationGracePeriod). */
export function needsGracefulDeletion(pod: Pod): boolean {
  return pod.spec.nodeName !== undefined && pod.status.phase !== 'Succeeded' && pod.status.phase !== 'Failed';
}

/**
 * The DefaultTolerationSeconds admission plugin: a pod without its own NoExecute toleration for
 * `not-ready` / `unreachable` gets one for `seconds` (kube-apiserver default 300).
 */
export function admitPod(pod: Pod, seconds: number, memo?: WeakMap<readonly Toleration[], readonly Toleration[]>): Pod {
  const own = pod.spec.tolerations;
  let tolerations = memo?.get(own);
  if (tolerations === undefined) {
    tolerations = admittedTolerations(own, seconds);
    memo?.set(own, tolerations);
  }
  return tolerations === own ? pod : { ...pod, spec: { ...pod.spec, tolerations } };
}

/** `own` plus the default tolerations it lacks (`own` itself when it lacks none). */
function admittedTolerations(own: readonly Toleration[], seconds: number): readonly Toleration[] {
  const extra = [TAINT_NOT_READY, TAINT_UNREACHABLE]
    .filter((key) => !own.some((t) => (t.key === key || t.key === undefined || t.key === '') && (t.effect === 'NoExecute' || t.effect === undefined)))
    .map((key) => ({ key, operator: 'Exists' as const, effect: 'NoExecute' as const, tolerationSeconds: seconds }));
  return extra.length === 0 ? own : [...own, ...extra];
}
