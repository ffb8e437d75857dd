import fc from 'fast-check';
import { type RawScenario, type ScenarioCase } from './scenario.js';

/*
 * Scenarios that exercise the application lifecycle: a few services in a dependency chain (each may
 * depend on an earlier one, so there is never a cycle), with startups, crash or wait apps, a config
 * consumed as volume, env or hashed, and config changes, restarts, one-off tasks per node and node
 * crashes at random times. Valid by construction.
 */

interface RawLifecycleService {
  kind: 'Service';
  name: string;
  replicas: number;
  resources: { cpu: string; memory: string };
  startup: string;
  dependsOn?: string[];
  onMissingDependency: 'crash' | 'wait';
  config?: string;
  configUse?: 'volume' | 'env' | 'hashed';
  readiness?: { period: string };
}

const serviceArb = (index: number): fc.Arbitrary<RawLifecycleService> =>
  fc
    .record({
      replicas: fc.integer({ min: 1, max: 4 }),
      cpu: fc.constantFrom('250m', '500m', '1'),
      startupS: fc.integer({ min: 0, max: 20 }),
      dependsOn: index === 0 ? fc.constant(undefined) : fc.option(fc.integer({ min: 0, max: index - 1 }), { nil: undefined }),
      onMissingDependency: fc.constantFrom('crash' as const, 'wait' as const),
      configUse: fc.option(fc.constantFrom('volume' as const, 'env' as const, 'hashed' as const), { nil: undefined }),
      probe: fc.boolean(),
    })
    .map((s) => ({
      kind: 'Service' as const,
      name: `s${index}`,
      replicas: s.replicas,
      resources: { cpu: s.cpu, memory: '512Mi' },
      startup: `${s.startupS}s`,
      ...(s.dependsOn !== undefined ? { dependsOn: [`s${s.dependsOn}`] } : {}),
      onMissingDependency: s.onMissingDependency,
      ...(s.configUse !== undefined ? { config: 'cfg', configUse: s.configUse } : {}),
      ...(s.probe ? { readiness: { period: '5s' } } : {}),
    }));

type RawLifecycleEvent = Record<string, unknown> & { kind: string; at: string };

const eventArb = (services: number, nodes: number): fc.Arbitrary<RawLifecycleEvent> =>
  fc.oneof(
    fc.record({ kind: fc.constant('config-change'), at: fc.integer({ min: 1, max: 170 }).map((t) => `${t}s`), config: fc.constant('cfg') }),
    fc.record({
      kind: fc.constant('restart'),
      at: fc.integer({ min: 1, max: 170 }).map((t) => `${t}s`),
      service: fc.integer({ min: 0, max: services - 1 }).map((i) => `s${i}`),
    }),
    fc.record({
      kind: fc.constant('crash'),
      at: fc.integer({ min: 1, max: 170 }).map((t) => `${t}s`),
      nodes: fc.integer({ min: 0, max: nodes - 1 }).map((i) => ({ names: [`node-${i}`] })),
      recoverAfter: fc.constant('20s'),
    }),
  );

/** A lifecycle scenario of 180 s on 2–4 nodes, with its trial seed. */
export function lifecycleScenarioArb(): fc.Arbitrary<ScenarioCase> {
  return fc
    .record({
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      nodes: fc.integer({ min: 2, max: 4 }),
      services: fc.integer({ min: 1, max: 4 }),
      oneOff: fc.option(fc.integer({ min: 1, max: 170 }), { nil: undefined }),
    })
    .chain(({ seed, nodes, services, oneOff }) =>
      fc
        .record({
          workloads: fc.tuple(...Array.from({ length: services }, (_, i) => serviceArb(i))),
          events: fc.array(eventArb(services, nodes), { maxLength: 4 }),
        })
        .map(({ workloads, events }): ScenarioCase => {
          const raw: RawScenario & { spec: { configs: { name: string }[] } } = {
            apiVersion: 'schedbench/v1',
            kind: 'Scenario',
            metadata: { name: 'generated-lifecycle' },
            spec: {
              duration: '180s',
              seeds: [seed],
              cluster: { nodeGroups: [{ name: 'node', count: nodes, resources: { cpu: 4, memory: '8Gi' } } as never] },
              configs: [{ name: 'cfg' }],
              workloads: workloads as never,
              events: [
                ...events,
                ...(oneOff !== undefined
                  ? [{ kind: 'run-once-per-node', at: `${oneOff}s`, name: 'diag', resources: { cpu: '100m', memory: '64Mi' }, runFor: '5s' }]
                  : []),
              ] as never,
            },
          };
          return { raw, seed };
        }),
    );
}
