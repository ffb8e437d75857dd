import { parseMetric } from '../report/claims/index.js';
import { RUN_VALUE_COLUMNS } from '../report/read-results.js';
import { type ScenarioDoc } from '../workload/schema.js';
import { closestMatch } from '../workload/suggest.js';

/** A claim naming something unknown, at its field path in the scenario document. */
export interface ClaimNameProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
  readonly suggestion?: string;
}

/** The numeric runs.csv columns a claim may name. */
const RUN_COLUMNS: readonly string[] = ['simulated_s', ...RUN_VALUE_COLUMNS];

/**
 * What of a scenario's claims can be checked before anything runs beyond the schema: the form of each
 * metric (metrics/claims.ts), engines (against the registry's names, given by the caller) and
 * runs.csv columns. Counters, latency rows and series depend on what a trial records; those are
 * checked when claims are evaluated.
 */
export function claimNameProblems(doc: ScenarioDoc, engines: readonly string[]): ClaimNameProblem[] {
  const problems: ClaimNameProblem[] = [];
  const near = (word: string, candidates: readonly string[]): { suggestion?: string } => {
    const s = closestMatch(word, candidates);
    return s !== undefined ? { suggestion: s } : {};
  };
  doc.metadata.claims.forEach((c, i) => {
    const at = ['metadata', 'claims', i];
    c.engines.forEach((e, k) => {
      if (!engines.includes(e))
        problems.push({ path: [...at, 'engines', k], message: `unknown engine "${e}" (engines: ${engines.join(', ')})`, ...near(e, engines) });
    });
    if (c.than?.engine !== undefined && !engines.includes(c.than.engine)) {
      problems.push({
        path: [...at, 'than', 'engine'],
        message: `unknown engine "${c.than.engine}" (engines: ${engines.join(', ')})`,
        ...near(c.than.engine, engines),
      });
    }
    for (const [metric, path] of [
      [c.metric, [...at, 'metric']],
      [c.than?.metric, [...at, 'than', 'metric']],
    ] as const) {
      const r = metric === undefined ? undefined : parseMetric(metric);
      if (r !== undefined && !r.ok) problems.push({ path, message: r.error, ...(r.suggestion !== undefined ? { suggestion: r.suggestion } : {}) });
      if (r?.ok && r.ref.kind === 'run' && !RUN_COLUMNS.includes(r.ref.column)) {
        problems.push({ path, message: `"${r.ref.column}" is not a runs.csv column`, ...near(r.ref.column, RUN_COLUMNS) });
      }
    }
  });
  return problems;
}
