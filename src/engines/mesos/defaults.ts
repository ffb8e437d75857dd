/**
 * Every default of the Mesos engine, with where the value comes from. The scenario overrides any of
 * them under `spec.engines.mesos` (see options.ts). Sources are the apache/mesos tree at c1b42f79
 * and mesosphere/marathon at 90619da7, as read in docs/reference/mesos.md.
 */
export const MESOS_DEFAULTS = {
  /**
   * Mesos-DNS `refreshSeconds` 60 (mesosphere/mesos-dns docs/configuration-parameters.md: "the
   * frequency at which Mesos-DNS updates DNS records based on information retrieved from the Mesos
   * master. The default value is 60 seconds"): service discovery for apps that take requests.
   */
  mesosDnsRefresh: '60s',
  /** `--allocation_interval`: src/master/constants.hpp DEFAULT_ALLOCATION_INTERVAL = Seconds(1). */
  allocationInterval: '1s',
  /** `Filters.refuse_seconds` default 5.0 (include/mesos/mesos.proto); used on decline and on the unused part of an accept. */
  refuseSeconds: '5s',
  /** Refuse filters longer than this are capped (hierarchical.cpp: values over 365 days are capped). */
  maxRefuse: '365d',
  /** `--offer_timeout`: no default in src/master/flags.cpp, so offers never time out. */
  offerTimeout: undefined,
  /** `--agent_ping_timeout`: DEFAULT_AGENT_PING_TIMEOUT = Seconds(15) (src/master/constants.hpp). */
  agentPingTimeout: '15s',
  /** `--max_agent_ping_timeouts`: DEFAULT_MAX_AGENT_PING_TIMEOUTS = 5 (src/master/constants.hpp). */
  maxAgentPingTimeouts: 5,
  /**
   * `--min_allocatable_resources` = `cpus:0.01|mem:32` (flags.cpp from MIN_CPUS = 0.01 and
   * MIN_MEM = Megabytes(32)): an OR of ANDs; an offer is made only if it holds one of the sets.
   */
  minAllocatable: [{ cpu: '10m' }, { memory: '32Mi' }],
  /**
   * Offer mode. `whole-agent` is Mesos: each agent's free pool goes to the first eligible framework
   * in DRF order (hierarchical.cpp __generateOffers). `fair-share` is the fix the Omega paper
   * (§4.2) proposes: offer a framework only what it asked for (or its fair share when it says
   * nothing), so that one framework's think time does not lock the whole cluster.
   */
  offerMode: 'whole-agent',
  /**
   * Agent status-update retry: the agent's status update manager resends unacknowledged updates,
   * starting at STATUS_UPDATE_RETRY_INTERVAL_MIN = 10 s and doubling up to 10 min (src/slave/constants.hpp).
   */
  statusUpdateRetryMin: '10s',
  statusUpdateRetryMax: '10m',
  /** Agent (re-)registration backoff: `--registration_backoff_factor` 1 s, capped at REGISTER_RETRY_INTERVAL_MAX = 1 min. */
  registrationBackoff: '1s',
  registrationBackoffMax: '1m',
  /**
   * Decision ("think") time while a framework holds offers: t_decision = t_job + t_task × tasks
   * (Omega paper §4, "somewhat conservative": t_job = 0.1 s, t_task = 5 ms).
   */
  thinkTime: { tJob: '100ms', tTask: '5ms' },
  /** The Marathon-like service framework (mesosphere/marathon, MarathonConf.scala and friends). */
  service: {
    /** `--failover_timeout` 604800 s (1 week) in MarathonConf.scala; Mesos's own default is 0. */
    failoverTimeout: '7d',
    /** Marathon registers with the PARTITION_AWARE capability (MarathonSchedulerDriver.scala). */
    partitionAware: true,
    /** `--decline_offer_duration` 120 s: the refuse_seconds Marathon sends with a decline. */
    declineFor: '120s',
    /** `--suppress_offers` on: suppress when there is nothing to launch. */
    suppressOffers: true,
    /** `--min_revive_offers_interval` 5 s (ReviveOffersConfig.scala). */
    minReviveInterval: '5s',
    /** `--max_instances_per_offer` 5 (OfferMatcherManagerConfig.scala). */
    maxInstancesPerOffer: 5,
    /** `--launch_tokens` 100 per `--launch_token_refresh_interval` 30 s (LaunchTokenConfig.scala); +1 per TASK_RUNNING. */
    launchTokens: 100,
    launchTokenRefresh: '30s',
    /** `--task_launch_timeout` 300 s (MarathonConf.scala): an instance not running by then is killed and replaced. */
    launchTimeout: '300s',
    /**
     * App `backoffSeconds` 1, `backoffFactor` 1.15, `maxLaunchDelaySeconds` 300 (app.raml, RateLimiter.scala;
     * 3600 before commit 3b842ed50, 2018-11-28). It applies to failed and finished tasks and to tasks
     * killed for failing too many health checks (app.raml, backoffSeconds).
     */
    backoff: { initial: '1s', factor: 1.15, max: '300s' },
    /**
     * The health check Marathon gives an app whose service declares `readiness` (a MESOS_HTTP check,
     * run by the executor on the agent, its result carried on TASK_RUNNING status updates with
     * `healthy` set: Mesos ≥ 1.2 native health checks). Defaults of AppHealthCheck in
     * docs/docs/rest-api/public/api/v2/types/healthCheck.raml and docs/docs/health-checks.md:
     * `delaySeconds` 15 (before the first check), `intervalSeconds` 60, `gracePeriodSeconds` 300
     * (failures ignored this long after the task starts, or until it is healthy once),
     * `maxConsecutiveFailures` 3 (then the task is killed; 0 = never). `timeoutSeconds` 20 is not
     * modelled: a probe answers at once (the model has no hung app).
     */
    healthCheck: { delay: '15s', interval: '60s', gracePeriod: '300s', maxConsecutiveFailures: 3 },
    /**
     * The readiness check Marathon gives such an app (docs/docs/readiness-checks.md, readinessCheck.raml):
     * `intervalSeconds` 30. Marathon itself polls the task's endpoint (HTTP from the scheduler) once the
     * task runs, until it answers ready; a deployment finishes only when every new task is ready, and
     * old tasks are killed only for new ready ones. `timeoutSeconds` 10 is not modelled (see above).
     */
    readinessCheck: { interval: '30s' },
  },
  /** The Spark/Chronos-like batch framework. */
  batch: {
    /** Mesos's own FrameworkInfo.failover_timeout default 0.0: tasks die as soon as the scheduler disconnects. */
    failoverTimeout: '0s',
    /** Not partition-aware: gets TASK_LOST for tasks on a lost agent. */
    partitionAware: false,
    /** Declines with the default filter (Filters.refuse_seconds = 5 s). */
    declineFor: '5s',
    suppressOffers: true,
    /**
     * A launched task not running after this is given up and re-run. Spark has no such knob; the
     * harness uses Marathon's task_launch_timeout so that a lost launch message cannot hang a job.
     */
    launchTimeout: '300s',
    /** Spark `spark.task.maxFailures` = 4: a task that fails this many times fails its job. */
    maxTaskFailures: 4,
    /*
     * No abandonment by default: `batch.abandonAfterAttemptsWithoutProgress` and
     * `batch.abandonAfterAttempts` are unset. Real Mesos batch frameworks decline an offer that fits
     * none of a job's tasks and keep the job queued, with no count of such offers: Spark's
     * TaskSetManager gives up only on spark.task.maxFailures task failures (or a task excluded from
     * every executor after failures), and TaskSchedulerImpl's starvation timer only logs "Initial job
     * has not accepted any resources" every 15 s; Chronos's MesosJobFramework re-enqueues the task
     * ("Insufficient resources or constraints not met ..., will append to queue"); Metronome aborts a
     * run only on its optional startingDeadline, a time limit. The Omega simulator's limits (> 100
     * attempts with no task placed, > 1,000 in all; MesosSimulation.scala) are an option (README).
     */
    /**
     * Which tasks of a job the per-task term t_task of a decision counts. `placed`: the tasks the
     * framework launches in the offers it decides on (a framework deciding about one agent's offer
     * considers what that offer can hold, as Marathon's matcher does; a job nothing of the offers
     * fits costs nothing). `pending`: every unscheduled task of every job considered, for every
     * offer batch (the Omega simulator's rule, MesosSimulation.scala, which assumes an offer of the
     * whole cell; kept for the Omega paper's own model).
     */
    thinkTaskCount: 'placed',
  },
} as const;

/** Seven days, the Marathon failover timeout, for readers of the code. */
export const ONE_WEEK_SECONDS = 604_800;
