import { describe, expect, it } from 'vitest';
import { run, variant } from './scenario-runs.js';

/*
 * service-traffic: a load step meets new replicas only once each engine's service discovery has
 * published them. Every engine publishes every replica; the oracle at once, Kubernetes after the
 * kubelet's status write, the EndpointSlice write and kube-proxy's sync (about 2 s), Mesos after the
 * next Mesos-DNS poll of the master (up to its 60 s refresh), Borg and Omega through Chubby.
 */
const doc = variant('service-traffic', (spec) => {
  spec.seeds = [2];
});
const ENGINES = ['oracle', 'mesos', 'kubernetes', 'borg', 'omega'];

describe('service-traffic: service discovery decides when new replicas serve', () => {
  const results = Object.fromEntries(ENGINES.map((e) => [e, run(doc, e)]));
  const svc = (e: string) => results[e]?.metrics?.traffic?.services[0];

  it.each(ENGINES)('%s publishes every replica it runs, each once, and measures the load step', (engine) => {
    const s = svc(engine);
    expect(s?.endpointsAdded).toBe(18);
    expect(s?.endpointsRemoved).toBe(0);
    expect(s?.loadSteps).toBe(1);
    expect(s?.restoreCensored).toBe(0);
    expect(results[engine]?.metrics?.counters['endpoints-added']).toBe(18);
  });

  it('the oracle publishes at once; Kubernetes within a few seconds (kube-proxy min-sync-period 1 s); Mesos waits for a Mesos-DNS poll', () => {
    expect(svc('oracle')?.discoveryP50).toBe(0);
    const k8s = svc('kubernetes')?.discoveryP50 ?? NaN;
    expect(k8s).toBeGreaterThan(1);
    expect(k8s).toBeLessThan(4);
    expect(svc('mesos')?.discoveryP50).toBeGreaterThan(k8s);
    expect(svc('mesos')?.discoveryP50).toBeLessThanOrEqual(60 + 1);
  });

  it('the time to restore the goal after the load step is shortest for the oracle', () => {
    const oracle = svc('oracle')?.restoreMax ?? NaN;
    for (const e of ENGINES) expect(svc(e)?.restoreMax).toBeGreaterThanOrEqual(oracle);
    expect(svc('mesos')?.restoreMax).toBeGreaterThan(svc('kubernetes')?.restoreMax ?? NaN);
  });

  it('discovery traffic is counted: EndpointSlice writes and kube-proxy syncs, Mesos-DNS polls, Chubby writes', () => {
    const c = (e: string, name: string): number => results[e]?.metrics?.counters[name] ?? 0;
    const keys = (e: string): string[] => Object.keys(results[e]?.metrics?.counters ?? {});
    expect(keys('kubernetes').some((k) => k.includes('endpointslice-update'))).toBe(true);
    expect(c('kubernetes', 'counter:kube-proxy-sync')).toBeGreaterThan(0);
    expect(keys('mesos').some((k) => k.includes('mesos-dns-state'))).toBe(true);
    expect(keys('borg').some((k) => k.includes('bns-write'))).toBe(true);
    expect(keys('omega').some((k) => k.includes('bns-notify'))).toBe(true);
  });
});
