export * from './faults.js';
export * from './intents.js';
export * from './perturbation.js';
export * from './job-tasks.js';
export * from './traffic.js';
