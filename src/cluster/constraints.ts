import { type NodeSpec, type Taint, type TaintEffect } from './node.js';

/** A toleration, as in Kubernetes: `Exists` matches any value; an empty key with `Exists` matches every taint. */
export interface Toleration {
  readonly key?: string;
  readonly operator: 'Equal' | 'Exists';
  readonly value?: string;
  /** Empty means every effect. */
  readonly effect?: TaintEffect;
  /** For NoExecute taints: how long the task stays bound after the taint appears; absent = forever. */
  readonly tolerationSeconds?: number;
}

/** One requirement of a node selector term (Kubernetes NodeSelectorRequirement). */
export interface NodeSelectorRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  readonly values: readonly string[];
}

/** A term is the AND of its requirements; a list of terms is their OR. */
export interface NodeSelectorTerm {
  readonly matchExpressions: readonly NodeSelectorRequirement[];
}

/** A weighted preferred term (Kubernetes PreferredSchedulingTerm, weight 1–100). */
export interface PreferredTerm {
  readonly weight: number;
  readonly term: NodeSelectorTerm;
}

/** Where a task may run, in the vocabulary every engine understands (Kubernetes's). */
export interface PlacementConstraints {
  /** Exact label matches (Kubernetes nodeSelector; Mesos: attribute constraints). */
  readonly nodeSelector: Readonly<Record<string, string>>;
  /** Pin to one node by name. */
  readonly nodeName?: string;
  readonly tolerations: readonly Toleration[];
  /** requiredDuringSchedulingIgnoredDuringExecution terms (OR of ANDs); empty = no requirement. */
  readonly requiredTerms: readonly NodeSelectorTerm[];
  /** preferredDuringSchedulingIgnoredDuringExecution terms, used only for scoring. */
  readonly preferredTerms: readonly PreferredTerm[];
}

export const NO_CONSTRAINTS: PlacementConstraints = Object.freeze({
  nodeSelector: Object.freeze({}),
  tolerations: Object.freeze([]),
  requiredTerms: Object.freeze([]),
  preferredTerms: Object.freeze([]),
});

/** True when `toleration` tolerates `taint` (Kubernetes `Toleration.ToleratesTaint`). */
export function tolerates(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect !== undefined && toleration.effect !== taint.effect) return false;
  if (toleration.key !== undefined && toleration.key !== '' && toleration.key !== taint.key) return false;
  if (toleration.operator === 'Exists') return true;
  return (toleration.value ?? '') === (taint.value ?? '');
}

/** The taints with one of `effects` that none of `tolerations` tolerates. */
export function untoleratedTaints(taints: readonly Taint[], tolerations: readonly Toleration[], effects: readonly TaintEffect[]): Taint[] {
  return taints.filter((t) => effects.includes(t.effect) && !tolerations.some((tol) => tolerates(tol, t)));
}

/** True when the node's labels satisfy one requirement. */
export function matchesRequirement(labels: Readonly<Record<string, string>>, req: NodeSelectorRequirement): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  const value = labels[req.key];
  switch (req.operator) {
    case 'In':
      return has && req.values.includes(value as string);
    case 'NotIn':
      return !has || !req.values.includes(value as string);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has || req.values.length !== 1) return false;
      // Whole decimal integers only, as Kubernetes's strconv.ParseInt: parseInt would read "5abc" as 5.
      const a = parseWholeInteger(value as string);
      const b = parseWholeInteger(req.values[0] as string);
      if (a === undefined || b === undefined) return false;
      return req.operator === 'Gt' ? a > b : a < b;
    }
  }
}

function parseWholeInteger(text: string): number | undefined {
  return /^[+-]?\d+$/.test(text) ? Number(text) : undefined;
}

/** True when the labels satisfy every requirement of the term (an empty term matches nothing, as in Kubernetes). */
export function matchesTerm(labels: Readonly<Record<string, string>>, term: NodeSelectorTerm): boolean {
  return term.matchExpressions.length > 0 && term.matchExpressions.every((r) => matchesRequirement(labels, r));
}

/** True when the node satisfies nodeSelector, nodeName and the required terms (not taints). */
export function matchesNodeRequirements(node: NodeSpec, c: PlacementConstraints): boolean {
  if (c.nodeName !== undefined && c.nodeName !== node.name) return false;
  const selector = c.nodeSelector;
  // for…in instead of Object.entries: no array per call (selectors are plain objects from the schema).
  for (const k in selector) if (node.labels[k] !== selector[k]) return false;
  if (c.requiredTerms.length > 0 && !c.requiredTerms.some((t) => matchesTerm(node.labels, t))) return false;
  return true;
}

/**
 * True when a task with these constraints may be placed on the node at all: label requirements hold
 * and every NoSchedule/NoExecute taint is tolerated. Engines use it to decide what they may place;
 * each engine decides for itself when it learns about a node's taints.
 */
export function admits(node: NodeSpec, c: PlacementConstraints): boolean {
  if (!matchesNodeRequirements(node, c)) return false;
  // Same test as untoleratedTaints(…, ['NoSchedule', 'NoExecute']).length === 0, without allocating:
  // engines call this for every node they consider, so it is on the hottest path of a placement.
  const taints = node.taints;
  for (let i = 0; i < taints.length; i++) {
    const t = taints[i] as Taint;
    if ((t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !c.tolerations.some((tol) => tolerates(tol, t))) return false;
  }
  return true;
}

/** True when the constraints restrict placement at all ("picky" tasks in the Omega paper's sense). */
export function isPicky(c: PlacementConstraints): boolean {
  return c.nodeName !== undefined || Object.keys(c.nodeSelector).length > 0 || c.requiredTerms.length > 0;
}
