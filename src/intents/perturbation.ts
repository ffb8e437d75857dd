import { type SimTime } from '../sim/time.js';

/**
 * A point after which convergence is measured: a fault, a declared service, a scale or a rollout,
 * a config change, a restart or a one-off operation.
 * `label` is what the report shows (`crash 10% of nodes`, `scale web to 200`).
 */
export interface Perturbation {
  readonly index: number;
  readonly time: SimTime;
  readonly kind:
    | 'deploy'
    | 'scale'
    | 'rollout'
    | 'crash'
    | 'recover'
    | 'partition'
    | 'heal'
    | 'scheduler-crash'
    | 'burst'
    | 'config-change'
    | 'restart'
    | 'run-once-per-node';
  readonly label: string;
}
