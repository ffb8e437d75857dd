import { type Engine, type EngineContext, type EngineFactory } from '../engine.js';
import { type Intent } from '../../intents/index.js';

/**
 * Engines that break on purpose, for the runner's reliability tests: one throws at its first intent,
 * one never returns from its first intent. They are not in the ENGINES table; the runner finds them
 * only when SCHEDBENCH_FAULTY_ENGINES=1 is set (tests set it).
 */
function faulty(name: string, onIntent: (ctx: EngineContext, intent: Intent) => void): EngineFactory<Record<string, never>> {
  return {
    name,
    description: `test-only engine that ${name === 'faulty-throw' ? 'throws' : 'hangs'} on its first intent`,
    parseOptions: () => ({ ok: true, options: {} }),
    create: (ctx): Engine => ({
      start: () => undefined,
      submit: (intent) => onIntent(ctx, intent),
      controlPlaneFault: () => undefined,
      bounds: () => ({ placementWithin: 0 as never, recoveryWithin: 0 as never }),
    }),
  };
}

export const faultyThrowEngine = faulty('faulty-throw', (ctx, intent) => {
  throw new Error(`faulty-throw: refusing intent ${intent.kind} at ${ctx.now()}us`);
});

export const faultyHangEngine = faulty('faulty-hang', () => {
  // Spins forever without yielding: only terminating the worker thread stops it.
  for (;;) {
    /* hang */
  }
});
