import { type SimTime } from '../sim/time.js';

/**
 * A point after which convergence is measured: a fault, a declared service, a scale or a rollout.
 * `label` is what the report shows (`crash 10% of nodes`, `scale web to 200`).
 */
export interface Perturbation {
  readonly index: number;
  readonly time: SimTime;
  readonly kind: 'deploy' | 'scale' | 'rollout' | 'crash' | 'recover' | 'partition' | 'heal' | 'scheduler-crash' | 'burst';
  readonly label: string;
}
