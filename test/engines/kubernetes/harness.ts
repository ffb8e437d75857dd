import { type ExplainLevel } from '../../../src/engines/engine.js';
import { kubernetesEngine, type KubernetesEngine } from '../../../src/engines/kubernetes/index.js';
import { engineTrial, type EngineTrial } from '../../support/engine-harness.js';

/** A hand-built trial of the Kubernetes engine that keeps every raw event (for engine-level tests). */
export type KubeTrial = EngineTrial<KubernetesEngine>;

/** Builds a Kubernetes trial from scenario YAML (engine options under spec.engines.kubernetes), wired like runner/trial.ts. */
export function kubeTrial(yaml: string, seed = 1, explain: boolean | ExplainLevel = false): KubeTrial {
  return engineTrial<KubernetesEngine>(kubernetesEngine, yaml, seed, explain);
}
