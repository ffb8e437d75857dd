import { describe, expect, it } from 'vitest';
import { figure, run, variant } from './scenario-runs.js';

/*
 * config-change: what an env-var config needs to be applied at all. The bundled scenario shows the
 * change censored under Kubernetes (claims.test.ts); here a restart of the service 1 min after the
 * change makes every replica read version 2 (env is read at container start), while a mounted file
 * needs no restart. One seed, engines with a restart.
 */
const withRestart = (configUse: string) =>
  variant('config-change', (spec) => {
    delete spec.sweep;
    spec.seeds = [1];
    spec.workloads[0].configUse = configUse;
    spec.events.push({ kind: 'restart', at: '6m', service: 'app' });
  });

describe('config-change: env vars wait for a restart', () => {
  const env = withRestart('env');

  it.each(['kubernetes', 'mesos', 'oracle'])('%s: with a restart after the change, every env replica reaches version 2', (engine) => {
    const r = run(env, engine);
    expect(figure(r, 'op_done_censored')).toBe(0);
    // Stale until the restart (Kubernetes) or the change's own rolling restart (Mesos, the oracle): finite, and less than 20 replicas × 180 s.
    expect(figure(r, 'config_stale_replica_s')).toBeGreaterThan(0);
    expect(figure(r, 'config_stale_replica_s')).toBeLessThan(3600);
  });

  it('Kubernetes: the env replicas stay stale until the restart at 6 min, a mounted file only until the kubelet syncs', () => {
    const envStale = figure(run(env, 'kubernetes'), 'config_stale_replica_s');
    const volumeStale = figure(run(withRestart('volume'), 'kubernetes'), 'config_stale_replica_s');
    // 20 replicas stale for at least the minute before the restart.
    expect(envStale).toBeGreaterThanOrEqual(20 * 60);
    expect(volumeStale).toBeLessThan(envStale);
  });
});
