import { type Block } from './doc.js';
import { type Messages } from './i18n/messages.js';
import { type ScenarioMeta } from './results-folder.js';

/**
 * The warning a scenario section opens its results with when meta.json records work that can never
 * be placed (the CLI finds it before the run): why some convergence is censored for every engine.
 * Nothing for a scenario without such work.
 */
export function scenarioWarnings(meta: ScenarioMeta, m: Messages): Block[] {
  return (meta.warnings ?? []).map((w): Block => ({
    kind: 'paragraph',
    inlines: [
      {
        kind: 'strong',
        text: w.kind === 'task-fits-no-node' ? m.scenarioNeverFits(w.workload) : m.scenarioReplicasExceed(w.workload, w.replicas ?? 0, w.capacity ?? 0),
      },
    ],
  }));
}
