import { describe, expect, it } from 'vitest';
import { figure, run, variant, windows } from './scenario-runs.js';

/*
 * rolling-update: the rollout never exceeds maxSurge (25 of 100) above desired and never drops
 * below desired − maxUnavailable (75 of 100) available, as observed from the cluster's truth.
 */
const doc = variant('rolling-update', (spec) => {
  spec.seeds = [1];
  spec.duration = '2m';
});

describe('rolling-update: surge and availability stay inside the strategy', () => {
  it.each(['mesos', 'kubernetes'])('%s completes the rollout within maxSurge 25 percent and maxUnavailable 25 percent', (engine) => {
    const r = run(doc, engine);
    const rollout = windows(r, 'rollout')[0];
    expect(rollout?.censored).toBe(false);
    expect(rollout?.peakSurge).toBeGreaterThan(0);
    expect(rollout?.peakSurge).toBeLessThanOrEqual(25);
    expect(rollout?.minAvailable).toBeGreaterThanOrEqual(0.75);
    expect(figure(r, 'rollout_peak_surge')).toBe(rollout?.peakSurge);
    expect(figure(r, 'rollout_min_available')).toBe(rollout?.minAvailable);
  });
});
