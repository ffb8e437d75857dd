export { decisionsText, cycleInRange } from './decision-text.js';
export { explainFile } from './explain-records.js';
export { type DecisionQuery, findDecisions, type FoundDecisions, knownNames } from './find-decisions.js';
