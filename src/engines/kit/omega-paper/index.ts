export { PaperCell } from './cell.js';
export { commitClaims, type CommitOutcome } from './commit.js';
export { candidatePool, type PaperClaims, placeFirstFit } from './first-fit.js';
export { PAPER_COUNTERS, PaperHost } from './host.js';
export { type PaperJob, shouldAbandon, thinkTime } from './job.js';
export { JobQueue } from './job-queue.js';
export { lockAllAvailable, type LockedPool, MesosAllocatorModel, OFFERS_COUNTER, unlockPool } from './mesos-allocator.js';
export { MesosFramework, type OfferClaim } from './mesos-framework.js';
export { IGNORED_INTENTS_COUNTER, MONOLITHIC_SCHEDULER, OmegaPaperModel, paperJob } from './model.js';
export { MonolithicModel } from './monolithic.js';
export { OmegaModel } from './omega.js';
export {
  type EngineModel,
  MODEL_FIELD,
  OMEGA_PAPER_DEFAULTS,
  OMEGA_PAPER_FIELD,
  type OmegaPaperOptions,
  omegaPaperOptions,
  type PaperArchitecture,
  type PaperThinkTime,
  thinkTimeOf,
} from './options.js';
export { createEngineOrPaperModel, MODEL_SWITCH_FIELDS, type ModelSwitch, modelSwitch, omegaPaperFactory, withOmegaPaperModel } from './switch.js';
