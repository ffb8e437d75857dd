import { type EngineExtension } from '../../src/engines/engine.js';
import { runTrial } from '../../src/runner/trial.js';
import { type TrialResult } from '../../src/runner/trial-types.js';
import { expandCluster } from '../../src/workload/expand.js';
import { trialSpec } from './contract.js';

/**
 * Runs one trial of `yaml` on `engine` with user modules handed over as the runner would after
 * loading them (extension-loader.ts), so engine tests can exercise the extension APIs with modules
 * written inline. `modules[i]` becomes `spec.extensions[i]` of `test.yaml`.
 */
export function runWithExtensions(
  yaml: string,
  engine: string,
  modules: readonly { readonly module: unknown; readonly config?: unknown; readonly role?: string; readonly workloads?: readonly string[] }[],
): TrialResult {
  const spec = trialSpec(yaml, engine);
  const field = engine === 'mesos' ? 'framework' : 'controller';
  const extensions: EngineExtension[] = modules.map((m, i) => ({
    path: `spec.extensions[${i}].${field}`,
    scenarioFile: 'test.yaml',
    module: m.module,
    config: m.config ?? {},
    ...(m.role !== undefined ? { role: m.role } : {}),
    ...(m.workloads !== undefined ? { workloads: m.workloads } : {}),
  }));
  return runTrial(spec, undefined, { nodes: expandCluster(spec.doc), extensions });
}
