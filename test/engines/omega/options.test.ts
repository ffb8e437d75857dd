import { describe, expect, it } from 'vitest';
import { defaultOmegaOptions, parseOmegaOptions } from '../../../src/engines/omega/index.js';
import { thinkTimeOf } from '../../../src/engines/omega/options.js';

describe('omega options', () => {
  it('default to the paper’s setup: t_job 0.1 s, t_task 5 ms, resource fit, incremental, one scheduler per workload type', () => {
    const o = defaultOmegaOptions();
    expect(o.thinkTime).toEqual({ tJob: 100_000, tTask: 5_000 });
    expect(o.conflictMode).toBe('resource-fit');
    expect(o.transactionMode).toBe('incremental');
    expect(o.partition).toBe('workload-type');
    expect(o.retryDelay).toBe(1_000_000);
    expect(o.pollPeriod).toBe(5_000_000);
  });

  it('lays a group’s own think time over the engine-wide one', () => {
    const r = parseOmegaOptions({ thinkTime: { tTask: '1ms' }, thinkTimes: { service: { tJob: '10s' } } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(thinkTimeOf(r.options, 'service')).toEqual({ tJob: 10_000_000, tTask: 1_000 });
    expect(thinkTimeOf(r.options, 'batch')).toEqual({ tJob: 100_000, tTask: 1_000 });
  });

  it('names the field of a bad value and refuses unknown fields', () => {
    const r = parseOmegaOptions({ conflictMode: 'optimistic', colour: 1 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['conflictMode']));
    expect(r.issues.length).toBe(2);
  });

  it('refuses a poll period of 0', () => {
    expect(parseOmegaOptions({ pollPeriod: 0 }).ok).toBe(false);
  });
});
