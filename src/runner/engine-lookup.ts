import { type EngineFactory } from '../engines/engine.js';
import { findEngine } from '../engines/registry.js';

/** True when the faulty test engines may be used (tests set SCHEDBENCH_FAULTY_ENGINES=1; worker threads inherit it). */
function faultyAllowed(): boolean {
  return process.env.SCHEDBENCH_FAULTY_ENGINES === '1';
}

/** The factory for an engine name as the runner sees it. */
export function lookupEngine(name: string): EngineFactory<unknown> | undefined {
  return findEngine(name, faultyAllowed());
}
