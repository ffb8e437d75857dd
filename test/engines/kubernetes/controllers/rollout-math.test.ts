import { describe, expect, it } from 'vitest';
import { newRSNewReplicas, resolveFenceposts, scaleDownOld } from '../../../../src/engines/kubernetes/controllers/rollout-math.js';

describe('rollout arithmetic', () => {
  const fence = [
    { name: '25 %/25 % of 10: surge rounds up to 3, unavailable down to 2', surge: '25%', unav: '25%', n: 10, want: { surge: 3, unavailable: 2 } },
    { name: '25 %/25 % of 1: 1 and 0', surge: '25%', unav: '25%', n: 1, want: { surge: 1, unavailable: 0 } },
    { name: 'both 0 → unavailable 1', surge: 0, unav: '10%', n: 5, want: { surge: 0, unavailable: 1 } },
    { name: 'absolute values', surge: 2, unav: 1, n: 100, want: { surge: 2, unavailable: 1 } },
  ];
  it.each(fence)('ResolveFenceposts: $name', ({ surge, unav, n, want }) => expect(resolveFenceposts(surge, unav, n)).toEqual(want));

  it('scales the new ReplicaSet up only within maxSurge', () => {
    // 10 desired, surge 3: old 10 + new 0 → new 3; then old 8 + new 3 → new 5.
    expect(newRSNewReplicas(10, '25%', '25%', 10, 0)).toBe(3);
    expect(newRSNewReplicas(10, '25%', '25%', 11, 3)).toBe(5);
    expect(newRSNewReplicas(10, '25%', '25%', 13, 3)).toBe(3);
  });

  it('scales old ReplicaSets down only within maxUnavailable, unhealthy ones first', () => {
    const newRS = { key: 'new', replicas: 3, available: 0, created: 2 };
    // all = 13, minAvailable = 8, new unavailable 3 → may scale down 2; available 10 → total 2.
    expect(scaleDownOld(10, 2, newRS, [{ key: 'old', replicas: 10, available: 10, created: 1 }])).toEqual(new Map([['old', 8]]));
    // an old RS with 2 unavailable replicas loses those first (cleanup), without touching availability
    expect(scaleDownOld(10, 2, newRS, [{ key: 'old', replicas: 10, available: 8, created: 1 }])).toEqual(new Map([['old', 8]]));
    expect(scaleDownOld(10, 2, { ...newRS, available: 3 }, [{ key: 'old', replicas: 8, available: 8, created: 1 }])).toEqual(new Map([['old', 5]]));
  });
});
