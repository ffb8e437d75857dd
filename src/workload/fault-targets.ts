import { type NodeSpec } from '../cluster/node.js';
import { type Rng } from '../sim/rng.js';
import { type NodeTargetSpec } from './schema.js';

/** The outcome of resolving a node target: the chosen nodes (in cluster order) and words for labels. */
export interface ResolvedTarget {
  readonly nodes: readonly string[];
  /** `3 nodes with zone=a`, `10% of nodes (5)`, `web-0, web-1`. */
  readonly description: string;
}

/** True when a node carries every label of the selector (an absent selector matches all). */
export function matchesSelector(node: NodeSpec, selector: Readonly<Record<string, string>> | undefined): boolean {
  if (!selector) return true;
  for (const [k, v] of Object.entries(selector)) if (node.labels[k] !== v) return false;
  return true;
}

/**
 * Chooses the nodes a fault hits. Explicit names are taken as written. Otherwise the candidates are
 * the selector's matches among `eligible` (for a crash: nodes that are up; for a recover: nodes that
 * are down); `count` or `fraction` of them are drawn with `rng`, or all of them when neither is given.
 * A fraction rounds to the nearest whole node, at least one. Results keep cluster order.
 */
export function resolveTarget(target: NodeTargetSpec, nodes: readonly NodeSpec[], eligible: (name: string) => boolean, rng: Rng): ResolvedTarget {
  if (target.names) return { nodes: target.names, description: describeNames(target.names) };
  const candidates = nodes.filter((n) => matchesSelector(n, target.selector) && eligible(n.name)).map((n) => n.name);
  const where = target.selector ? ` with ${formatSelector(target.selector)}` : '';
  if (target.count === undefined && target.fraction === undefined) {
    return { nodes: candidates, description: `all nodes${where} (${candidates.length})` };
  }
  const wanted = target.count ?? Math.max(1, Math.round((target.fraction as number) * candidates.length));
  const chosen = pick(candidates, Math.min(wanted, candidates.length), rng);
  const description =
    target.count !== undefined
      ? `${target.count} node${target.count === 1 ? '' : 's'}${where}`
      : `${formatPercent(target.fraction as number)} of nodes${where} (${chosen.length})`;
  return { nodes: chosen, description };
}

/** `k` of `items` uniformly without replacement, returned in their original order. */
function pick(items: readonly string[], k: number, rng: Rng): string[] {
  const order = rng.shuffle(items.map((_, i) => i));
  const chosen = order.slice(0, k).sort((a, b) => a - b);
  return chosen.map((i) => items[i] as string);
}

function describeNames(names: readonly string[]): string {
  return names.length <= 3 ? names.join(', ') : `${names.slice(0, 2).join(', ')}, … (${names.length} nodes)`;
}

/** `zone=a,rack=r1`: the selector as written in kubectl's label syntax. */
export function formatSelector(selector: Readonly<Record<string, string>>): string {
  return Object.entries(selector)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

function formatPercent(f: number): string {
  return `${+(f * 100).toFixed(2)}%`;
}
