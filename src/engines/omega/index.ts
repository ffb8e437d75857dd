export { omegaEngine } from './omega-engine.js';
export { defaultOmegaOptions, type OmegaOptions, parseOmegaOptions } from './options.js';
export { OMEGA_DEFAULTS } from './defaults.js';
