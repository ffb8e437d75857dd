import { Sample } from './quantiles.js';
import { type DemandCause } from './service-tracker.js';
import { type LatencyMetric } from './trial-metrics.js';

/**
 * The latency samples of a trial, one per (metric, group): every record goes to the metric's `all`
 * group, its own group and, for a service demand, `cause:<cause>`. Samples are found through maps by
 * metric, then group, so a record builds no key string; the flat table keyed `metric\0group` (what
 * the summary reads) gets each sample once, when it is made.
 */
export class LatencySamples {
  /** The samples keyed `metric\0group`. */
  readonly table = new Map<string, Sample>();
  private readonly byMetric = new Map<LatencyMetric, Map<string, Sample>>();
  private readonly byCause = new Map<LatencyMetric, Map<DemandCause, Sample>>();
  /** The metric and group of the last record and their two samples (records come in runs: a trace job's instances). */
  private lastMetric: LatencyMetric | undefined;
  private lastGroup: string | undefined;
  private lastAll: Sample | undefined;
  private lastOwn: Sample | undefined;

  /** Records one latency in µs (kept in seconds). */
  record(metric: LatencyMetric, group: string, micros: number, cause?: DemandCause): void {
    const secs = micros / 1e6;
    if (metric !== this.lastMetric || group !== this.lastGroup) {
      // Looked up in the same order as always (a group's sample is made after the metric's `all`).
      this.lastAll = this.sampleOf(metric, 'all');
      this.lastOwn = this.sampleOf(metric, group);
      this.lastMetric = metric;
      this.lastGroup = group;
    }
    (this.lastAll as Sample).add(secs);
    (this.lastOwn as Sample).add(secs);
    if (cause !== undefined) this.causeSample(metric, cause).add(secs);
  }

  /**
   * Records `count` censored latencies of at least `micros` µs each (what still waits at the end of
   * the trial: see {@link Sample.addCensored}), in the same groups as {@link record}.
   */
  recordCensored(metric: LatencyMetric, group: string, micros: number, count: number, cause?: DemandCause): void {
    if (count <= 0) return;
    const secs = micros / 1e6;
    this.sampleOf(metric, 'all').addCensored(secs, count);
    this.sampleOf(metric, group).addCensored(secs, count);
    if (cause !== undefined) this.causeSample(metric, cause).addCensored(secs, count);
  }

  private sampleOf(metric: LatencyMetric, group: string): Sample {
    let byGroup = this.byMetric.get(metric);
    if (!byGroup) this.byMetric.set(metric, (byGroup = new Map()));
    let s = byGroup.get(group);
    if (!s) byGroup.set(group, (s = this.tableSample(metric, group)));
    return s;
  }

  private causeSample(metric: LatencyMetric, cause: DemandCause): Sample {
    let byCause = this.byCause.get(metric);
    if (!byCause) this.byCause.set(metric, (byCause = new Map()));
    let s = byCause.get(cause);
    if (!s) byCause.set(cause, (s = this.sampleOf(metric, `cause:${cause}`)));
    return s;
  }

  /** The table's sample under `metric` and `group` (a group named `cause:…` shares it with the cause). */
  private tableSample(metric: LatencyMetric, group: string): Sample {
    const key = `${metric}\u0000${group}`;
    let s = this.table.get(key);
    if (!s) this.table.set(key, (s = new Sample()));
    return s;
  }
}
