import { type NodeSpec } from '../../src/cluster/node.js';
import { addResources, fitsWithin, NO_RESOURCES, type Resources, subtractResources } from '../../src/cluster/resources.js';
import { type MetricEvent } from '../../src/metrics/events.js';
import { type TrialProbe } from '../../src/runner/trial.js';
import { type TrialResult, type TrialSpec } from '../../src/runner/trial-types.js';
import { type Fault, type Intent } from '../../src/intents/index.js';
import { formatScenarioErrors, validateScenarioDoc } from '../../src/workload/load.js';
import { type ScenarioCase } from '../arbitraries/scenario.js';
import { type ReplayCase } from '../support/replay.js';
import { engineOptionsOrThrow } from '../../src/runner/engine-options.js';

/** The trial spec of a generated case on one engine. A case the validator rejects is a broken arbitrary: it throws. */
export function specOf(c: ScenarioCase, engine: string, index = 0): TrialSpec {
  const r = validateScenarioDoc(c.raw, 'generated.yaml');
  if (!r.ok) throw new Error(`the arbitrary produced an invalid scenario:\n${formatScenarioErrors(r.errors)}`);
  const name = r.doc.metadata.name;
  return {
    index,
    id: `${name}/${engine}/seed-${c.seed}`,
    scenario: name,
    doc: r.doc,
    scenarioDir: '.',
    engine,
    engineOptions: engineOptionsOrThrow(r.doc, engine, 'generated.yaml'),
    seed: c.seed,
  };
}

/** The replay of a failing case on an engine (for checkProperty's `replay`). */
export function replayOf(engine: string): (value: [ScenarioCase] | readonly [ScenarioCase]) => ReplayCase {
  return ([c]) => ({ raw: c.raw, engine, seed: c.seed });
}

/** A result without its wall-clock part, the only part allowed to differ between two runs. */
export function withoutPerf(r: TrialResult): Omit<TrialResult, 'perf'> {
  const { perf: _perf, ...rest } = r;
  return rest;
}

/** Everything a probe saw: intents, faults and metric events, in order. */
export interface Recording {
  readonly intents: Intent[];
  readonly faults: Fault[];
  readonly events: MetricEvent[];
}

/** A probe that records what it sees (and the recording it fills). */
export function recorder(): { probe: TrialProbe; seen: Recording } {
  const seen: Recording = { intents: [], faults: [], events: [] };
  return {
    seen,
    probe: {
      onIntent: (i) => seen.intents.push(i),
      onFault: (f) => seen.faults.push(f),
      onEvent: (e) => seen.events.push(e),
    },
  };
}

/**
 * Replays the cluster's truth from metric events and returns the first moment a node held more
 * than it has (resources or task slots), or undefined. Independent of the cluster's own check, so
 * an engine that swallowed an OverCommitError would still be caught.
 */
export function firstOverCommit(nodes: readonly NodeSpec[], events: readonly MetricEvent[]): string | undefined {
  const used = new Map<string, { r: Resources; n: number }>(nodes.map((n) => [n.name, { r: NO_RESOURCES, n: 0 }]));
  const spec = new Map(nodes.map((n) => [n.name, n]));
  for (const e of events) {
    if (e.kind === 'task-launched') {
      const u = used.get(e.node);
      const s = spec.get(e.node);
      if (!u || !s) return `task ${e.task.id} launched on unknown node ${e.node}`;
      u.r = addResources(u.r, e.task.resources);
      u.n++;
      if (!fitsWithin(u.r, s.allocatable) || u.n > s.maxTasks)
        return `at ${e.time}us node ${e.node} holds ${JSON.stringify(u.r)} in ${u.n} task(s) of ${JSON.stringify(s.allocatable)} / ${s.maxTasks}`;
    } else if (e.kind === 'task-ended') {
      const u = used.get(e.node);
      if (!u) return `task ${e.task.id} ended on unknown node ${e.node}`;
      u.r = subtractResources(u.r, e.task.resources);
      u.n--;
    }
  }
  return undefined;
}
