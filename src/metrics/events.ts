import { type ClusterEvent, type MessageClass } from '../cluster/events.js';
import { type Resources } from '../cluster/resources.js';
import { type SimDuration, type SimTime } from '../sim/time.js';

/**
 * What an engine reports about its own decisions. The observer folds these together with the
 * cluster's truth; it never trusts an engine about what ran when (fairness rule 5).
 */
export type EngineEvent =
  | {
      /** A placement was decided and committed (Mesos: accept reached the master; Kubernetes: binding written). */
      readonly kind: 'task-placed';
      readonly time: SimTime;
      /** Instance id, the same the node agent will launch. */
      readonly taskId: string;
      readonly workload: string;
      readonly tenant: string;
      readonly taskKey?: string;
      readonly version?: string;
      readonly node: string;
    }
  | {
      /** A task could not be placed now (kept pending); `reason` is shown in tasks.csv. */
      readonly kind: 'task-pending';
      readonly time: SimTime;
      readonly workload: string;
      readonly taskKey?: string;
      readonly reason: string;
    }
  | {
      /** Resource offers (Mesos): made to a framework, accepted (fully or partly), declined or rescinded. */
      readonly kind: 'offer';
      readonly time: SimTime;
      readonly action: 'made' | 'accepted' | 'declined' | 'rescinded';
      readonly framework: string;
      readonly node: string;
      readonly resources: Resources;
    }
  | {
      /** Resources locked away from everybody else while `holder` considers them (+ when locked, − when released). */
      readonly kind: 'locked';
      readonly time: SimTime;
      readonly holder: string;
      readonly delta: Resources;
    }
  | {
      /** `scheduler` is busy deciding from now for `duration` of virtual time (think time). */
      readonly kind: 'decision';
      readonly time: SimTime;
      readonly scheduler: string;
      readonly duration: SimDuration;
    }
  | {
      /**
       * The engine starts deciding about a batch job for the first time: the Kubernetes scheduler pops the job's
       * first pod, a Mesos framework considers the job within an offer, Borg or Omega dequeue it. The observer
       * turns the first one per job into `job-queue-wait` (submission until then: the Omega simulator's
       * "queue time till first scheduled"). Later ones for the same job are ignored, so an engine may send it
       * on every attempt.
       */
      readonly kind: 'job-considered';
      readonly time: SimTime;
      readonly job: string;
    }
  | {
      /**
       * One attempt of an optimistic scheduler (Omega) ended: its transaction was `committed` (every
       * claim accepted), `conflicted` (at least one claim refused at the commit: the whole attempt's
       * think time counts as wasted, as the Omega simulator counts it), or it found no room on its copy
       * and sent none (`no-fit`: neither useful nor wasted). Folded into per-scheduler counters.
       */
      readonly kind: 'transaction';
      readonly time: SimTime;
      readonly scheduler: string;
      readonly outcome: 'committed' | 'conflicted' | 'no-fit';
      /** Claims the transaction carried, and how many of them conflicted. */
      readonly claims: number;
      readonly conflicts: number;
      /** The attempt's think time. */
      readonly thinkTime: SimDuration;
    }
  | { readonly kind: 'job-abandoned'; readonly time: SimTime; readonly job: string; readonly reason: string }
  | {
      /** The client of a synchronous request learns its job finished (by the engine's own path). */
      readonly kind: 'client-informed';
      readonly time: SimTime;
      readonly job: string;
      /** Control-plane hops from the task's end to the client being told. */
      readonly hops: number;
    }
  | {
      /**
       * Messages a periodic loop accounted in closed form sent (Engine.finish): counted exactly as
       * `delivered` + `dropped` `message` events of the channel and label would have been.
       */
      readonly kind: 'message-tally';
      readonly time: SimTime;
      readonly channel: MessageClass;
      readonly label: string;
      readonly delivered: number;
      readonly dropped: number;
    }
  | {
      /**
       * The control plane's belief about a replica's readiness changed: it now counts the instance as
       * ready (or no longer ready). `via` says how it learned: `probe` (its node agent ran a readiness
       * or health check, e.g. the kubelet's probe or a Marathon readiness check), `assumed` (it has no
       * check and counts a running instance as ready). The observer compares this belief with the
       * cluster's `task-readiness` truth (belief lag, replicas believed ready that are not).
       */
      readonly kind: 'readiness-observed';
      readonly time: SimTime;
      readonly taskId: string;
      readonly workload: string;
      readonly ready: boolean;
      readonly via: 'probe' | 'assumed';
    }
  | {
      /**
       * A lifecycle operation (an intent's `operation` id) as the control plane sees it: `accepted`
       * when the request is durably taken (the write acknowledged, the call answered), `finished` when
       * the control plane itself considers it done. `via` says how whoever asked learns that phase:
       * `reply` (the answer of the request itself), `status-poll` (a status field a client must read
       * repeatedly, e.g. a Deployment's updatedReplicas or a Job's succeeded count), `watch` (a watch
       * event on the object), `none` (there is no way: completion is not observable). The observer
       * compares `finished` with the truth's completion time.
       */
      readonly kind: 'operation';
      readonly time: SimTime;
      readonly operation: string;
      readonly phase: 'accepted' | 'finished';
      readonly via: 'reply' | 'status-poll' | 'watch' | 'none';
    }
  | {
      /**
       * The engine cannot express an intent of the application lifecycle (yet): it leaves the intent
       * undone and says so, once per intent. The observer counts it as `unsupported:<feature>` and the
       * operation stays not done (censored). The cluster's truth still applies: apps start, wait,
       * crash and become ready by themselves under every engine.
       */
      readonly kind: 'unsupported';
      readonly time: SimTime;
      readonly feature: UnsupportedFeature;
      /** The operation id of the intent, when it has one. */
      readonly operation?: string;
    }
  | {
      /** A named count of something engine-specific: `store-conflict`, `watch-event`, `filter-installed`. */
      readonly kind: 'counter';
      readonly time: SimTime;
      readonly name: string;
      readonly by: number;
    }
  | {
      /**
       * The engine's service discovery published (`added`) or withdrew (`removed`) the endpoint of a
       * replica of a service that takes requests (Kubernetes: kube-proxy programmed the EndpointSlice;
       * Mesos: Mesos-DNS's poll saw the task; Borg and Omega: the BNS entry in Chubby reached its
       * watchers; the oracle: at once). A replica receives traffic only while it runs (the cluster's
       * truth) and its endpoint is published.
       */
      readonly kind: 'endpoint';
      readonly time: SimTime;
      readonly action: 'added' | 'removed';
      readonly service: string;
      readonly taskId: string;
    }
  | {
      /** One record of the decision log written to explain.jsonl with `--explain`. */
      readonly kind: 'explain';
      readonly time: SimTime;
      readonly record: Readonly<Record<string, unknown>>;
    };

/** The lifecycle features an engine may report it cannot express (an `unsupported` event). */
export type UnsupportedFeature = 'config-change' | 'restart' | 'run-once-per-node' | 'readiness' | 'dependencies';

/** Every event the observer folds: the cluster's truth and the engines' reports. */
export type MetricEvent = ClusterEvent | EngineEvent;

/** A function that takes metric events. */
export type MetricSink = (event: MetricEvent) => void;

/**
 * What an application with request traffic exports about itself, as a scrape read it: the figures of
 * its last full traffic window (10 s) before the scrape ran. What a controller that reads application
 * metrics (an SLA controller, a framework's autoscaler) sees through `EngineContext.apps`.
 */
export interface AppSample {
  /** When the scrape that produced it ran (virtual seconds). */
  readonly scrapedAt: number;
  /** The window the exported figures cover ([start, end), seconds). */
  readonly windowStart: number;
  readonly windowEnd: number;
  /** Requests per second that arrived in the window. */
  readonly rate: number;
  /** Response-time quantiles, seconds; Infinity when the service was overloaded (unbounded). */
  readonly p50: number;
  readonly p99: number;
  /** Time-averaged replicas that received traffic. */
  readonly serving: number;
}
