import { describe, expect, it } from 'vitest';
import { LatencySamples } from '../../src/metrics/latency-samples.js';

const key = (metric: string, group: string): string => `${metric}\u0000${group}`;

describe('LatencySamples', () => {
  it('files every record under the metric’s all group and its own group, in seconds', () => {
    const s = new LatencySamples();
    s.record('scheduling', 'web', 2_000_000);
    s.record('scheduling', 'batch', 1_000_000);
    s.record('scheduling', 'web', 4_000_000);
    expect(s.table.get(key('scheduling', 'all'))?.count).toBe(3);
    expect(s.table.get(key('scheduling', 'web'))?.count).toBe(2);
    expect(s.table.get(key('scheduling', 'web'))?.summary().max).toBe(4);
    expect(s.table.get(key('scheduling', 'batch'))?.summary().min).toBe(1);
  });

  it('adds a service demand’s record to its cause group too, which is the table’s cause:<cause> sample', () => {
    const s = new LatencySamples();
    s.record('startup', 'web', 1_000_000, 'rollout');
    s.record('startup', 'cause:rollout', 3_000_000);
    expect(s.table.get(key('startup', 'cause:rollout'))?.count).toBe(2);
    expect(s.table.get(key('startup', 'all'))?.count).toBe(2);
  });

  it('keeps metrics apart and makes the table in first-use order', () => {
    const s = new LatencySamples();
    s.record('job-wait', 'etl', 1);
    s.record('scheduling', 'etl', 1);
    expect([...s.table.keys()]).toEqual([key('job-wait', 'all'), key('job-wait', 'etl'), key('scheduling', 'all'), key('scheduling', 'etl')]);
  });

  it('counts censored latencies in the same groups, and ignores a count of 0', () => {
    const s = new LatencySamples();
    s.recordCensored('scheduling', 'web', 5_000_000, 0);
    expect(s.table.size).toBe(0);
    s.recordCensored('scheduling', 'web', 5_000_000, 2, 'scale');
    for (const group of ['all', 'web', 'cause:scale']) {
      expect(s.table.get(key('scheduling', group))?.count).toBe(2);
      expect(s.table.get(key('scheduling', group))?.censored).toBe(2);
    }
  });
});
