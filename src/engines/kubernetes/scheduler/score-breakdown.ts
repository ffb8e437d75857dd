import { type ScoreProfile } from './score-nodes.js';

/** The score plugins of the default profile, in the order the framework runs them (MultiPoint order). */
export const SCORE_PLUGINS = ['TaintToleration', 'NodeAffinity', 'NodeResourcesFit', 'NodeResourcesBalancedAllocation'] as const;

/** One of {@link SCORE_PLUGINS}. */
export type ScorePluginName = (typeof SCORE_PLUGINS)[number];

/** What one score plugin gave the scored nodes in one cycle, per node in the order scored. */
export interface PluginScores {
  /** The plugin's weight in the profile. */
  readonly weight: number;
  /** `Score` per node, before `NormalizeScore`. */
  readonly raw: readonly number[];
  /** After `NormalizeScore` (0…100); the raw score for a plugin without one (NodeResourcesFit, BalancedAllocation). */
  readonly normalized: readonly number[];
}

/** A score plugin whose PreScore returned Skip: the framework runs neither its Score nor its NormalizeScore, and it adds nothing. */
export interface SkippedPlugin {
  readonly plugin: ScorePluginName;
  readonly weight: number;
  readonly why: string;
}

/** Every score plugin's part in one cycle's totals: the plugins that scored, and those that skipped. */
export interface ScoreBreakdown {
  readonly plugins: Readonly<Partial<Record<ScorePluginName, PluginScores>>>;
  readonly skipped: readonly SkippedPlugin[];
}

/** Why each plugin that can skip did (the condition of its PreScore; docs/reference/kubernetes.md a3). */
const SKIP_REASONS: Readonly<Partial<Record<ScorePluginName, string>>> = {
  NodeAffinity: 'PreScore returned Skip: the pod has no preferred node affinity terms',
  NodeResourcesBalancedAllocation: 'PreScore returned Skip: the pod requests none of the resources the plugin balances',
};

/** The per-plugin arrays of one scoring pass: raw scores as `Score` gave them, normalized ones as summed. */
export interface ScorePass {
  readonly count: number;
  readonly rawTaint: ArrayLike<number>;
  readonly taint: ArrayLike<number>;
  /** Undefined when NodeAffinity skipped. */
  readonly rawAffinity: ArrayLike<number> | undefined;
  readonly affinity: ArrayLike<number>;
  readonly fit: ArrayLike<number>;
  /** False when BalancedAllocation skipped. */
  readonly balanced: boolean;
  readonly balance: ArrayLike<number>;
}

const first = (a: ArrayLike<number>, n: number): number[] => Array.from({ length: n }, (_, i) => a[i] as number);

/**
 * The {@link ScoreBreakdown} of one scoring pass (only built for explanations): per plugin that ran,
 * the weight, the raw and the normalized score of every scored node; per plugin that skipped, why.
 * The weighted score of a node is `weight × normalized`, and the node's total is their sum.
 */
export function scoreBreakdown(pass: ScorePass, weights: ScoreProfile['weights']): ScoreBreakdown {
  const n = pass.count;
  const plugins: Partial<Record<ScorePluginName, PluginScores>> = {};
  const skipped: SkippedPlugin[] = [];
  const add = (plugin: ScorePluginName, raw: ArrayLike<number> | undefined, normalized: ArrayLike<number>): void => {
    if (raw === undefined) skipped.push({ plugin, weight: weights[plugin], why: SKIP_REASONS[plugin] ?? 'PreScore returned Skip' });
    else plugins[plugin] = { weight: weights[plugin], raw: first(raw, n), normalized: first(normalized, n) };
  };
  add('TaintToleration', pass.rawTaint, pass.taint);
  add('NodeAffinity', pass.rawAffinity, pass.affinity);
  add('NodeResourcesFit', pass.fit, pass.fit);
  add('NodeResourcesBalancedAllocation', pass.balanced ? pass.balance : undefined, pass.balance);
  return { plugins, skipped };
}
