export { oracleEngine, OracleEngine } from './oracle-engine.js';
export { type OracleOptions } from './options.js';
