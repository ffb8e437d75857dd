import { type Rng } from '../../../sim/rng.js';
import { type PaperCell } from './cell.js';

/** The claims one attempt made: machine and the machine's sequence number seen when claiming, per task. */
export interface PaperClaims {
  readonly machines: number[];
  readonly seqs: number[];
}

/**
 * A scheduler's candidate pool (`candidatePoolCache` of the simulator's `Scheduler`): all machine
 * indices, made once per scheduler and permuted in place by every placement, never reset.
 */
export function candidatePool(machines: number): Int32Array {
  const pool = new Int32Array(machines);
  for (let i = 0; i < machines; i++) pool[i] = i;
  return pool;
}

/**
 * Randomized first fit with the pool swap-out (omega-simulator.md §4.1, `scheduleJob`): pick a random
 * machine among the first `remaining` of the pool; if one task fits there, claim it in `cell` (kept in
 * the pool, so the next task may land there too); otherwise swap the machine to the end of the range
 * and shrink it. Stops when the job's unplaced tasks are placed or the pool is used up; a partial
 * placement is allowed. Claims are applied to `cell` (a private copy for Omega and Mesos, the live
 * cell for monolithic) as scheduler `s`.
 */
export function placeFirstFit(cell: PaperCell, s: number, tasks: number, cpu: number, memory: number, pool: Int32Array, rng: Rng): PaperClaims {
  const claims: PaperClaims = { machines: [], seqs: [] };
  let remainingTasks = tasks;
  let remaining = pool.length;
  while (remainingTasks > 0 && remaining > 0) {
    const index = Math.floor(rng.float() * remaining);
    const m = pool[index] as number;
    if (cell.machineCpu(m) >= cpu && cell.machineMemory(m) >= memory) {
      claims.machines.push(m);
      claims.seqs.push(cell.seq[m] as number);
      cell.claim(s, m, cpu, memory, false);
      remainingTasks--;
    } else {
      pool[index] = pool[remaining - 1] as number;
      pool[remaining - 1] = m;
      remaining--;
    }
  }
  return claims;
}
