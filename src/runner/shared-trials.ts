import { type TrialResult, type TrialSpec } from './trial-types.js';

/** A planned trial that is run by another, identical one (see {@link shareIdenticalTrials}). */
export interface TrialAlias {
  readonly index: number;
  readonly id: string;
  readonly sweep?: TrialSpec['sweep'];
}

/**
 * What decides a trial's results: the scenario with only this engine's options (an engine is given
 * spec.engines.<its name> and nothing of the other engines' sections; trial.ts), the engine, the
 * seed, the output options and where relative files are read from.
 */
function resultKey(spec: TrialSpec): string {
  const { engines, ...rest } = spec.doc.spec;
  const own = { ...rest, engines: { [spec.engine]: engines[spec.engine] ?? null } };
  return JSON.stringify([
    spec.scenario,
    spec.engine,
    spec.seed,
    spec.detail ?? false,
    spec.explain ?? false,
    spec.explainLevel ?? 'top',
    spec.scenarioDir,
    own,
  ]);
}

/**
 * Drops trials whose results are bound to equal an earlier trial's: a sweep over one engine's option
 * (say spec.engines.mesos.thinkTimes…) gives every other engine the same input at every value. The
 * first trial of each group carries the others as aliases; the plan order and the results files are
 * unchanged (see {@link resultsOfAliases}). Trials keep their order.
 */
export function shareIdenticalTrials(specs: readonly TrialSpec[]): TrialSpec[] {
  const first = new Map<string, { spec: TrialSpec; aliases: TrialAlias[] }>();
  const runs: { spec: TrialSpec; aliases: TrialAlias[] }[] = [];
  for (const spec of specs) {
    const key = resultKey(spec);
    const group = first.get(key);
    if (group) {
      group.aliases.push({ index: spec.index, id: spec.id, ...(spec.sweep ? { sweep: spec.sweep } : {}) });
      continue;
    }
    const run = { spec, aliases: [] as TrialAlias[] };
    first.set(key, run);
    runs.push(run);
  }
  return runs.map(({ spec, aliases }) => (aliases.length ? { ...spec, aliases } : spec));
}

/** A trial's result followed by the same result under each of its aliases' identities. */
export function resultsOfAliases(result: TrialResult, spec: TrialSpec): TrialResult[] {
  return [
    result,
    ...(spec.aliases ?? []).map((a) => {
      // The identity fields first, in the order every result has them (trial.ts), so that the
      // trials.jsonl line is the one the alias would have written itself.
      const { index: _index, id: _id, scenario, engine, seed, sweep: _sweep, ...rest } = result;
      return { index: a.index, id: a.id, scenario, engine, seed, ...(a.sweep ? { sweep: a.sweep } : {}), ...rest };
    }),
  ];
}
