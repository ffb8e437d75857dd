import { mesosEngine } from '../../../src/engines/mesos/index.js';
import { engineTrial, type EngineTrial } from '../../support/engine-harness.js';

/** A hand-built trial of the Mesos engine that keeps every raw event (for engine-level tests). */
export type MesosTrial = EngineTrial;

/** Builds a Mesos trial from scenario YAML (engine options under spec.engines.mesos), wired like runner/trial.ts. */
export function mesosTrial(yaml: string, seed = 1, explain = false): MesosTrial {
  return engineTrial(mesosEngine, yaml, seed, explain);
}
