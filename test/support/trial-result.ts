import { type TrialMetrics } from '../../src/metrics/trial-metrics.js';
import { type TrialResult } from '../../src/runner/trial-types.js';

/** A finished oracle trial (`s/oracle/seed-1`, 100 s simulated) around the given metrics, for tests of the results writers. */
export function okOracleTrial(metrics: TrialMetrics): TrialResult {
  return {
    index: 0,
    id: 's/oracle/seed-1',
    scenario: 's',
    engine: 'oracle',
    seed: 1,
    status: 'ok',
    stopReason: 'horizon',
    simulatedSeconds: 100,
    events: 1,
    metrics,
    perf: { wallMs: 1, events: 1, eventsPerSecond: 1, peakRssBytes: 0 },
  };
}
