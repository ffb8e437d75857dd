import { formatMetric, type MetricRef } from '../../metrics/claims.js';
import { type ClaimData, type ClaimTrial, latencyKey } from './claim-data.js';

/** A stretch of simulated time in seconds, both ends included. */
export interface TimeWindow {
  readonly from: number;
  readonly to: number;
}

/**
 * The value of a metric on one trial: the runs.csv cell, the counter, the latency statistic, or the
 * mean of the series' samples inside the window (the whole run without one; samples are evenly
 * spaced, so their mean is the time average). NaN when the trial failed or lacks the number.
 */
export function metricValue(trial: ClaimTrial, ref: MetricRef, window: TimeWindow | undefined): number {
  if (!trial.ok) return NaN;
  switch (ref.kind) {
    case 'run':
      return trial.runs[ref.column] ?? NaN;
    case 'counter':
      return trial.counters[ref.name] ?? NaN;
    case 'latency':
      return trial.latency.get(latencyKey(ref.metric, ref.group))?.[ref.stat] ?? NaN;
    case 'series': {
      const points = (trial.series.get(ref.name) ?? []).filter((p) => window === undefined || (p.time >= window.from && p.time <= window.to));
      return points.length === 0 ? NaN : points.reduce((sum, p) => sum + p.value, 0) / points.length;
    }
  }
}

/**
 * Why a metric is unknown to a scenario's results — no trial that ended normally has it — with the
 * closest name they do have; undefined when some trial has it. A name no trial has is a typo or a
 * metric of another scenario: an error, never a silent "no data".
 */
export function unknownMetric(data: ClaimData, ref: MetricRef): { readonly message: string; readonly near?: string } | undefined {
  const ok = data.trials.filter((t) => t.ok);
  if (ok.length === 0) return undefined;
  const names = new Set<string>();
  for (const t of ok) {
    const here = namesOf(t, ref);
    if (here.includes(nameOf(ref))) return undefined;
    for (const n of here) names.add(n);
  }
  const what = { run: 'runs.csv column', counter: 'counter', latency: 'latency row', series: 'time series' }[ref.kind];
  const near = nearestName(nameOf(ref), [...names]);
  const message = `unknown metric ${formatMetric(ref)}: the results have no ${what} "${nameOf(ref)}"${near !== undefined ? ` (did you mean ${near}?)` : ''}`;
  return near !== undefined ? { message, near } : { message };
}

/**
 * The known name that shares the longest start with the unknown one (at least up to its last `:`
 * or `/`, so `share-avg:c` finds `share-avg:a`, `jian` finds nothing): a hint, not a guess.
 */
function nearestName(name: string, names: readonly string[]): string | undefined {
  const family = Math.max(name.lastIndexOf(':'), name.lastIndexOf('/')) + 1;
  if (family === 0) return undefined;
  const common = (a: string): number => {
    let i = 0;
    while (i < a.length && i < name.length && a[i] === name[i]) i++;
    return i;
  };
  return [...names]
    .sort()
    .reduce<string | undefined>((best, n) => (common(n) >= family && (best === undefined || common(n) > common(best)) ? n : best), undefined);
}

function nameOf(ref: MetricRef): string {
  switch (ref.kind) {
    case 'run':
      return ref.column;
    case 'counter':
    case 'series':
      return ref.name;
    case 'latency':
      return latencyKey(ref.metric, ref.group);
  }
}

function namesOf(t: ClaimTrial, ref: MetricRef): string[] {
  switch (ref.kind) {
    case 'run':
      return Object.keys(t.runs);
    case 'counter':
      return Object.keys(t.counters);
    case 'latency':
      return [...t.latency.keys()];
    case 'series':
      return [...t.series.keys()];
  }
}
