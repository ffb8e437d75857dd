import fc from 'fast-check';
import { expect } from 'vitest';
import { ENGINE_NAMES } from '../../src/engines/registry.js';
import { type MetricEvent } from '../../src/metrics/events.js';
import { runTrial } from '../../src/runner/trial.js';
import { expandCluster } from '../../src/workload/expand.js';
import { lifecycleScenarioArb } from '../arbitraries/lifecycle.js';
import { checkProperty, type PropertyDef } from '../support/props.js';
import { firstOverCommit, recorder, replayOf, specOf } from './trial-cases.js';

/*
 * The application lifecycle's invariants (issue 16), for every registered engine over generated
 * lifecycle scenarios: nothing is counted ready before it started, restarts never over-commit a
 * node, and config versions only increase.
 */

const lifecycleScenario = lifecycleScenarioArb();

/**
 * The first readiness (truth or belief) of an instance that is not running at that instant, or
 * undefined. An instance runs from its `task-running` / `process-started` until its process exits,
 * it is restarted or it ends; the cluster's `task-readiness` true and an engine's `readiness-observed`
 * true may only come while it runs.
 */
export function firstReadyBeforeStart(events: readonly MetricEvent[]): string | undefined {
  const running = new Set<string>();
  for (const e of events) {
    if (e.kind === 'task-running' || e.kind === 'process-started') running.add(e.task.id);
    else if (e.kind === 'process-exited' || e.kind === 'task-restarted' || e.kind === 'task-ended') running.delete(e.task.id);
    else if (e.kind === 'task-readiness' && e.ready && !running.has(e.task.id)) return `${e.task.id} ready at ${e.time}us without a running container`;
    else if (e.kind === 'readiness-observed' && e.ready && !running.has(e.taskId))
      return `${e.taskId} counted ready by the engine at ${e.time}us without a running container`;
  }
  return undefined;
}

/** The first restart of an instance that is not on its node at that instant (a restart must reuse the instance), or undefined. */
export function firstRestartOfAbsent(events: readonly MetricEvent[]): string | undefined {
  const on = new Map<string, string>();
  for (const e of events) {
    if (e.kind === 'task-launched') on.set(e.task.id, e.node);
    else if (e.kind === 'task-ended') on.delete(e.task.id);
    else if (e.kind === 'task-restarted' && on.get(e.task.id) !== e.node) return `${e.task.id} restarted on ${e.node} where it is not`;
  }
  return undefined;
}

/** The first config version applied to an instance that is older than one it ran before, or undefined. */
export function firstConfigDowngrade(events: readonly MetricEvent[]): string | undefined {
  const ran = new Map<string, number>();
  for (const e of events) {
    if (e.kind !== 'config-applied') continue;
    const key = `${e.task.id}/${e.config.name}`;
    const before = ran.get(key) ?? 0;
    if (e.config.version < before) return `${e.task.id} went from ${e.config.name} v${before} to v${e.config.version} at ${e.time}us`;
    ran.set(key, e.config.version);
  }
  return undefined;
}

function lifecycleProperty(
  engine: string,
  what: string,
  check: (events: readonly MetricEvent[], nodes: ReturnType<typeof expandCluster>) => void,
): PropertyDef {
  const name = `${engine} ${what}`;
  return {
    name,
    check: () =>
      checkProperty(
        name,
        fc.property(lifecycleScenario, (c) => {
          const spec = specOf(c, engine);
          const { probe, seen } = recorder();
          const r = runTrial(spec, probe);
          expect(r.error ?? '').toBe('');
          expect(r.status).toBe('ok');
          check(seen.events, expandCluster(spec.doc));
        }),
        { kind: 'engine', replay: replayOf(engine) },
      ),
  };
}

/** Every lifecycle invariant for every registered engine. */
export function lifecycleDefs(): PropertyDef[] {
  return ENGINE_NAMES.flatMap((engine) => [
    lifecycleProperty(engine, 'never counts a replica ready before its container started', (events) => expect(firstReadyBeforeStart(events)).toBeUndefined()),
    lifecycleProperty(engine, 'never over-commits a node through restarts', (events, nodes) => {
      expect(firstRestartOfAbsent(events)).toBeUndefined();
      expect(firstOverCommit(nodes, events)).toBeUndefined();
    }),
    lifecycleProperty(engine, 'only ever moves a replica to a newer config version', (events) => expect(firstConfigDowngrade(events)).toBeUndefined()),
  ]);
}
