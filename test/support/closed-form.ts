import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { expect } from 'vitest';
import { type AnyEngineFactory } from '../../src/engines/engine.js';
import { type MetricEvent } from '../../src/metrics/events.js';
import { runTrial } from '../../src/runner/trial.js';
import { type TrialResult } from '../../src/runner/trial-types.js';
import { expandCluster } from '../../src/workload/expand.js';
import { scenarioFromYaml } from './scenario.js';

/**
 * The reference for a loop accounted in closed form: the same engine on a context without the
 * network's closed-form support, so every message of every loop is sent and every hop simulated.
 */
export function explicitLoops(factory: AnyEngineFactory): AnyEngineFactory {
  return { ...factory, create: (ctx, options) => factory.create({ ...ctx, net: { send: ctx.net.send } }, options) };
}

/** What the closed-form loops leave out: their messages' labels and the engine counters their messages bump. */
export interface ElidedTraffic {
  readonly labels: ReadonlySet<string>;
  readonly counters: ReadonlySet<string>;
}

/** Every event but the elided loops' own traffic, with its time, in order. */
function observable(events: readonly MetricEvent[], elided: ElidedTraffic): string[] {
  const out: string[] = [];
  for (const e of events) {
    if (e.kind === 'message-tally') continue;
    if (e.kind === 'message' && elided.labels.has(e.label)) continue;
    if (e.kind === 'counter' && elided.counters.has(e.name)) continue;
    out.push(`${e.time} ${e.kind} ${e.kind === 'message' ? `${e.channel}:${e.label}:${e.delivered}` : e.kind === 'counter' ? `${e.name}+${e.by}` : ''}`);
  }
  return out;
}

function run(factory: AnyEngineFactory, yaml: string, elided: ElidedTraffic, explicit: boolean): { result: TrialResult; events: string[] } {
  const doc = scenarioFromYaml(yaml).doc;
  const parsed = factory.parseOptions(doc.spec.engines[factory.name] ?? {});
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const events: MetricEvent[] = [];
  const result = runTrial(
    { index: 0, id: 'closed-form', scenario: 'closed-form', doc, scenarioDir: '.', engine: factory.name, engineOptions: parsed.options, seed: 1 },
    { onEvent: (e) => void events.push(e) },
    explicit ? { nodes: expandCluster(doc), factory: explicitLoops(factory) } : undefined,
  );
  return { result, events: observable(events, elided) };
}

/**
 * Runs the scenario with the engine's loops in closed form and explicitly, and expects the same
 * results (counters included, to the message), the same other events at the same times in the same
 * order, and fewer simulated events.
 */
export function expectSameAsExplicit(factory: AnyEngineFactory, yaml: string, elided: ElidedTraffic): void {
  const closed = run(factory, yaml, elided, false);
  const explicit = run(factory, yaml, elided, true);
  expect(closed.result.status).toBe('ok');
  expect(closed.result.metrics?.counters).toEqual(explicit.result.metrics?.counters);
  expect(closed.result.metrics).toEqual(explicit.result.metrics);
  expect(closed.events).toEqual(explicit.events);
  expect(closed.result.events).toBeLessThan(explicit.result.events);
}

/** A bundled scenario's text. */
export function bundledScenario(name: string): string {
  return readFileSync(new URL(`../../scenarios/${name}.yaml`, import.meta.url), 'utf8');
}

/** A bundled scenario with its `events:` block replaced by `events` (YAML list items indented by four spaces). */
export function withEvents(name: string, events: string): string {
  const text = bundledScenario(name);
  const at = text.indexOf('\n  events:\n');
  if (at < 0) throw new Error(`${name}: no events block`);
  const rest = text.slice(at + '\n  events:\n'.length);
  const next = rest.search(/\n {2}\S/);
  return `${text.slice(0, at)}\n  events:\n${events}${next < 0 ? '\n' : rest.slice(next)}`;
}

/**
 * Node faults (crash or cut) on nodes `node-0` … `node-3` at times drawn near the loop's beats and
 * their messages' hops (`period` apart from 0, the hops at `offsets` µs after a beat) or anywhere
 * in 15–200 s, with outages from a few milliseconds (inside one message's flight) to minutes.
 */
export function nodeFaults(period: number, offsets: readonly number[]): fc.Arbitrary<string> {
  const near = [0, ...offsets.flatMap((o) => [o - 1, o, o + 1])].filter((o) => o >= 0);
  const time = fc.oneof(
    fc
      .tuple(fc.integer({ min: Math.ceil(15_000_000 / period), max: Math.floor(200_000_000 / period) }), fc.constantFrom(...near))
      .map(([k, o]) => k * period + o),
    fc.integer({ min: 15_000_000, max: 200_000_000 }),
  );
  const outage = fc.oneof(
    fc.constantFrom('1ms', '3ms', '6500us', '7ms', '10s', '40s'),
    fc.integer({ min: 1, max: 300 }).map((s) => `${s}s`),
  );
  return fc
    .array(fc.tuple(fc.constantFrom('crash', 'partition'), time, outage, fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 3 })
    .map((faults) =>
      faults
        .map(([kind, at, down, node]) =>
          kind === 'crash'
            ? `    - kind: crash\n      at: ${at}us\n      nodes: { names: [node-${node}] }\n      recoverAfter: ${down}\n`
            : `    - kind: partition\n      at: ${at}us\n      nodes: { names: [node-${node}] }\n      healAfter: ${down}\n`,
        )
        .join(''),
    );
}
