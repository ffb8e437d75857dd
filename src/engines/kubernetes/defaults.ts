/**
 * Every default of the Kubernetes engine, in one place, each with the source it comes from. Times
 * are strings in the scenario's duration syntax; options.ts turns them into virtual time. Any value
 * can be overridden from a scenario under `engines.kubernetes`.
 */
export const KUBERNETES_DEFAULTS = {
  nodeLifecycle: {
    /** KCM `--node-monitor-period` 5 s (`pkg/controller/nodelifecycle` defaults, `NodeMonitorPeriod`). */
    monitorPeriod: '5s',
    /** KCM `--node-monitor-grace-period`: 50 s since v1.32 (PR #126287), 40 s before. */
    gracePeriod: '50s',
    /**
     * kube-apiserver `--default-not-ready-toleration-seconds` and `--default-unreachable-toleration-seconds`
     * = 300, added to every pod by the DefaultTolerationSeconds admission plugin.
     */
    defaultTolerationSeconds: 300,
    /** KCM `--node-eviction-rate` 0.1 nodes/s: NoExecute taints are added at most this fast per zone. */
    evictionRate: 0.1,
    /** KCM `--secondary-node-eviction-rate` 0.01: the rate in a partially disrupted zone of a large cluster. */
    secondaryEvictionRate: 0.01,
    /** KCM `--large-cluster-size-threshold` 50: zones up to this size stop evicting when partially disrupted. */
    largeClusterSizeThreshold: 50,
    /** KCM `--unhealthy-zone-threshold` 0.55: fraction of NotReady nodes (min 3) that makes a zone partially disrupted. */
    unhealthyZoneThreshold: 0.55,
  },
  kubelet: {
    /** kubelet `nodeLeaseDurationSeconds` 40 (`pkg/kubelet/apis/config/v1beta1/defaults.go`). */
    leaseDuration: '40s',
    /** Lease renew interval = 40 s × `nodeLeaseRenewIntervalFraction` 0.25 = 10 s (`pkg/kubelet/kubelet.go`). */
    leaseRenewInterval: '10s',
    /** kubelet `nodeStatusUpdateFrequency` 10 s: how often it compares and, if changed, patches its node status. */
    nodeStatusUpdateFrequency: '10s',
    /**
     * Generic PLEG relist period 1 s (`genericPlegRelistPeriod`, `pkg/kubelet/kubelet.go`): a container
     * that started or exited is noticed at the next relist, and only then is the pod status written.
     */
    plegRelistPeriod: '1s',
    /**
     * Container restart back-off of restartPolicy Always (CrashLoopBackOff): `backOffPeriod` 10 s
     * (`pkg/kubelet/kubelet.go`), doubling per restart up to `MaxContainerBackOff` 300 s
     * (`pkg/kubelet/container/sync_result.go` / `kubelet.go`), through client-go's `flowcontrol.Backoff`,
     * which forgets an entry once the container ran `2 × max` = 10 min since its last restart
     * (`hasExpired`: "consider stable if it's ok for twice the maxDuration"). The first exit restarts at
     * once; the next ones wait out the back-off from the exit (`doBackOff`, `IsInBackOffSince`).
     */
    crashLoopBackOff: { initial: '10s', max: '5m' },
    /**
     * KubeletConfiguration `syncFrequency` 1 min (`--sync-frequency`, `pkg/kubelet/apis/config/v1beta1/defaults.go`):
     * each pod worker re-syncs its pod this often, with `wait.Jitter` factor 0.5 (`workerResyncIntervalJitterFactor`,
     * `pod_workers.go`); the sync remounts ConfigMap volumes, so a changed ConfigMap reaches a running pod's
     * files at the next one ("kubelet sync period + cache propagation delay", Kubernetes docs, Configure a
     * Pod to Use a ConfigMap, "Mounted ConfigMaps are updated automatically").
     */
    syncFrequency: '1m',
    /**
     * `configMapAndSecretChangeDetectionStrategy` Watch (KubeletConfiguration default): the kubelet's
     * ConfigMap cache is fed by a watch, so it lags the store by one watch delivery. `Cache` reads
     * through a TTL cache (`configMapCacheTTL`, `defaultTTL` 1 min in `pkg/kubelet/util/manager/cache_based_manager.go`,
     * overridable by the node's `node.alpha.kubernetes.io/ttl` annotation, not modelled); `Get` reads the
     * API server on every use.
     */
    configMapAndSecretChangeDetectionStrategy: 'Watch' as 'Watch' | 'Cache' | 'Get',
    configMapCacheTTL: '1m',
  },
  scheduler: {
    /** `podInitialBackoffSeconds` 1 (`pkg/scheduler/apis/config/v1/defaults.go`). */
    podInitialBackoff: '1s',
    /** `podMaxBackoffSeconds` 10 (same file). */
    podMaxBackoff: '10s',
    /** `DefaultPodMaxInUnschedulablePodsDuration` 5 min (`scheduling_queue.go`). */
    podMaxInUnschedulablePodsDuration: '5m',
    /** `flushUnschedulablePodsLeftover` runs every 30 s (`scheduling_queue.go`). */
    unschedulableFlushInterval: '30s',
    /** `flushBackoffQCompleted` runs every 1 s (the backoff "ordering window"). */
    backoffFlushInterval: '1s',
    /**
     * Global `percentageOfNodesToScore` 0 = adaptive (50 − n/125 %, floor 5 %, at least 100 nodes). The
     * profile's own value (`scheduler.profile.percentageOfNodesToScore`) has no default: unset, the
     * global one applies (options.ts `profilePercentageOfNodesToScore`).
     */
    percentageOfNodesToScore: 0,
    /** `SchedulerPopFromBackoffQ`, beta and on since v1.33: pop from backoffQ when activeQ is empty. */
    popFromBackoffQ: true,
    /** NodeResourcesFit `scoringStrategy` default: LeastAllocated over cpu:1, memory:1. */
    scoringStrategy: {
      type: 'LeastAllocated' as 'LeastAllocated' | 'MostAllocated' | 'RequestedToCapacityRatio',
      resources: [
        { name: 'cpu', weight: 1 },
        { name: 'memory', weight: 1 },
      ],
      /** RequestedToCapacityRatio shape (utilization 0..100 → score 0..10); this one bin-packs. */
      shape: [
        { utilization: 0, score: 0 },
        { utilization: 100, score: 10 },
      ],
    },
    /** NodeResourcesBalancedAllocation `resources` default cpu:1, memory:1 (weights must be 1: the v1.35 formula ignores them). */
    balancedAllocationResources: [
      { name: 'cpu', weight: 1 },
      { name: 'memory', weight: 1 },
    ],
    /** Score plugin weights of the default profile (`default_plugins.go`). */
    weights: { TaintToleration: 3, NodeAffinity: 2, NodeResourcesFit: 1, NodeResourcesBalancedAllocation: 1 },
    /** DefaultPreemption `minCandidateNodesPercentage` 10 and `minCandidateNodesAbsolute` 100. */
    minCandidateNodesPercentage: 10,
    minCandidateNodesAbsolute: 100,
    /**
     * kube-scheduler `leaderElection` (`apis/config/v1/defaults.go`): lease 15 s, renewed every
     * retry period 2 s. A restarted scheduler leads once the dead leader's lease has expired.
     */
    leaderElection: { leaseDuration: '15s', retryPeriod: '2s' },
    /** DefaultPreemption is in the default profile. */
    preemption: true,
    /**
     * Think time in virtual time: `perCycle + perNode × nodes evaluated` (filter + score).
     * Derived from scheduler_perf SchedulingBasic (PR #115425, 36 cores, real apiserver/etcd):
     * 500 nodes ≈ 983 pods/s (1.02 ms/pod, 230 nodes evaluated by numFeasibleNodesToFind) and
     * 5 000 nodes ≈ 500 pods/s (2.0 ms/pod, 500 nodes evaluated). Solving c + 230 d = 1.02 ms and
     * c + 500 d = 2.0 ms gives c ≈ 0.18 ms and d ≈ 3.6 µs; rounded to whole microseconds, 200 µs
     * and 4 µs, i.e. 890 pods/s at 500 nodes and 455 pods/s at 5 000 nodes (within 10 % of both).
     */
    thinkTime: { perCycle: '200us', perNode: '4us' },
  },
  replicaSet: {
    /** `BurstReplicas` 500 creates/deletes per sync (`pkg/controller/replicaset/replica_set.go`). */
    burstReplicas: 500,
    /** `SlowStartInitialBatchSize` 1: creates go in batches 1, 2, 4, … (`controller_utils.go`). */
    slowStartInitialBatchSize: 1,
    /** `ExpectationsTimeout` 5 min (`controller_utils.go`). */
    expectationsTimeout: '5m',
  },
  deployment: {
    /** `maxSurge` 25 % rounded up, `maxUnavailable` 25 % rounded down (`pkg/apis/apps/v1/defaults.go`). */
    maxSurge: '25%' as number | string,
    maxUnavailable: '25%' as number | string,
    /** `revisionHistoryLimit` 10 (same file). */
    revisionHistoryLimit: 10,
    /**
     * `minReadySeconds` 0 (DeploymentSpec, `apps/v1`): a pod counts as available once it has been
     * Ready this long; availability drives the rollout (`availableReplicas`, maxUnavailable).
     */
    minReadySeconds: 0,
  },
  /**
   * How a service that `dependsOn` others is written as objects. `none`: as the scenario says (the
   * app deals with a missing dependency itself). `init-container`: each pod gets an init container
   * running the documented "wait for my dependency" idiom, `until nslookup <svc>; do sleep 2; done`
   * (Kubernetes docs, Init Containers, "Init containers in use"), against headless Services, whose DNS
   * answers only with ready endpoints, so it completes once every dependency has a Ready pod.
   * `initPollInterval` is that loop's `sleep 2`.
   */
  dependencies: {
    dependencyIdiom: 'none' as 'none' | 'init-container',
    initPollInterval: '2s',
  },
  job: {
    /** `backoffLimit` 6 (`pkg/apis/batch/v1/defaults.go`). */
    backoffLimit: 6,
    /** Pod failure backoff 10 s × 2^(n−1) (`DefaultJobPodFailureBackOff`, `job_controller.go`). */
    podFailureBackoff: '10s',
    /** `MaxJobPodFailureBackOff` 10 min in code (the docs still say 6 min). */
    maxPodFailureBackoff: '10m',
    /**
     * `syncJobBatchPeriod` 1 s (`pkg/controller/job/job_controller.go`): pod events and Job status
     * updates enqueue the Job with `queue.AddAfter(key, syncJobBatchPeriod)` (`enqueueSyncJobBatched`),
     * so a burst of pod updates for one Job is one sync and at most one status write; only a Job's
     * creation, deletion or spec change syncs it at once (`enqueueSyncJobImmediately`).
     */
    syncBatchPeriod: '1s',
    /**
     * The Job work queue's own per-item back-off, `DefaultJobApiBackOff` 1 s to `MaxJobApiBackOff`
     * 1 min (`NewTypedItemExponentialFailureRateLimiter` in `job_controller.go`), not the 5 ms … 1000 s
     * default of the other controllers.
     */
    apiBackoff: '1s',
    maxApiBackoff: '1m',
    /**
     * Pod tracking with finalizers (`batch.kubernetes.io/job-tracking`; feature JobTrackingWithFinalizers,
     * GA and always on since v1.26, KEP-2307): the Job controller puts the finalizer on every pod it
     * creates, records each pod's end in the Job's status (`completedIndexes`,
     * `uncountedTerminatedPods`) and then removes the finalizer with one PATCH per pod, on its own
     * client (QPS 20). Off by default here: that PATCH per pod shares the Job controller's 20 QPS with
     * its pod creates and moves the default suite's Kubernetes results (see the README); with it off
     * the controller still keeps its counts in the status, so they survive PodGC's deletions of pods
     * it has synced.
     */
    trackingFinalizers: false,
  },
  podGC: {
    /**
     * KCM `--terminated-pod-gc-threshold` 12500: "Number of terminated pods that can exist before the
     * terminated pod garbage collector starts deleting terminated pods. If <= 0, the terminated pod
     * garbage collector is disabled." (kube-controller-manager reference; the default is set in
     * `pkg/controller/podgc/config/v1alpha1/defaults.go`, `RecommendedDefaultPodGCControllerConfiguration`).
     */
    terminatedPodGCThreshold: 12_500,
    /** `gcCheckPeriod` 20 s (`pkg/controller/podgc/gc_controller.go`): the PodGC loop's period. */
    gcCheckPeriod: '20s',
    /** `quarantineTime` 40 s (same file): a node missing from the informer this long is checked with a GET. */
    quarantineTime: '40s',
  },
  /**
   * ResourceQuota per namespace (tenant): `hard` limits on the summed requests of its unfinished
   * pods, enforced by the ResourceQuota admission plugin at pod creation. Kubernetes has none by
   * default.
   */
  resourceQuotas: {} as Record<string, { cpu?: string | number; memory?: string | number; gpu?: number; pods?: number }>,
  endpointSlice: {
    /**
     * KCM `--endpointslice-updates-batch-period` 0 (`EndpointSliceControllerConfiguration.EndpointUpdatesBatchPeriod`,
     * `pkg/controller/endpointslice/config/types.go`: "Default 0 value means that each pod update triggers an
     * endpoint update"). The controller's writes go through its own clientset (`apiClients.controllerManager`).
     */
    updatesBatchPeriod: '0s',
  },
  kubeProxy: {
    /**
     * kube-proxy `--iptables-min-sync-period` 1 s (`pkg/proxy/apis/config/v1alpha1/defaults.go`; kubernetes
     * issue #92836 set it from 0): rules are rewritten at most once per second, however many EndpointSlice
     * changes arrive (`BoundedFrequencyRunner`).
     */
    minSyncPeriod: '1s',
    /** kube-proxy `--iptables-sync-period` 30 s (same file): a full resync at least this often, changes or not. */
    syncPeriod: '30s',
  },
  workqueue: {
    /** client-go `DefaultControllerRateLimiter`: per-item exponential 5 ms … 1000 s. */
    baseDelay: '5ms',
    maxDelay: '1000s',
  },
  /**
   * Client-side rate limits (client-go `rest.Config` QPS/Burst → a token bucket per clientset,
   * `flowcontrol.NewTokenBucketRateLimiter`, made in the clientset's `NewForConfig`). A write waits
   * for a token; `qps: -1` turns a limit off, as in client-go.
   */
  apiClients: {
    /**
     * kube-controller-manager `--kube-api-qps` 20 and `--kube-api-burst` 30 (kube-controller-manager
     * reference, kubernetes.io/docs/reference/command-line-tools-reference/kube-controller-manager).
     * Every controller gets its own clientset from the controller client builder (`ClientOrDie(name)`,
     * kubernetes issue #17723 "every controller ... uses separate client"), so each controller has
     * its own bucket of this size, not one shared by the process.
     */
    controllerManager: { qps: 20, burst: 30 },
    /**
     * kube-scheduler `clientConnection.qps` 50 and `burst` 100 (`pkg/scheduler/apis/config/v1/defaults.go`;
     * the old `--kube-api-qps=50` / `--kube-api-burst=100` flags). Bindings and status patches share it.
     */
    scheduler: { qps: 50, burst: 100 },
    /**
     * kubelet `kubeAPIQPS` 50 and `kubeAPIBurst` 100 since v1.27 (kubernetes PR #116121 "Bump default API
     * QPS limits for Kubelet"; 5 and 10 before). Pod status writes and confirmed deletions use it; Lease
     * renewals and node status go through the separate heartbeat client, which has no limit
     * (`heartbeatClientConfig.QPS = -1`, `cmd/kubelet/app/server.go`).
     */
    kubelet: { qps: 50, burst: 100 },
  },
} as const;
