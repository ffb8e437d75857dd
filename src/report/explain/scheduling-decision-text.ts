import { type ExplainRecord, listField, numberField, stringField } from './explain-records.js';
import { textTable } from './text-table.js';

/** A number as explain.jsonl wrote it, without float noise. */
export const num = (x: unknown): string => (typeof x === 'number' ? String(Math.round(x * 1e6) / 1e6) : String(x ?? ''));

/** The filter rejections of a cycle, per plugin and reason, as a table. */
function rejectionLines(r: ExplainRecord): string[] {
  const rejections = listField(r, 'rejections');
  if (rejections.length === 0) return [];
  const rows = rejections.map((x) => [String(x['plugin']), String(x['reason']), num(x['nodes'])]);
  return [
    '',
    'Filter rejections (nodes each filter plugin turned away, by reason):',
    ...textTable(['plugin', 'reason', 'nodes'], rows, ['left', 'left', 'right']),
  ];
}

/** Every rejected node (level full). */
function rejectedNodeLines(r: ExplainRecord): string[] {
  const nodes = listField(r, 'rejectedNodes');
  if (nodes.length === 0) return [];
  const rows = nodes.map((x) => [String(x['node']), String(x['plugin']), String(x['reason'])]);
  return ['', 'Rejected nodes:', ...textTable(['node', 'plugin', 'reason'], rows)];
}

interface PluginCell {
  readonly raw: unknown;
  readonly normalized: unknown;
  readonly weight: unknown;
  readonly weighted: unknown;
}

/** The scored candidates as nodes × plugins, the chosen node marked. */
function candidateLines(r: ExplainRecord, chosen: string): string[] {
  const candidates = listField(r, 'candidates');
  if (candidates.length === 0) return [];
  const plugins: string[] = [];
  const weights = new Map<string, unknown>();
  for (const c of candidates) {
    for (const [name, cell] of Object.entries((c['plugins'] ?? {}) as Record<string, PluginCell>)) {
      if (!weights.has(name)) plugins.push(name);
      weights.set(name, cell.weight);
    }
  }
  const header = ['', 'node', ...plugins.map((p) => `${p} ×${num(weights.get(p))}`), 'total'];
  const rows = candidates.map((c) => {
    const cells = (c['plugins'] ?? {}) as Record<string, PluginCell>;
    const scores = plugins.map((p) => {
      const cell = cells[p];
      return cell ? `${num(cell.raw)} → ${num(cell.normalized)} → ${num(cell.weighted)}` : '';
    });
    return [c['node'] === chosen ? '*' : '', String(c['node']), ...scores, num(c['total'])];
  });
  const feasible = r.fields['feasibleNodes'];
  const listed =
    r.fields['listed'] === 'every-feasible-node' || candidates.length === feasible
      ? `all ${num(feasible)} feasible nodes`
      : `the chosen node and the next best, ${candidates.length} of ${num(feasible)} feasible nodes (run with --explain=full to list every node)`;
  return [
    '',
    'Scores (each cell: raw score → normalized 0–100 → weighted, = normalized × weight; total = sum of the weighted scores):',
    ...textTable(header, rows, ['left', 'left', ...plugins.map(() => 'right' as const), 'right']),
    `* the chosen node. Listed: ${listed}.`,
  ];
}

/** The score plugins that returned Skip at PreScore. */
function skippedLines(r: ExplainRecord): string[] {
  const skipped = listField(r, 'skippedPlugins');
  if (skipped.length === 0) return [];
  return [
    '',
    'Score plugins skipped (they add nothing to any node):',
    ...skipped.map((k) => `  ${String(k['plugin'])} (weight ${num(k['weight'])}): ${String(k['why'])}`),
  ];
}

/** The outcome line(s): the chosen node and how, or why no node fits. */
function outcomeLines(r: ExplainRecord): string[] {
  const node = r.fields['node'];
  if (typeof node !== 'string') {
    const lines = [`Unschedulable: ${stringField(r, 'reason')}`];
    const p = r.fields['preemption'] as { node?: unknown; victims?: unknown[] } | undefined;
    if (p) lines.push(`Preemption: nominated ${String(p.node)}, evicting ${(p.victims ?? []).map(String).join(', ') || 'nobody'}`);
    return lines;
  }
  const skipped = r.fields['scoringSkipped'];
  if (typeof skipped === 'string') return [`Chosen node: ${node}. Scoring skipped: ${skipped}.`];
  const tied = r.fields['tiedAtBest'];
  const tie = typeof tied === 'number' && tied > 1 ? `; ${tied} nodes tied at it, one picked uniformly at random (selectHost)` : '';
  return [`Chosen node: ${node}, the highest total score, ${num(r.fields['bestScore'])}${tie}.`];
}

/** A kube-scheduler cycle (`scheduling-decision`, docs/explain.md) as readable text. */
export function schedulingDecisionText(r: ExplainRecord): string[] {
  const pod = stringField(r, 'pod');
  const evaluated = numberField(r, 'nodesEvaluated');
  const feasible = r.fields['feasibleNodes'];
  const counts = typeof feasible === 'number' ? `${evaluated} nodes evaluated, ${feasible} feasible` : `${evaluated} nodes evaluated, none feasible`;
  return [
    `${r.trial}: kube-scheduler cycle for pod ${pod} at ${num(r.time)} s (think time ${num(r.fields['thinkSeconds'])} s)`,
    `${counts}.`,
    ...outcomeLines(r),
    ...skippedLines(r),
    ...candidateLines(r, typeof r.fields['node'] === 'string' ? r.fields['node'] : ''),
    ...rejectionLines(r),
    ...rejectedNodeLines(r),
  ];
}
