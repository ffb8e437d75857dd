import { millis, seconds, type SimDuration } from '../../sim/time.js';

/**
 * The borg engine's defaults, each with its source. [B] = Verma et al., "Large-scale cluster management
 * at Google with Borg", EuroSys 2015; [O] = Schwarzkopf et al., "Omega", EuroSys 2013 (facts:
 * docs/reference/borg-omega.md). Where the paper gives no number the value is OUR ASSUMPTION, said so.
 */
export const BORG_DEFAULTS = {
  /**
   * How often the Borgmaster polls each Borglet. [B] §3.3: "every few seconds" (no number); §3.4: the
   * measured 95th percentile polling interval stays below 10 s. OUR ASSUMPTION: 3 s.
   */
  pollInterval: seconds(3) as SimDuration,
  /**
   * Polls a Borglet may leave unanswered before its machine is marked down and its tasks are
   * rescheduled. [B] §3.3: "several" (no number). OUR ASSUMPTION: 4 (a machine is down 12–15 s after
   * it went silent).
   */
  missedPolls: 4,
  /**
   * Think time of the scheduler: a fixed part per job it dequeues and a part per task it places. [B]
   * states no per-decision cost (a whole online pass takes < 0.5 s, §3.4); [O] §4 models a monolithic
   * scheduler with t_job = 0.1 s and t_task = 5 ms, which we take.
   */
  thinkTime: { perJob: millis(100) as SimDuration, perTask: millis(5) as SimDuration },
  /**
   * The scoring policy. [B] §3.2: Borg's current default is a hybrid that minimises stranded resources
   * (its formula is not stated: ours is in scoring.ts); best fit and worst fit (E-PVM) were used before.
   */
  score: 'hybrid' as const,
  /**
   * Relaxed randomization: machines are examined in a seeded random order until this many feasible
   * ones are found, and only those are scored. [B] §3.4: "enough" feasible machines (no number). OUR
   * ASSUMPTION: 50 (a cell of fewer machines is scored in full).
   */
  feasibleSample: 50,
  /** Preemption of lower-priority tasks at placement ([B] §3.2, §2.5); `false` turns it off. */
  preemption: true,
};
