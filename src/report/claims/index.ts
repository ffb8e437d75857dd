export { type ClaimData, type ClaimTrial } from './claim-data.js';
export { claimsBlocks, formula } from './claims-section.js';
export { evaluateClaim, evaluateClaims, tallyClaims, type ClaimCheck, type ClaimResult, type ClaimTally, type ClaimVerdict } from './evaluate.js';
export { claimDataFromView } from './from-results.js';
export { claimDataFromTrials } from './from-trials.js';
// The metric vocabulary, for the layers above the report (cli checks claim names before a run
// through the report, which may read metrics/; DESIGN.md §2).
export { parseMetric } from '../../metrics/claims.js';
