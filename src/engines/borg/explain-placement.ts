import { explainResources } from '../../cluster/explained-resources.js';
import { type BorgTask } from './borg-task.js';
import { type Candidate } from './class-placement.js';
import { type BorgOptions } from './options.js';

/** How many machines a placement record lists (the chosen one first). */
const LISTED = 3;

/**
 * The explain.jsonl record of one Borg placement (docs/explain.md), made when the scheduler chooses:
 * the policy, how many machines it examined in its random order and how many feasible ones it scored
 * (relaxed randomization), the chosen machine with its cost and the tasks it preempts, and the next
 * best machines of the sample.
 */
export function placementRecord(
  task: BorgTask,
  chosen: Candidate,
  ranked: readonly Candidate[],
  examined: number,
  options: Pick<BorgOptions, 'score' | 'feasibleSample'>,
): Record<string, unknown> {
  const victims = chosen.score.fit.feasible ? chosen.score.fit.victims : [];
  const entry = (c: Candidate): Record<string, unknown> => ({
    node: c.machine.spec.name,
    cost: c.score.cost,
    preempts: c.score.fit.feasible ? c.score.fit.victims.length : 0,
  });
  return {
    type: 'placement',
    task: task.launch?.id ?? '',
    workload: task.workload,
    requests: explainResources(task.resources),
    priority: task.priority,
    node: chosen.machine.spec.name,
    rule: options.score,
    why: `the feasible machine (constraints met; room counting lower-priority tasks it may preempt) with the fewest preemptions, then the lowest ${options.score} cost, among the first ${options.feasibleSample} feasible machines found in a random order`,
    cost: chosen.score.cost,
    examined,
    feasibleScored: ranked.length,
    preempted: victims.map((v) => v.launch?.id ?? ''),
    candidates: [
      entry(chosen),
      ...ranked
        .filter((c) => c !== chosen)
        .slice(0, LISTED - 1)
        .map(entry),
    ],
  };
}
