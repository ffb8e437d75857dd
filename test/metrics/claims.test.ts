import { describe, expect, it } from 'vitest';
import { formatMetric, parseMetric } from '../../src/metrics/claims.js';

describe('parseMetric', () => {
  it.each([
    ['jain', { kind: 'run', column: 'jain' }],
    ['counter:share-avg:a', { kind: 'counter', name: 'share-avg:a' }],
    ['counter:counter:revive', { kind: 'counter', name: 'counter:revive' }],
    ['latency:sync-informed:all:p50', { kind: 'latency', metric: 'sync-informed', group: 'all', stat: 'p50' }],
    ['series:locked/cpu', { kind: 'series', name: 'locked/cpu' }],
  ])('reads %s and writes it back the same', (text, ref) => {
    const r = parseMetric(text);
    expect(r).toEqual({ ok: true, ref });
    if (r.ok) expect(formatMetric(r.ref)).toBe(text);
  });

  it.each([
    ['Jain', 'is not a metric'],
    ['latency:scheduling:all', 'is not latency:<metric>:<group>:<stat>'],
    ['latency:scheduling:all:p95', '"p95" is not a latency statistic'],
    ['series:', 'names no series'],
    ['gauge:x', '"gauge:" is not a metric prefix'],
  ])('rejects %s: %s', (text, message) => {
    const r = parseMetric(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(message);
  });

  it('suggests the prefix meant', () => {
    expect(parseMetric('counters:share-avg:a')).toMatchObject({ ok: false, suggestion: 'counter:share-avg:a' });
    expect(parseMetric('serie:util/cpu')).toMatchObject({ ok: false, suggestion: 'series:util/cpu' });
  });
});
