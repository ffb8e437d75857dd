import { type Problem } from './issues.js';
import { type ScenarioDoc } from './schema.js';
import { closestMatch } from './suggest.js';

/**
 * Checks the claims of a scenario against the rest of the document: unique ids, translations that
 * name a claim, windows inside the run, sweep values the sweep has, and tenants that exist for the
 * share metrics. Whether a runs.csv column or an engine exists is checked where the column list and
 * the engine registry are known (src/report/claims/claim-names.ts, called by the command line).
 */
export function claimProblems(doc: ScenarioDoc): Problem[] {
  const problems: Problem[] = [];
  const claims = doc.metadata.claims;
  const end = doc.spec.duration / 1e6;
  const tenants = doc.spec.tenants.map((t) => t.name);
  const sweepValues = doc.spec.sweep?.values.map(String);
  const ids = new Set<string>();
  claims.forEach((c, i) => {
    const at = ['metadata', 'claims', i];
    if (ids.has(c.id)) problems.push({ path: [...at, 'id'], message: `claim id "${c.id}" is used twice` });
    ids.add(c.id);
    for (const [window, path] of [
      [c.window, [...at, 'window']],
      [c.than?.window, [...at, 'than', 'window']],
    ] as const) {
      if (window !== undefined && window.to > end)
        problems.push({ path: [...path, 'to'], message: `the window ends at ${window.to} s, after the run (spec.duration ${end} s)` });
    }
    if (c.sweepValues !== undefined) {
      if (sweepValues === undefined) problems.push({ path: [...at, 'sweepValues'], message: 'the scenario has no sweep' });
      else {
        c.sweepValues.forEach((v, k) => {
          if (!sweepValues.includes(String(v)))
            problems.push({
              path: [...at, 'sweepValues', k],
              message: `${String(v)} is not a value of the sweep (${sweepValues.join(', ')})`,
              ...suggest(String(v), sweepValues),
            });
        });
      }
    }
    if (c.than?.engine !== undefined && c.than.metric === undefined && c.engines.includes(c.than.engine)) {
      problems.push({ path: [...at, 'than', 'engine'], message: `compares ${c.than.engine}'s ${c.metric} with itself` });
    }
    const duplicate = c.engines.find((e, k) => c.engines.indexOf(e) !== k);
    if (duplicate !== undefined) problems.push({ path: [...at, 'engines'], message: `engine ${duplicate} is listed twice` });
    for (const [metric, path] of [
      [c.metric, [...at, 'metric']],
      [c.than?.metric, [...at, 'than', 'metric']],
    ] as const) {
      const tenant = metric === undefined ? undefined : tenantOf(metric);
      if (tenant !== undefined && !tenants.includes(tenant)) {
        problems.push({
          path,
          message: `tenant "${tenant}" is not declared in spec.tenants (declared: ${tenants.join(', ')})`,
          ...suggest(tenant, tenants, (s) => (metric as string).replace(tenant, s)),
        });
      }
    }
  });
  const translated = doc.metadata.translations['zh-CN']?.claims ?? {};
  for (const id of Object.keys(translated)) {
    if (!ids.has(id))
      problems.push({
        path: ['metadata', 'translations', 'zh-CN', 'claims', id],
        message: `no claim has the id "${id}"`,
        atKey: true,
        ...suggest(id, [...ids]),
      });
  }
  return problems;
}

/** The tenant a per-tenant metric names (`counter:share-avg:<t>`, `series:share/<t>`), if any. */
function tenantOf(metric: string): string | undefined {
  for (const prefix of ['counter:share-avg:', 'series:share/']) if (metric.startsWith(prefix)) return metric.slice(prefix.length);
  return undefined;
}

function suggest(word: string, candidates: readonly string[], shape: (s: string) => string = (s) => s): { suggestion?: string } {
  const s = closestMatch(word, candidates);
  return s !== undefined && s !== word ? { suggestion: shape(s) } : {};
}
