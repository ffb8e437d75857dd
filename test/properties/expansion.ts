import fc from 'fast-check';
import { expect } from 'vitest';
import { BatchTasks } from '../../src/engines/kit/index.js';
import { expandCluster, expandWorkload } from '../../src/workload/expand.js';
import { loadScenarioFile, validateScenarioDoc } from '../../src/workload/load.js';
import { applySweepValue } from '../../src/workload/sweep.js';
import { checkProperty, isLongMode, type PropertyDef } from '../support/props.js';
import { scenarioFromYaml, scenarioYaml } from '../support/scenario.js';
import { Rng } from '../../src/sim/rng.js';

/*
 * Expansion of a valid scenario into the one feed of intents and faults (DESIGN.md §3), and sweep
 * values applied to a valid scenario: what the validator lets through must expand sanely, and a
 * swept value the schema rejects must be blamed on the swept field alone.
 */

/** A small scenario family: nodes, a service, a batch arrival process and crash/recover faults. */
const expansionCaseArb = fc.record({
  nodes: fc.integer({ min: 1, max: 12 }),
  replicas: fc.integer({ min: 0, max: 20 }),
  mean: fc.integer({ min: 1, max: 30 }),
  count: fc.integer({ min: 1, max: 40 }),
  maxTasks: fc.integer({ min: 1, max: 6 }),
  crashAt: fc.integer({ min: 0, max: 119 }),
  fraction: fc.double({ min: 0.05, max: 1, noNaN: true }),
  recoverAfter: fc.integer({ min: 1, max: 60 }),
  seed: fc.integer({ min: 0, max: 1_000_000 }),
});

const expansionIsSane: PropertyDef = {
  name: 'expansion is deterministic, time-sorted, inside the horizon, and hits only existing nodes',
  check: () =>
    checkProperty(
      'expansion is deterministic, time-sorted, inside the horizon, and hits only existing nodes',
      fc.property(expansionCaseArb, (p) => {
        const s = scenarioFromYaml(
          scenarioYaml({
            duration: '2m',
            nodes: p.nodes,
            workloads: `- { kind: Service, name: web, replicas: ${p.replicas}, resources: { cpu: 100m } }
- { kind: BatchJob, name: etl, tasks: { kind: uniform, min: 1, max: ${p.maxTasks} }, resources: { cpu: 1 }, duration: { kind: exponential, mean: 5s }, arrivals: { meanInterArrival: ${p.mean}s, count: ${p.count} } }`,
            events: `- { kind: crash, at: ${p.crashAt}s, nodes: { fraction: ${p.fraction} }, recoverAfter: ${p.recoverAfter}s }
- { kind: crash, at: 60s, nodes: { count: 1 } }
- { kind: recover, at: 90s, nodes: { selector: { group: node } } }`,
          }),
        );
        const nodes = expandCluster(s.doc);
        const a = expandWorkload(s.doc, Rng.root(p.seed), nodes);
        expect(expandWorkload(s.doc, Rng.root(p.seed), nodes)).toEqual(a);
        const names = new Set(nodes.map((n) => n.name));
        for (const list of [a.intents, a.faults, a.perturbations]) {
          for (let i = 0; i < list.length; i++) {
            const t = (list[i] as { time: number }).time;
            expect(t).toBeLessThan(s.doc.spec.duration);
            if (i > 0) expect(t).toBeGreaterThanOrEqual((list[i - 1] as { time: number }).time);
          }
        }
        for (const f of a.faults) if ('nodes' in f) for (const n of f.nodes) expect(names.has(n)).toBe(true);
        expect(a.perturbations.map((x) => x.index)).toEqual(a.perturbations.map((_, i) => i));
        for (const i of a.intents) {
          if (i.kind !== 'job-submitted') continue;
          const tasks = new BatchTasks(i.job);
          expect(tasks.count).toBeGreaterThanOrEqual(1);
          expect(tasks.count).toBeLessThanOrEqual(p.maxTasks);
          for (const t of tasks) expect(Number.isInteger(t.runFor) && t.runFor >= 0).toBe(true);
        }
      }),
      // Each run parses and validates a scenario first: a quarter of a pure property's quick runs.
      { kind: 'pure', ...(isLongMode() ? {} : { numRuns: 25 }) },
    ),
};

const sweptValueBlamesItsField: PropertyDef = {
  name: 'a sweep value applied to a valid scenario either validates or names the swept field alone',
  check: () => {
    const full = loadScenarioFile('test/fixtures/scenarios/valid/full.yaml');
    if (!full.ok) throw new Error('test/fixtures/scenarios/valid/full.yaml must load');
    const raw = full.scenario.raw;
    checkProperty(
      'a sweep value applied to a valid scenario either validates or names the swept field alone',
      fc.property(fc.oneof(fc.integer({ min: -5, max: 50 }), fc.string({ maxLength: 5 }), fc.boolean()), (value) => {
        const r = validateScenarioDoc(applySweepValue(raw, 'spec.workloads[0].replicas', value), 'swept');
        if (!r.ok) expect(r.errors.map((e) => e.path)).toEqual(['spec.workloads[0].replicas']);
      }),
      { kind: 'validator' },
    );
  },
};

/** The expansion and sweep properties. */
export function expansionDefs(): PropertyDef[] {
  return [expansionIsSane, sweptValueBlamesItsField];
}
