import { describe, expect, it } from 'vitest';
import { proportionalSizes } from '../../../../src/engines/kubernetes/controllers/proportional-scaling.js';

describe('proportional scaling of a Deployment in the middle of a rollout', () => {
  const old = { key: 'old', replicas: 8, maxReplicasAnnotation: 13, created: 1 };
  const young = { key: 'new', replicas: 5, maxReplicasAnnotation: 13, created: 2 };
  const rows = [
    // allowed 20 + 5 = 25, 12 to add: old round(8×25/13) − 8 = 7, new round(5×25/13) − 5 = 5.
    { name: '10 → 20', desired: 20, surge: 5, want: { old: 15, new: 10 } },
    // allowed 5 + 2 = 7, 6 to remove: old round(8×7/13) − 8 = −4, new max(−2, −2).
    { name: '10 → 5', desired: 5, surge: 2, want: { old: 4, new: 3 } },
    { name: '10 → 0 empties both', desired: 0, surge: 0, want: { old: 0, new: 0 } },
  ];
  it.each(rows)('$name', ({ desired, surge, want }) => {
    expect(Object.fromEntries(proportionalSizes(desired, surge, [old, young], 13))).toEqual(want);
  });
});
