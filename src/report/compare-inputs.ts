import { type Block } from './doc.js';
import { type Messages } from './i18n/messages.js';
import { type ResultsData } from './read-results.js';

/**
 * One way in which two runs did not get the same input: a comparison of their figures then
 * measures the input as much as the engines (another seed is another arrival stream).
 */
export type InputDifference =
  | { readonly kind: 'scenario-only-in'; readonly scenario: string; readonly run: 'A' | 'B' }
  | { readonly kind: 'scenario-hash'; readonly scenario: string; readonly a: string; readonly b: string }
  | { readonly kind: 'seeds'; readonly scenario: string; readonly a: readonly number[]; readonly b: readonly number[] };

function seedsOf(data: ResultsData, scenario: string): number[] {
  return [...new Set(data.runs.filter((r) => r.scenario === scenario).map((r) => r.seed))].sort((x, y) => x - y);
}

/**
 * Every difference between the inputs of two results folders: scenarios present in one only,
 * scenarios of the same name with another SHA-256 (another file text: cluster, workload, engine
 * options, sweep), and other seeds. Empty when both ran the same inputs (engines and code may differ:
 * that is what a comparison is for).
 */
export function inputDifferences(a: ResultsData, b: ResultsData): InputDifference[] {
  const out: InputDifference[] = [];
  const names = (d: ResultsData): string[] => d.meta.scenarios.map((s) => s.name);
  for (const s of names(a)) if (!names(b).includes(s)) out.push({ kind: 'scenario-only-in', scenario: s, run: 'A' });
  for (const s of names(b)) if (!names(a).includes(s)) out.push({ kind: 'scenario-only-in', scenario: s, run: 'B' });
  for (const sa of a.meta.scenarios) {
    const sb = b.meta.scenarios.find((s) => s.name === sa.name);
    if (!sb) continue;
    if (sa.hash !== sb.hash) out.push({ kind: 'scenario-hash', scenario: sa.name, a: sa.hash, b: sb.hash });
    const seedsA = seedsOf(a, sa.name);
    const seedsB = seedsOf(b, sa.name);
    if (seedsA.join(',') !== seedsB.join(',')) out.push({ kind: 'seeds', scenario: sa.name, a: seedsA, b: seedsB });
  }
  return out;
}

/** A difference as one sentence in the report's language. */
export function describeDifference(m: Messages, d: InputDifference): string {
  switch (d.kind) {
    case 'scenario-only-in':
      return m.compareDiffOnlyIn(d.scenario, d.run);
    case 'scenario-hash':
      return m.compareDiffHash(d.scenario, d.a.slice(0, 12), d.b.slice(0, 12));
    case 'seeds':
      return m.compareDiffSeeds(d.scenario, d.a.join(', ') || '–', d.b.join(', ') || '–');
  }
}

/** The warning a comparison of different inputs opens with (nothing when the inputs are the same). */
export function differencesWarning(m: Messages, differences: readonly InputDifference[]): Block[] {
  if (differences.length === 0) return [];
  return [
    { kind: 'paragraph', inlines: [{ kind: 'strong', text: m.compareDifferentInputs }] },
    { kind: 'list', items: differences.map((d) => [describeDifference(m, d)]) },
  ];
}
