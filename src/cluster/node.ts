import { type Resources } from './resources.js';

/** Effect of a taint, as in Kubernetes. */
export type TaintEffect = 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';

/** A node taint: tasks that do not tolerate it are kept off (NoSchedule) or evicted (NoExecute). */
export interface Taint {
  readonly key: string;
  readonly value?: string;
  readonly effect: TaintEffect;
}

/** Immutable description of one machine of the cluster. */
export interface NodeSpec {
  readonly name: string;
  /** What tasks may use (Kubernetes: allocatable; Mesos: the agent's resources). */
  readonly allocatable: Resources;
  /** Labels such as `zone`, `rack`, `gpu`; Mesos sees them as agent attributes. */
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly Taint[];
  /** Most tasks the node runs at once (Kubernetes: allocatable pods, default 110). */
  readonly maxTasks: number;
}

/** Kubernetes's default pod capacity per node (kubelet `maxPods`). */
export const DEFAULT_MAX_TASKS_PER_NODE = 110;
