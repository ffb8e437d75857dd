import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandCluster, expandWorkload } from '../../src/workload/expand.js';
import { loadScenarioFile, parseScenarioText, validateScenarioDoc } from '../../src/workload/load.js';
import { applySweepValue } from '../../src/workload/sweep.js';
import { scenarioFromYaml, scenarioYaml } from '../support/scenario.js';

// Few runs in `npm test`; `npm run test:props` sets SCHEDBENCH_PROPS=long (runs from SCHEDBENCH_PROP_RUNS).
const LONG = process.env.SCHEDBENCH_PROPS === 'long';
const RUNS = LONG ? Number(process.env.SCHEDBENCH_PROP_RUNS ?? 2000) : 60;

const full = loadScenarioFile('test/fixtures/scenarios/valid/full.yaml');
if (!full.ok) throw new Error('the full fixture must load');
const fullRaw = full.scenario.raw;

/** Every path of leaves and containers in a JSON value. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...prefix, i])));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
  return out;
}

function setAt(value: unknown, path: readonly (string | number)[], leaf: unknown): unknown {
  if (path.length === 0) return leaf;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? setAt(v, rest, leaf) : v));
  const obj = value as Record<string, unknown>;
  return { ...obj, [head]: setAt(obj[head], rest, leaf) };
}

const fullPaths = pathsOf(fullRaw).filter((p) => p.length > 0);

describe('validation properties', () => {
  it('never throws on arbitrary text, and every error names the file and a well-formed path', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const r = parseScenarioText(text, 'fuzz.yaml');
        expect(r.ok).toBe(false);
        if (!r.ok) for (const e of r.errors) expect(e).toMatchObject({ file: 'fuzz.yaml', message: expect.any(String), path: expect.stringMatching(/^$|^[A-Za-z[]/) });
      }),
      { numRuns: RUNS },
    );
  });

  it('never throws when one field of a valid scenario is replaced by an arbitrary JSON value', () => {
    fc.assert(
      fc.property(fc.constantFrom(...fullPaths), fc.jsonValue({ maxDepth: 3 }), (path, leaf) => {
        const r = validateScenarioDoc(setAt(fullRaw, path, leaf), 'mutated');
        if (!r.ok) {
          expect(r.errors.length).toBeGreaterThan(0);
          for (const e of r.errors) expect(e.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('a sweep value applied to a valid scenario either validates or names the swept field', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -5, max: 50 }), fc.string({ maxLength: 5 }), fc.boolean()), (value) => {
        const r = validateScenarioDoc(applySweepValue(fullRaw, 'spec.workloads[0].replicas', value), 'swept');
        if (!r.ok) expect(r.errors.map((e) => e.path)).toEqual(['spec.workloads[0].replicas']);
      }),
      { numRuns: RUNS },
    );
  });
});

const arbScenario = fc.record({
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

describe('expansion properties', () => {
  it('is deterministic, time-sorted, inside the horizon, and hits only existing nodes', () => {
    fc.assert(
      fc.property(arbScenario, (p) => {
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
        const a = expandWorkload(s.doc, p.seed, nodes);
        expect(expandWorkload(s.doc, p.seed, nodes)).toEqual(a);
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
          expect(i.job.tasks.length).toBeGreaterThanOrEqual(1);
          expect(i.job.tasks.length).toBeLessThanOrEqual(p.maxTasks);
          for (const t of i.job.tasks) expect(Number.isInteger(t.runFor) && t.runFor >= 0).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
