import { resolve } from 'node:path';
import { type Quantiles } from '../../src/metrics/quantiles.js';
import { isSummaryColumn } from '../../src/metrics/summary-columns.js';
import { runTrial } from '../../src/runner/trial.js';
import { type TrialResult } from '../../src/runner/trial-types.js';
import { loadScenarioFile, validateScenarioDoc } from '../../src/workload/load.js';
import { type ScenarioDoc } from '../../src/workload/schema.js';
import { engineOptionsOrThrow } from '../../src/runner/engine-options.js';

/** The folder of the bundled scenarios. */
const SCENARIOS = resolve(new URL('../../scenarios', import.meta.url).pathname);

/** A bundled scenario's parsed document before validation (plain JSON data, safe to edit: a fresh copy each call). */
export function bundledRaw(name: string): Record<string, unknown> {
  const r = loadScenarioFile(resolve(SCENARIOS, `${name}.yaml`));
  if (!r.ok) throw new Error(`scenarios/${name}.yaml does not load: ${r.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return structuredClone(r.scenario.raw) as Record<string, unknown>;
}

/** The `spec` of a raw document, typed loosely for edits in tests. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RawSpec = any;

/**
 * A bundled scenario shrunk or changed by `edit` (applied to a fresh copy of the raw document, its
 * claims left out), validated like a file: the variant must still be a valid scenario.
 */
export function variant(name: string, edit: (spec: RawSpec) => void = () => undefined): ScenarioDoc {
  const raw = bundledRaw(name);
  // The claims speak of the bundled scenario (claims.test.ts asserts them); a variant is another experiment.
  const metadata = raw.metadata as RawSpec;
  delete metadata.claims;
  if (metadata.translations?.['zh-CN']) delete metadata.translations['zh-CN'].claims;
  edit(raw.spec);
  const r = validateScenarioDoc(raw, `${name} (test variant)`);
  if (!r.ok) throw new Error(`the test variant of ${name} is invalid: ${r.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return r.doc;
}

/** Runs one trial of a document in this thread and fails loudly if the trial did not finish. */
export function run(doc: ScenarioDoc, engine: string, seed = doc.spec.seeds[0] as number): TrialResult {
  const result = runTrial({
    index: 0,
    id: `${doc.metadata.name}/${engine}/seed-${seed}`,
    scenario: doc.metadata.name,
    doc,
    scenarioDir: SCENARIOS,
    engine,
    engineOptions: engineOptionsOrThrow(doc, engine, doc.metadata.name),
    seed,
  });
  if (result.status !== 'ok' || !result.metrics) throw new Error(`${result.id} ended ${result.status}: ${result.error ?? ''}`);
  return result;
}

/** A headline figure (runs.csv column) or a named counter of a finished trial; NaN when absent. */
export function figure(result: TrialResult, key: string): number {
  const m = result.metrics;
  if (!m) return NaN;
  return (isSummaryColumn(key) ? m.summary[key] : m.counters[key]) ?? NaN;
}

/** The mean of a figure over trials. */
export function mean(results: readonly TrialResult[], key: string): number {
  return results.reduce((sum, r) => sum + figure(r, key), 0) / results.length;
}

/** The convergence rows of one perturbation kind (`crash`, `scale`, `rollout`, `partition`, …). */
export function windows(result: TrialResult, kind: string): NonNullable<TrialResult['metrics']>['convergence'] {
  return (result.metrics?.convergence ?? []).filter((c) => c.kind === kind);
}

/** A latency distribution of a metric and group (`all`, a workload, `cause:…`), or undefined. */
export function latency(result: TrialResult, metric: string, group = 'all'): Quantiles | undefined {
  return result.metrics?.latency.find((l) => l.metric === metric && l.group === group)?.quantiles;
}

/** The last sample of a time series (`running/<workload>`, `share/<tenant>`, …) at or before the horizon. */
export function lastSample(result: TrialResult, series: string): number {
  const points = (result.metrics?.timeseries ?? []).filter((p) => p.series === series);
  return points.length > 0 ? (points[points.length - 1] as { value: number }).value : NaN;
}
