import { describe, expect, it } from 'vitest';
import { defaultOptions, parseOptions } from '../../../src/engines/kubernetes/options.js';
import { duration } from '../../../src/sim/duration.js';

describe('engine options of the application lifecycle', () => {
  it('fills the kubelet and Deployment defaults from the reference', () => {
    const o = defaultOptions();
    expect(o.kubelet.crashLoopBackOff).toEqual({ initial: duration('10s'), max: duration('5m') });
    expect(o.kubelet.syncFrequency).toBe(duration('1m'));
    expect(o.kubelet.configMapAndSecretChangeDetectionStrategy).toBe('Watch');
    expect(o.kubelet.configMapCacheTTL).toBe(duration('1m'));
    expect(o.deployment.minReadySeconds).toBe(0);
    expect(o.dependencies).toEqual({ dependencyIdiom: 'none', initPollInterval: duration('2s') });
  });

  it('rejects a back-off whose initial value exceeds its maximum, an unknown idiom or strategy, with their paths', () => {
    const r = parseOptions({
      kubelet: { crashLoopBackOff: { initial: '10m', max: '5m' }, configMapAndSecretChangeDetectionStrategy: 'Poll' },
      dependencies: { dependencyIdiom: 'sidecar' },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['kubelet.crashLoopBackOff', 'kubelet.configMapAndSecretChangeDetectionStrategy', 'dependencies.dependencyIdiom']),
    );
  });
});
