import { borgEngine } from './borg/index.js';
import { type AnyEngineFactory, type EngineFactory } from './engine.js';
import { faultyHangEngine, faultyThrowEngine } from './faulty/index.js';
import { kubernetesEngine } from './kubernetes/index.js';
import { mesosEngine } from './mesos/index.js';
import { omegaEngine } from './omega/index.js';
import { oracleEngine } from './oracle/index.js';

/**
 * The one table of engines by name. Adding an engine is one folder and one line here; every
 * registered engine is run by the contract and property suites the moment it is listed.
 */
export const ENGINES = {
  oracle: oracleEngine,
  mesos: mesosEngine,
  kubernetes: kubernetesEngine,
  borg: borgEngine,
  omega: omegaEngine,
} as const satisfies Record<string, AnyEngineFactory>;

/**
 * Engines that fail on purpose, for the runner's reliability tests. Never listed, never run by the
 * suites; reachable by name only when the runner is told to allow them.
 */
export const FAULTY_ENGINES = {
  'faulty-throw': faultyThrowEngine,
  'faulty-hang': faultyHangEngine,
} as const satisfies Record<string, AnyEngineFactory>;

/** A registered engine's name. */
export type EngineName = keyof typeof ENGINES;

/** Names of every registered engine, in table order. */
export const ENGINE_NAMES = Object.keys(ENGINES) as EngineName[];

/** The factory of a registered engine (or, when `allowFaulty`, of a faulty test engine), or undefined. */
export function findEngine(name: string, allowFaulty = false): EngineFactory<unknown> | undefined {
  if (Object.prototype.hasOwnProperty.call(ENGINES, name)) return ENGINES[name as EngineName] as unknown as EngineFactory<unknown>;
  if (allowFaulty && Object.prototype.hasOwnProperty.call(FAULTY_ENGINES, name))
    return FAULTY_ENGINES[name as keyof typeof FAULTY_ENGINES] as unknown as EngineFactory<unknown>;
  return undefined;
}
