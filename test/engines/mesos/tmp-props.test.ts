import fc from 'fast-check';
import { expect, it } from 'vitest';
import { buildTrial, runTrial } from '../../../src/runner/trial.js';
import { toSeconds, type SimTime } from '../../../src/sim/time.js';
import { crashScenarioArb, uncontendedScenarioArb, scenarioArb } from '../../arbitraries/scenario.js';
import { recorder, specOf, firstOverCommit } from '../../properties/trial-cases.js';
import { expandCluster } from '../../../src/workload/expand.js';

function lateTasks(seen: ReturnType<typeof recorder>['seen'], bound: number, horizon: number): string[] {
  const submitted = new Map<string, number>();
  const ran = new Map<string, number>();
  const services = new Map<string, { at: number; replicas: number; running: number; reachedAt: number }>();
  for (const i of seen.intents) {
    if (i.kind === 'job-submitted') for (const t of i.job.tasks) submitted.set(t.key, i.time);
    if (i.kind === 'service-declared') services.set(i.service.name, { at: i.time, replicas: i.service.replicas, running: 0, reachedAt: i.service.replicas === 0 ? i.time : -1 });
  }
  for (const e of seen.events) {
    if (e.kind !== 'task-running') continue;
    if (e.task.taskKey !== undefined) { if (!ran.has(e.task.taskKey)) ran.set(e.task.taskKey, e.time); continue; }
    const s = services.get(e.task.workload);
    if (s && ++s.running === s.replicas && s.reachedAt < 0) s.reachedAt = e.time;
  }
  const late: string[] = [];
  for (const [key, at] of submitted) {
    const start = ran.get(key);
    if (start !== undefined ? start - at > bound : horizon - at > bound) late.push(`${key}: submitted at ${toSeconds(at as SimTime)} s, running ${start === undefined ? 'never' : `at ${toSeconds(start as SimTime)} s`}`);
  }
  for (const [svc, s] of services) {
    if (s.reachedAt >= 0 ? s.reachedAt - s.at > bound : horizon - s.at > bound) late.push(`${svc}: declared at ${toSeconds(s.at as SimTime)} s, ${s.running} running`);
  }
  return late;
}

const RUNS = Number(process.env.MESOS_RUNS ?? 60);

it('placement bound (mesos, all modes)', () => {
  fc.assert(fc.property(uncontendedScenarioArb(), (c) => {
    const spec = specOf(c, 'mesos');
    const bound = buildTrial(spec).engine.bounds().placementWithin;
    const { probe, seen } = recorder();
    const r = runTrial(spec, probe);
    expect(r.status, r.error).toBe('ok');
    expect(lateTasks(seen, bound, spec.doc.spec.duration), `bound ${toSeconds(bound)}`).toEqual([]);
  }), { numRuns: RUNS, seed: 433 });
}, 600_000);

it('recovery bound (mesos)', () => {
  fc.assert(fc.property(crashScenarioArb(), (c) => {
    const spec = specOf(c, 'mesos');
    const bound = toSeconds(buildTrial(spec).engine.bounds().recoveryWithin);
    const r = runTrial(spec);
    expect(r.status, r.error).toBe('ok');
    const crash = r.metrics?.convergence.find((row) => row.kind === 'crash');
    if (!crash) throw new Error('no crash row');
    if (crash.window >= bound) {
      expect(crash.censored, `censored at ${crash.convergence} bound ${bound}`).toBe(false);
      expect(crash.convergence).toBeLessThanOrEqual(bound);
    }
  }), { numRuns: RUNS, seed: 433 });
}, 600_000);

it('over-commit & accounting (mesos)', () => {
  fc.assert(fc.property(scenarioArb(), (c) => {
    const spec = specOf(c, 'mesos');
    const { probe, seen } = recorder();
    const r = runTrial(spec, probe);
    expect(r.error ?? '').toBe('');
    expect(firstOverCommit(expandCluster(spec.doc), seen.events)).toBeUndefined();
    const a = r.metrics!.accounting;
    expect(a.tasksFinished + a.tasksRunning + a.tasksPending + a.tasksAbandoned).toBe(a.tasksSubmitted);
  }), { numRuns: RUNS, seed: 433 });
}, 600_000);
