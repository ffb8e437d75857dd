import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AnyEngineFactory } from '../../../src/engines/engine.js';
import { kubernetesEngine } from '../../../src/engines/kubernetes/index.js';
import { type MetricEvent } from '../../../src/metrics/events.js';
import { runTrial } from '../../../src/runner/trial.js';
import { type TrialResult } from '../../../src/runner/trial-types.js';
import { expandCluster } from '../../../src/workload/expand.js';
import { scenarioFromYaml } from '../../support/scenario.js';

/**
 * The reference: the same engine on a context without the network's closed-form support, so every
 * Lease renewal is sent and every hop simulated, as before closed-form accounting existed.
 */
const explicitKubernetes: AnyEngineFactory = {
  ...kubernetesEngine,
  create: (ctx, options) => kubernetesEngine.create({ ...ctx, net: { send: ctx.net.send } }, options),
};

const LEASE_LABELS = new Set(['lease-renew', 'lease-renew-response', 'watch-Lease']);
const LEASE_COUNTERS = new Set(['store-write', 'watch-event']);

/** Everything but the Lease renewals' own traffic, with its time, in order: node conditions, taints, evictions, relists, pod writes. */
function observable(events: readonly MetricEvent[]): string[] {
  const out: string[] = [];
  for (const e of events) {
    if (e.kind === 'message-tally') continue;
    if (e.kind === 'message' && LEASE_LABELS.has(e.label)) continue;
    if (e.kind === 'counter' && LEASE_COUNTERS.has(e.name)) continue;
    out.push(`${e.time} ${e.kind} ${e.kind === 'message' ? `${e.channel}:${e.label}:${e.delivered}` : e.kind === 'counter' ? `${e.name}+${e.by}` : ''}`);
  }
  return out;
}

function run(yaml: string, factory: AnyEngineFactory | undefined): { result: TrialResult; events: string[] } {
  const scenario = scenarioFromYaml(yaml);
  const doc = scenario.doc;
  const parsed = kubernetesEngine.parseOptions(doc.spec.engines.kubernetes ?? {});
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const events: MetricEvent[] = [];
  const result = runTrial(
    { index: 0, id: 'lease', scenario: 'lease', doc, scenarioDir: '.', engine: 'kubernetes', engineOptions: parsed.options, seed: 1 },
    { onEvent: (e) => void events.push(e) },
    factory ? { nodes: expandCluster(doc), factory } : undefined,
  );
  return { result, events: observable(events) };
}

/** A bundled scenario with its events replaced. */
function withEvents(file: string, events: string): string {
  const text = readFileSync(new URL(`../../../scenarios/${file}.yaml`, import.meta.url), 'utf8');
  const at = text.indexOf('\n  events:\n');
  if (at < 0) throw new Error(`${file}: no events block`);
  const rest = text.slice(at + '\n  events:\n'.length);
  const next = rest.search(/\n {2}\S/);
  return `${text.slice(0, at)}\n  events:\n${events}${next < 0 ? '\n' : rest.slice(next)}`;
}

function expectSame(yaml: string): void {
  const closed = run(yaml, undefined);
  const explicit = run(yaml, explicitKubernetes);
  expect(closed.result.status).toBe('ok');
  expect(closed.result.metrics?.counters).toEqual(explicit.result.metrics?.counters);
  expect(closed.result.metrics).toEqual(explicit.result.metrics);
  expect(closed.events).toEqual(explicit.events);
  // The point of it: the renewals are no longer events.
  expect(closed.result.events).toBeLessThan(explicit.result.events);
}

/**
 * A fault time: often just after a renewal of a node that has not rebooted (renewals every 10 s from
 * 0; hops at +1, +6, +7 and +8 ms, so inside or at the edge of a renewal's flight), else any time.
 */
const faultTime = fc.oneof(
  fc
    .tuple(fc.integer({ min: 2, max: 20 }), fc.constantFrom(0, 1, 500, 999, 1_000, 1_001, 3_000, 5_999, 6_000, 6_001, 6_999, 7_000, 7_001, 7_999, 8_000, 8_001))
    .map(([k, offset]) => `${k * 10_000_000 + offset}us`),
  fc.integer({ min: 15_000_000, max: 200_000_000 }).map((us) => `${us}us`),
);
const outage = fc.oneof(
  fc.constantFrom('3ms', '6500us', '7ms', '10s', '40s'),
  fc.integer({ min: 1, max: 300 }).map((s) => `${s}s`),
);

describe('kubelet Lease renewals in closed form', () => {
  it.each(['node-failure', 'node-failure-tuned', 'zone-partition'])(
    '%s: counters, results and every node condition, taint and relist equal the explicit renewals',
    (file) => {
      expectSame(readFileSync(new URL(`../../../scenarios/${file}.yaml`, import.meta.url), 'utf8'));
    },
  );

  it('equal the explicit renewals for crashes and cuts at any time, also while a renewal is on its way', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('node-failure', 'node-failure-tuned', 'zone-partition'),
        fc.array(fc.tuple(fc.constantFrom('crash', 'partition'), faultTime, outage, fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 3 }),
        (file, faults) => {
          const events = faults
            .map(([kind, at, down, node]) =>
              kind === 'crash'
                ? `    - kind: crash\n      at: ${at}\n      nodes: { names: [node-${node}] }\n      recoverAfter: ${down}\n`
                : `    - kind: partition\n      at: ${at}\n      nodes: { names: [node-${node}] }\n      healAfter: ${down}\n`,
            )
            .join('');
          expectSame(withEvents(file, events));
        },
      ),
      { numRuns: 15 },
    );
  }, 120_000);
});
