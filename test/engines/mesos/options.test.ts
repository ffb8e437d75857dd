import { describe, expect, it } from 'vitest';
import { resources } from '../../../src/cluster/resources.js';
import { defaultMesosOptions, parseMesosOptions } from '../../../src/engines/mesos/options.js';
import { duration } from '../../../src/sim/duration.js';

describe('parseMesosOptions', () => {
  it('fills every default from its source', () => {
    const o = defaultMesosOptions();
    expect(o.allocationInterval).toBe(duration('1s'));
    expect(o.refuseSeconds).toBe(duration('5s'));
    expect(o.offerTimeout).toBeUndefined();
    expect(o.agentPingTimeout * o.maxAgentPingTimeouts).toBe(duration('75s'));
    expect(o.minAllocatable).toEqual([resources({ cpu: 10 }), resources({ memory: 32 * 2 ** 20 })]);
    expect(o.offerMode).toBe('whole-agent');
    expect(o.thinkTime).toEqual({ tJob: duration('100ms'), tTask: duration('5ms') });
    expect(o.service).toMatchObject({
      failoverTimeout: duration('7d'),
      partitionAware: true,
      declineFor: duration('120s'),
      minReviveInterval: duration('5s'),
      maxInstancesPerOffer: 5,
    });
    expect(o.service.backoff).toEqual({ initial: duration('1s'), factor: 1.15, max: duration('300s') });
    expect(o.batch).toMatchObject({
      failoverTimeout: 0,
      partitionAware: false,
      declineFor: duration('5s'),
      thinkTaskCount: 'placed',
    });
    // No abandonment unless a scenario asks for the Omega simulator's limits.
    expect('abandonAfterAttempts' in o.batch || 'abandonAfterAttemptsWithoutProgress' in o.batch).toBe(false);
  });

  const rows = [
    {
      name: 'allocation interval',
      raw: { allocationInterval: '250ms' },
      check: (o: ReturnType<typeof defaultMesosOptions>) => o.allocationInterval === duration('250ms'),
    },
    { name: 'offer mode', raw: { offerMode: 'fair-share' }, check: (o: ReturnType<typeof defaultMesosOptions>) => o.offerMode === 'fair-share' },
    { name: 'offer timeout', raw: { offerTimeout: '30s' }, check: (o: ReturnType<typeof defaultMesosOptions>) => o.offerTimeout === duration('30s') },
    {
      name: 'service t_job (the decision-time sweep)',
      raw: { service: { thinkTime: { tJob: '10s' } } },
      check: (o: ReturnType<typeof defaultMesosOptions>) => o.service.thinkTime?.tJob === duration('10s'),
    },
    {
      name: 'per-framework think time',
      raw: { thinkTimes: { 'marathon-web': { tTask: '1ms' } } },
      check: (o: ReturnType<typeof defaultMesosOptions>) => o.thinkTimes['marathon-web']?.tTask === duration('1ms'),
    },
    {
      name: 'quota limit',
      raw: { quota: { web: { limit: { cpu: 4, memory: '8Gi' } } } },
      check: (o: ReturnType<typeof defaultMesosOptions>) => o.quota['web']?.limit?.cpu === 4000,
    },
    {
      name: 'min allocatable',
      raw: { minAllocatable: [{ cpu: '1' }] },
      check: (o: ReturnType<typeof defaultMesosOptions>) => o.minAllocatable[0]?.cpu === 1000,
    },
  ];
  for (const row of rows) {
    it(`overrides the ${row.name}`, () => {
      const r = parseMesosOptions(row.raw);
      expect(r.ok).toBe(true);
      if (r.ok) expect(row.check(r.options)).toBe(true);
    });
  }

  it('rejects unknown fields and bad durations with their paths', () => {
    const r = parseMesosOptions({ allocationIntervall: '1s', service: { declineFor: '120' } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.issues.map((i) => i.path.join('.'));
    expect(paths).toContain('service.declineFor');
    expect(r.issues.some((i) => /allocationIntervall/.test(i.message))).toBe(true);
  });
});
