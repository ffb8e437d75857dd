import { describe, expect, it } from 'vitest';
import { figure, latency, run } from '../../scenarios/scenario-runs.js';
import { scenarioFromYaml, scenarioYaml } from '../../support/scenario.js';

/** db ← api ← web on 4 nodes, 1 s task start (the default latency model's), 10 minutes. */
function lifecycleDoc(events = '', over: { apiUse?: string; webDepends?: string } = {}) {
  const yaml = scenarioYaml({
    duration: '10m',
    workloads: `
- { kind: Service, name: db, replicas: 1, resources: { cpu: 1, memory: 1Gi }, startup: 30s }
- { kind: Service, name: api, replicas: 3, resources: { cpu: 500m, memory: 512Mi }, startup: 5s, dependsOn: [db], config: app-config, configUse: ${over.apiUse ?? 'env'} }
- { kind: Service, name: web, replicas: 2, resources: { cpu: 500m, memory: 512Mi }, startup: 2s, dependsOn: [api], onMissingDependency: ${over.webDepends ?? 'crash'} }
`,
    events,
  }).replace('  workloads:', '  configs:\n    - { name: app-config }\n  workloads:');
  return scenarioFromYaml(yaml).doc;
}

describe('oracle lifecycle: dependency order', () => {
  it('starts each service once what it depends on is ready, so nothing crashes and the whole app is ready at the sum of the startups', () => {
    const r = run(lifecycleDoc(), 'oracle');
    expect(figure(r, 'app_crashes')).toBe(0);
    expect(figure(r, 'container_restarts')).toBe(0);
    // db: 1 s start + 30 s; api: then 1 s + 5 s; web: then 1 s + 2 s.
    expect(latency(r, 'app-ready', 'db')?.max).toBeCloseTo(31, 6);
    expect(latency(r, 'app-ready', 'api')?.max).toBeCloseTo(37, 6);
    expect(figure(r, 'app_ready_max_s')).toBeCloseTo(40, 6);
    expect(figure(r, 'replicas_ready_end')).toBe(6);
  });

  it('starts a wait app at once: it is ready the instant its dependency is', () => {
    const r = run(lifecycleDoc('', { webDepends: 'wait' }), 'oracle');
    expect(latency(r, 'app-ready', 'web')?.max).toBeCloseTo(37, 6);
  });
});

describe('oracle lifecycle: operations', () => {
  it('applies a volume config in place at once: no replacement, done at the change', () => {
    const r = run(lifecycleDoc('- { kind: config-change, at: 5m, config: app-config }', { apiUse: 'volume' }), 'oracle');
    expect(latency(r, 'operation-done', 'config-change-0')?.max).toBe(0);
    expect(figure(r, 'config_stale_replica_s')).toBe(0);
    expect(figure(r, 'operation-finished-via:reply')).toBe(1);
  });

  it('replaces env-config replicas within the rollout budget, keeping the readiness floor', () => {
    const r = run(lifecycleDoc('- { kind: config-change, at: 5m, config: app-config }'), 'oracle');
    const done = latency(r, 'operation-done', 'config-change-0');
    expect(done?.censored).toBe(0);
    expect(done?.max).toBeGreaterThan(5);
    expect(figure(r, 'config_stale_replica_s')).toBeGreaterThan(0);
    // 25 % of 3: a surge of 1 and no unavailability, so api is replaced one replica at a time and web never loses it.
    expect(figure(r, 'app_crashes')).toBe(0);
    expect(figure(r, 'op_observed_censored')).toBe(0);
  });

  it('restarts every replica of a service once and runs one task on every live node', () => {
    const r = run(
      lifecycleDoc(`
- { kind: restart, at: 5m, service: web }
- { kind: crash, at: 7m, nodes: { names: [node-3] } }
- { kind: run-once-per-node, at: 7m, name: diag, resources: { cpu: 100m, memory: 64Mi }, runFor: 10s }
`),
      'oracle',
    );
    expect(latency(r, 'operation-done', 'restart-0')?.censored).toBe(0);
    // The task start (1 s) and its 10 s run, on the three nodes left.
    expect(latency(r, 'operation-done', 'diag')?.max).toBeCloseTo(11, 6);
    expect(figure(r, 'tasks-finished')).toBe(3);
    expect(figure(r, 'ops_unsupported')).toBe(0);
  });
});
