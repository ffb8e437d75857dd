import { type ClaimSpec } from '../../metrics/claims.js';
import { type Block, type Cell, type Inline } from '../doc.js';
import { fmtNum } from '../format.js';
import { type Messages } from '../i18n/messages.js';
import { type ClaimCheck, type ClaimResult, type ClaimWhy } from './evaluate.js';

/**
 * The "Claims" part of a scenario's section: one row per claim with its text (in the report's
 * language where the scenario has a translation), its evidence and ✔/✘/–. A claim that fails is
 * bold and so are its failing checks: a failed claim is shown, never hidden. Empty when the scenario
 * has no claims.
 */
export function claimsBlocks(
  results: readonly ClaimResult[],
  m: Messages,
  translations: Readonly<Record<string, string>> | undefined,
  sweepParameter: string | undefined,
): Block[] {
  if (results.length === 0) return [];
  const rows = results.map((r): Cell[] => {
    const text = translations?.[r.claim.id] ?? r.claim.text;
    const failed = r.verdict !== 'holds';
    const textInlines: Inline[] = failed ? [{ kind: 'strong', text }] : [text];
    return [
      { inlines: textInlines },
      { inlines: evidence(r, m, sweepParameter) },
      { inlines: [verdictInline(r, m)], ...(r.verdict === 'fails' || r.verdict === 'error' ? { mark: 'worse' as const } : {}) },
    ];
  });
  return [
    { kind: 'heading', level: 3, text: m.claims },
    { kind: 'paragraph', note: true, inlines: [m.claimsNote] },
    { kind: 'table', head: [m.colClaim, m.colClaimEvidence, m.colClaimResult], rows },
  ];
}

function verdictInline(r: ClaimResult, m: Messages): Inline {
  switch (r.verdict) {
    case 'holds':
      return m.claimHolds;
    case 'fails':
      return { kind: 'strong', text: m.claimFails };
    case 'not-evaluated':
      return m.claimNotEvaluated;
    case 'error':
      return { kind: 'strong', text: m.claimFails };
  }
}

/** The comparison as a formula, then every check: "mesos, seed 1: 0.51 < 0.67"; failing checks in bold. */
function evidence(r: ClaimResult, m: Messages, sweepParameter: string | undefined): Inline[] {
  const out: Inline[] = [{ kind: 'code', text: formula(r.claim) }];
  if (r.verdict === 'not-evaluated') return [...out, ` — ${m.claimNotEvaluatedReason(whyText(r.why, m))}`];
  if (r.verdict === 'error') return [...out, ' — ', { kind: 'strong', text: m.claimBroken(whyText(r.why, m)) }];
  out.push(' — ');
  r.checks.forEach((c, i) => {
    if (i > 0) out.push('; ');
    const text = checkText(c, r.claim, m, sweepParameter);
    out.push(c.holds ? text : { kind: 'strong', text: `${text} ${m.claimFails}` });
  });
  return out;
}

function whyText(why: ClaimWhy | undefined, m: Messages): string {
  switch (why?.kind) {
    case 'engines-missing':
      return m.claimEnginesMissing(why.names.join(m.listSep));
    case 'sweep-values-missing':
      return m.claimSweepValuesMissing(why.names.join(m.listSep));
    case 'unknown-metric':
      return m.claimUnknownMetric(why.metric, why.near);
    case 'no-trials':
    case undefined:
      return m.claimNoTrials;
  }
}

function checkText(c: ClaimCheck, claim: ClaimSpec, m: Messages, sweepParameter: string | undefined): string {
  const where = [
    c.engine,
    ...(c.sweepValue !== '' ? [`${sweepParameter ?? ''}=${c.sweepValue}`] : []),
    c.seed === 'mean' ? m.claimMean : m.claimSeed(c.seed),
  ].join(', ');
  const value = (x: number): string => (Number.isFinite(x) ? fmtNum(x) : m.noData);
  const right = typeof c.right === 'number' ? value(c.right) : `[${value(c.right[0])}, ${value(c.right[1])}]`;
  const relation = claim.relation === 'between' ? '∈' : claim.relation;
  return `${where}: ${value(c.left)} ${relation} ${right}`;
}

/**
 * The claim as a formula: `counter:share-avg:a > 1.5 × counter:share-avg:b`, `jain ≈ jain (kubernetes) ± 0.05`,
 * `series:locked/cpu[112.5–150 s] > 2 × series:locked/cpu[0–37.5 s]` (a window in simulated seconds).
 */
export function formula(c: ClaimSpec): string {
  const windowed = (metric: string, w: { readonly from: number; readonly to: number } | undefined): string => (w ? `${metric}[${w.from}–${w.to} s]` : metric);
  const left = windowed(c.metric, c.window);
  const tolerance = c.tolerance === undefined ? '' : c.tolerance.kind === 'absolute' ? ` ± ${c.tolerance.value}` : ` ± ${fmtNum(c.tolerance.fraction * 100)}%`;
  if (c.relation === 'between') return `${left} ∈ [${(c.bounds ?? []).join(', ')}]${tolerance}`;
  const than = c.than;
  let right: string;
  if (than?.value !== undefined) right = String(than.value);
  else {
    const factor = than?.factor !== undefined && than.factor !== 1 ? `${than.factor} × ` : '';
    const rightWindow = than?.window ?? (than?.metric === undefined ? c.window : undefined);
    right = `${factor}${windowed(than?.metric ?? c.metric, rightWindow)}${than?.engine !== undefined ? ` (${than.engine})` : ''}`;
  }
  return `${left} ${c.relation} ${right}${tolerance}`;
}
