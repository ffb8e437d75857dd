import { describe, expect, it } from 'vitest';
import { BORG_DEFAULTS } from '../../../src/engines/borg/defaults.js';
import { defaultBorgOptions, parseBorgOptions } from '../../../src/engines/borg/options.js';

describe('borg options', () => {
  it('fills every default from defaults.ts', () => {
    const o = defaultBorgOptions();
    expect(o).toEqual({
      pollInterval: BORG_DEFAULTS.pollInterval,
      missedPolls: BORG_DEFAULTS.missedPolls,
      thinkTime: BORG_DEFAULTS.thinkTime,
      score: 'hybrid',
      feasibleSample: BORG_DEFAULTS.feasibleSample,
      preemption: true,
    });
  });

  it('reads durations and policies as scenarios write them', () => {
    const r = parseBorgOptions({ pollInterval: '5s', score: 'best-fit', thinkTime: { perJob: '1s' } });
    expect(r.ok && r.options).toMatchObject({ pollInterval: 5_000_000, score: 'best-fit', thinkTime: { perJob: 1_000_000, perTask: 5_000 } });
  });

  it('refuses unknown fields and bad values, naming the field', () => {
    const r = parseBorgOptions({ score: 'first-fit', missedPolls: 0, pollInterval: '0', extra: 1 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['score', 'missedPolls', 'pollInterval']));
    expect(r.issues.some((i) => i.message.includes('extra'))).toBe(true);
  });
});
