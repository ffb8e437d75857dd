import fc from 'fast-check';
import { describe, it } from 'vitest';
import { kubernetesEngine } from '../../../src/engines/kubernetes/index.js';
import { bundledScenario, expectSameAsExplicit, nodeFaults, withEvents } from '../../support/closed-form.js';

/** The Lease renewals' own traffic, which the closed form counts instead of sending. */
const LEASE = { labels: new Set(['lease-renew', 'lease-renew-response', 'watch-Lease']), counters: new Set(['store-write', 'watch-event']) };
/** Renewals every 10 s from 0; hops at +1 ms (apiserver), +6 ms (etcd commit), +7 ms (answer), +8 ms (lease informer). */
const faults = nodeFaults(10_000_000, [1_000, 6_000, 7_000, 8_000]);

describe('kubelet Lease renewals in closed form', () => {
  it.each(['node-failure', 'node-failure-tuned', 'zone-partition'])(
    '%s: counters, results and every node condition, taint and relist equal the explicit renewals',
    (name) => {
      expectSameAsExplicit(kubernetesEngine, bundledScenario(name), LEASE);
    },
  );

  it('equal the explicit renewals for crashes and cuts at any time, also while a renewal is on its way', () => {
    fc.assert(
      fc.property(fc.constantFrom('node-failure', 'node-failure-tuned', 'zone-partition'), faults, (name, events) => {
        expectSameAsExplicit(kubernetesEngine, withEvents(name, events), LEASE);
      }),
      { numRuns: 15 },
    );
  }, 120_000);
});
