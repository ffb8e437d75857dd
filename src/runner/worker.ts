/** The piscina worker: a module whose default export runs one trial (plain data in, plain data out), loading its trace files first. */
export { runTrialLoadingTraces as default } from './trial.js';
