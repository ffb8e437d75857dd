import { readResults } from '../read-results.js';
import { scenarioViews } from '../scenario-view.js';
import { formula } from './claims-section.js';
import { type ClaimResult, evaluateClaims, tallyClaims } from './evaluate.js';
import { claimDataFromView } from './from-results.js';

/**
 * What the run command prints about claims after a run: one summary line, then one line per claim
 * that fails, was not evaluated or cannot be evaluated, with its scenario, id and evidence. Empty
 * when no scenario of the folder has claims. Reads the results folder like the report does.
 */
export function claimsSummaryLines(dir: string): string[] {
  const data = readResults(dir);
  const results = scenarioViews(data).flatMap((v) =>
    evaluateClaims(v.meta.claims ?? [], claimDataFromView(v, data.latency)).map((r) => ({ scenario: v.meta.name, r })),
  );
  if (results.length === 0) return [];
  const t = tallyClaims(results.map((x) => x.r));
  const head = `claims: ${t.holds} of ${t.total} hold${t.fails + t.errors > 0 ? `, ${t.fails + t.errors} fail` : ''}${t.notEvaluated > 0 ? `, ${t.notEvaluated} not evaluated` : ''} (a failed claim does not change the exit code)`;
  return [
    head,
    ...results.filter((x) => x.r.verdict !== 'holds').map((x) => `  ${verdictWord(x.r)} ${x.scenario}/${x.r.claim.id}: ${x.r.claim.text} [${detail(x.r)}]`),
  ];
}

function verdictWord(r: ClaimResult): string {
  return r.verdict === 'not-evaluated' ? 'NOT EVALUATED' : 'FAILED';
}

function detail(r: ClaimResult): string {
  if (r.verdict !== 'fails') return `${formula(r.claim)}: ${r.reason ?? ''}`;
  const bad = r.checks
    .filter((c) => !c.holds)
    .map((c) => {
      const right = typeof c.right === 'number' ? String(round(c.right)) : `[${c.right.join(', ')}]`;
      return `${c.engine}${c.sweepValue !== '' ? ` @${c.sweepValue}` : ''} ${c.seed === 'mean' ? 'mean' : `seed ${c.seed}`}: ${round(c.left)} vs ${right}`;
    });
  return `${formula(r.claim)}; ${bad.join('; ')}`;
}

function round(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(4)) : NaN;
}
