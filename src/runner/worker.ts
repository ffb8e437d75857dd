/** The piscina worker: a module whose default export runs one trial (plain data in, plain data out). */
export { runTrial as default } from './trial.js';
