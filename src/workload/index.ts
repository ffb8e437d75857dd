export * from './schema.js';
export * from './scenario-error.js';
export * from './load.js';
export * from './expand.js';
export * from './sweep.js';
export * from './json-schema.js';
export { matchesSelector, formatSelector } from './fault-targets.js';
