import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AnyEngineFactory } from '../../../../src/engines/engine.js';
import { mesosEngine } from '../../../../src/engines/mesos/index.js';
import { runTrial } from '../../../../src/runner/trial.js';
import { expandCluster } from '../../../../src/workload/expand.js';
import { bundledScenario, expectSameAsExplicit, nodeFaults, withEvents } from '../../../support/closed-form.js';
import { scenarioFromYaml } from '../../../support/scenario.js';

/** The pings' own traffic, which the closed form counts instead of sending. */
const PINGS = { labels: new Set(['ping', 'pong']), counters: new Set<string>() };
const SCENARIOS = ['node-failure', 'node-failure-tuned', 'zone-partition'] as const;

/** When the explicit master sends each ping, by agent, in the scenario's first minute (before its own faults). */
function pingTimes(name: string): { node: string; time: number }[] {
  const doc = scenarioFromYaml(bundledScenario(name)).doc;
  const parsed = mesosEngine.parseOptions(doc.spec.engines.mesos ?? {});
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const sent: { node: string; time: number }[] = [];
  const recording: AnyEngineFactory = {
    ...mesosEngine,
    create: (ctx, options) =>
      mesosEngine.create(
        {
          ...ctx,
          net: {
            send: (channel, from, to, label, deliver) => {
              if (label === 'ping' && ctx.now() >= 15_000_000 && ctx.now() < 55_000_000) sent.push({ node: to, time: ctx.now() });
              return ctx.net.send(channel, from, to, label, deliver);
            },
          },
        },
        options,
      ),
  };
  runTrial({ index: 0, id: 'pings', scenario: name, doc, scenarioDir: '.', engine: 'mesos', engineOptions: parsed.options, seed: 1 }, undefined, {
    nodes: expandCluster(doc),
    factory: recording,
  });
  return sent;
}

describe('Mesos agent pings in closed form', () => {
  it.each(SCENARIOS)('%s: counters, results and every registration, removal and status equal the explicit pings', (name) => {
    expectSameAsExplicit(mesosEngine, bundledScenario(name), PINGS);
  });

  it('equal the explicit pings for crashes and cuts at any time', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SCENARIOS), nodeFaults(15_000_000, []), (name, events) => {
        expectSameAsExplicit(mesosEngine, withEvents(name, events), PINGS);
      }),
      { numRuns: 10 },
    );
  }, 120_000);

  it('equal the explicit pings for a crash or cut while a ping or its pong is on its way (1 ms each way)', () => {
    const times = Object.fromEntries(SCENARIOS.map((name) => [name, pingTimes(name)]));
    for (const name of SCENARIOS) expect(times[name]?.length).toBeGreaterThan(20);
    fc.assert(
      fc.property(
        fc.constantFrom(...SCENARIOS),
        fc.nat(),
        fc.constantFrom(-1, 0, 1, 999, 1_000, 1_001, 1_999, 2_000, 2_001),
        fc.constantFrom('crash', 'partition'),
        fc.constantFrom('500us', '1ms', '2ms', '20s', '100s'),
        (name, pick, offset, kind, down) => {
          const list = times[name] as { node: string; time: number }[];
          const ping = list[pick % list.length] as { node: string; time: number };
          const repair = kind === 'crash' ? 'recoverAfter' : 'healAfter';
          const events = `    - kind: ${kind}\n      at: ${ping.time + offset}us\n      nodes: { names: [${ping.node}] }\n      ${repair}: ${down}\n`;
          expectSameAsExplicit(mesosEngine, withEvents(name, events), PINGS);
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);
});
