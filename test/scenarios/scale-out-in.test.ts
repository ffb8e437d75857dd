import { describe, expect, it } from 'vitest';
import { run, variant, windows } from './scenario-runs.js';

/*
 * scale-out-in: every engine converges after each change; scaling out costs Marathon its launch
 * tokens (100 per 30 s), and the Kubernetes ReplicaSet controller its client-side rate limit (20
 * writes/s after a burst of 30), which also spreads its 180 scale-in deletes over 7.5 s. The bundled
 * scenario is small enough to run as is (one seed).
 */
const doc = variant('scale-out-in', (spec) => {
  spec.seeds = [1];
});

describe('scale-out-in: convergence of each change', () => {
  const results = Object.fromEntries(['oracle', 'mesos', 'kubernetes'].map((e) => [e, windows(run(doc, e), 'scale')]));

  it.each(['oracle', 'mesos', 'kubernetes'])('%s converges after scaling out and after scaling in', (engine) => {
    const [out, inward] = results[engine] ?? [];
    expect(out?.censored).toBe(false);
    expect(inward?.censored).toBe(false);
    // Scaling in is a few kill messages under Mesos and the oracle; under Kubernetes it is 180 pod
    // deletes through the same client-side limit as the 150 creates of scaling out.
    if (engine === 'kubernetes') expect(inward?.convergence).toBeLessThan(1.1 * (out?.convergence ?? 0));
    else expect(inward?.convergence).toBeLessThanOrEqual(out?.convergence ?? 0);
  });

  it('Marathon needs a launch-token refresh (30 s) to add 150 instances; Kubernetes does not', () => {
    expect(results.mesos?.[0]?.convergence).toBeGreaterThan(25);
    expect(results.kubernetes?.[0]?.convergence).toBeLessThan(results.mesos?.[0]?.convergence ?? 0);
  });
});
