import fc from 'fast-check';
import { ENGINE_NAMES } from '../../src/engines/registry.js';

/*
 * Overrides of engine options a scenario may carry (`spec.engines.<name>`), per engine. Only
 * registered engines get an entry in a generated scenario: `schedbench run` rejects options for an
 * engine that is not registered, and a counterexample must replay. An engine without a row here is
 * run with its defaults (an empty mapping).
 */
const OVERRIDES: Readonly<Record<string, fc.Arbitrary<Record<string, unknown>>>> = {
  oracle: fc.constant({}),
  kubernetes: fc.record(
    {
      scheduler: fc.record(
        {
          scoringStrategy: fc.record({ type: fc.constantFrom('LeastAllocated', 'MostAllocated', 'RequestedToCapacityRatio') }),
          percentageOfNodesToScore: fc.constantFrom(0, 50, 100),
        },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: [] },
  ),
  borg: fc.record(
    {
      score: fc.constantFrom('best-fit', 'worst-fit', 'hybrid'),
      feasibleSample: fc.constantFrom(1, 5, 50),
      pollInterval: fc.constantFrom('1s', '3s', '5s'),
      preemption: fc.boolean(),
    },
    { requiredKeys: [] },
  ),
  mesos: fc.record({ allocationInterval: fc.constantFrom('500ms', '1s', '2s'), offerMode: fc.constantFrom('whole-agent', 'fair-share') }, { requiredKeys: [] }),
  omega: fc.record(
    {
      conflictMode: fc.constantFrom('resource-fit', 'sequence-numbers'),
      transactionMode: fc.constantFrom('incremental', 'all-or-nothing'),
      placement: fc.constantFrom('random-first-fit', 'best-fit'),
      schedulersPerGroup: fc.constantFrom(1, 2, 3),
      partition: fc.constantFrom('workload-type', 'tenant'),
    },
    { requiredKeys: [] },
  ),
};

/** `spec.engines`: for each registered engine, sometimes a few of its options changed. */
export function engineOverridesArb(): fc.Arbitrary<Record<string, Record<string, unknown>>> {
  const entries = ENGINE_NAMES.map((name) => [name, OVERRIDES[name] ?? fc.constant({})] as const);
  return fc.record(Object.fromEntries(entries), { requiredKeys: [] }) as fc.Arbitrary<Record<string, Record<string, unknown>>>;
}

/**
 * A latency model block: each message class sometimes set. `constant` keeps every class a fixed
 * delay: engines derive their stated bounds from the model's nominal (mean) values, which bound a
 * random delay only on average, so the placement-bound property uses constant models.
 */
export function latencyArb(kind: 'any' | 'constant' = 'any'): fc.Arbitrary<Record<string, unknown>> {
  const pick = <T>(fixed: fc.Arbitrary<T>, random: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> => (kind === 'constant' ? fixed : fc.oneof(fixed, random));
  const small = pick(
    fc.constantFrom('1ms', '2ms', '500us'),
    fc.constantFrom({ kind: 'uniform', min: '1ms', max: '5ms' }, { kind: 'exponential', mean: '2ms' }),
  );
  return fc.record(
    {
      rpc: small,
      storeWrite: pick(fc.constantFrom('5ms', '10ms'), fc.constant({ kind: 'lognormal', mu: -5, sigma: 0.3 })),
      watchDelivery: small,
      heartbeat: small,
      taskStart: pick(fc.constantFrom('1s', '500ms', '2s'), fc.constant({ kind: 'uniform', min: '500ms', max: '3s' })),
    },
    { requiredKeys: [] },
  );
}
