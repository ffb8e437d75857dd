export { type CountOrPercentage, COUNT_OR_PERCENTAGE, scaledCount } from './count-or-percentage.js';
export { engineBounds, worstHops } from './engine-bounds.js';
export { repeatEvery, SilenceWatchdog } from './heartbeat.js';
export { countOrPercentageField, cpuField, durationField, memoryField, quantityField, resourcesField } from './option-fields.js';
export { defaultEngineOptions, parseEngineOptions } from './options-parse.js';
export { bestFitNode } from './placement/best-fit.js';
export { FitIndex } from './placement/fit-index.js';
export { rolloutBounds, type RolloutBounds, type StuckRollout } from './rollout-bounds.js';
export { decide, decisionTime } from './think-time.js';
