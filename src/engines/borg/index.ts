export { borgEngine, BorgEngine } from './borg-engine.js';
export { type BorgOptions, defaultBorgOptions } from './options.js';
