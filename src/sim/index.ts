export * from './time.js';
export * from './duration.js';
export * from './event-queue.js';
export * from './simulator.js';
export * from './rng.js';
export * from './distributions.js';
