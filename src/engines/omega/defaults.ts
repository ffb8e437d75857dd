/**
 * Every default of the Omega engine, with where it comes from. Sources (docs/reference/borg-omega.md):
 * [O] Schwarzkopf et al., "Omega: flexible, scalable schedulers for large compute clusters", EuroSys
 * 2013; [B] Verma et al., "Large-scale cluster management at Google with Borg", EuroSys 2015; [SIM] the
 * paper's open-source simulator (google/cluster-scheduler-simulator, docs/reference/omega-simulator.md).
 * A value no source gives is marked ASSUMPTION with the reason. The scenario overrides any of them under
 * `spec.engines.omega` (options.ts).
 */
export const OMEGA_DEFAULTS = {
  /**
   * How work is split among schedulers: `workload-type` is the paper's setup, one batch and one service
   * scheduler ([O] §4, §4.3); `tenant` gives each tenant its own scheduler (the paper's "one per team").
   */
  partition: 'workload-type',
  /**
   * Schedulers per group (a group is a workload type or a tenant); jobs are spread over a group's
   * schedulers by a hash of the job name ([O] §4.3 Fig. 9 "simple hash"; §5.1 "hash of the job ID").
   */
  schedulersPerGroup: 1,
  /** t_decision = t_job + t_task × tasks, t_job = 0.1 s, t_task = 5 ms ([O] §4, "conservative"). */
  thinkTime: { tJob: '100ms', tTask: '5ms' },
  /**
   * Conflict detection: `resource-fit` (fine-grained, the paper's baseline: reject a claim only if the
   * machine now lacks room) or `sequence-numbers` (coarse: reject if anything was claimed on the machine
   * since the copy) ([O] §5.2; [SIM] §4.5).
   */
  conflictMode: 'resource-fit',
  /** `incremental` (keep every non-conflicting claim, the paper's default) or `all-or-nothing` (gang) ([O] §3.4, §5.2). */
  transactionMode: 'incremental',
  /** Placement on the private copy: randomized first fit, as the lightweight simulator does ([O] §4; [SIM] §4.1). */
  placement: 'random-first-fit',
  /**
   * A job with tasks left goes back to its scheduler's queue after this. [O] gives no delay; the
   * simulator uses 1 s ([SIM] §4.1).
   */
  retryDelay: '1s',
  /** Abandon a job after more than this many attempts with nothing placed ([SIM] §4.1; not in [O]). */
  abandonAfterAttemptsWithoutProgress: 100,
  /** ... or after more than this many attempts in all ([O] §4: "abandoned after 1,000 attempts"; [SIM] §4.1). */
  abandonAfterAttempts: 1000,
  /**
   * The cell state polls every machine's agent for its state. ASSUMPTION: Omega's paper says nothing of
   * machine health; its cell state is Borg's, whose master polls each Borglet "every few seconds" with a
   * measured p95 polling interval below 10 s ([B] §3.3, §3.4). 5 s is "a few seconds".
   */
  pollPeriod: '5s',
  /**
   * A machine that answered no poll for this many periods is marked down and its tasks are rescheduled.
   * ASSUMPTION: [B] §3.3 says "several" missed polls; 3 is the smallest count that is "several".
   */
  missedPollsBeforeDown: 3,
} as const;
