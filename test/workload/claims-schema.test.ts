import { describe, expect, it } from 'vitest';
import { parseScenarioText, type ScenarioError } from '../../src/workload/load.js';
import { minimalScenarioYaml } from '../support/scenario.js';

/** The minimal scenario with a `claims:` list (YAML list items, flush left) and optional zh-CN claim texts. */
function withClaims(claims: string, zhClaims?: string): string {
  const indented = claims
    .split('\n')
    .map((l) => (l.trim() ? `    ${l}` : l))
    .join('\n');
  const zh =
    zhClaims === undefined
      ? ''
      : `  translations:\n    zh-CN:\n      claims:\n${zhClaims
          .split('\n')
          .map((l) => `        ${l}`)
          .join('\n')}\n`;
  return minimalScenarioYaml.replace('  name: minimal\n', `  name: minimal\n  claims:\n${indented}\n${zh}`);
}

function errorsOf(yaml: string): readonly ScenarioError[] {
  const r = parseScenarioText(yaml, 'c.yaml');
  if (r.ok) throw new Error('expected the scenario to be rejected');
  return r.errors;
}

const good = `- id: fast
  text: Kubernetes places faster than Mesos.
  metric: sched_p50_s
  engines: [kubernetes]
  relation: '<'
  than: { engine: mesos }`;

describe('metadata.claims', () => {
  it('accepts a claim and fills its defaults: every seed, factor 1', () => {
    const r = parseScenarioText(withClaims(good, 'fast: Kubernetes 放置得更快。'), 'c.yaml');
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.scenario.doc.metadata.claims).toEqual([
      {
        id: 'fast',
        text: 'Kubernetes places faster than Mesos.',
        metric: 'sched_p50_s',
        engines: ['kubernetes'],
        relation: '<',
        than: { engine: 'mesos', factor: 1 },
        on: 'every-seed',
      },
    ]);
    expect(r.scenario.doc.metadata.translations['zh-CN']?.claims).toEqual({ fast: 'Kubernetes 放置得更快。' });
  });

  it('parses tolerances (absolute, percent), windows in seconds and ~= as ≈', () => {
    const r = parseScenarioText(
      withClaims(`- id: near
  text: near
  metric: series:util/cpu
  window: { from: 0, to: 30s }
  engines: [mesos]
  relation: '~='
  than: { engine: kubernetes }
  tolerance: 10%
- id: abs
  text: abs
  metric: jain
  engines: [mesos]
  relation: ≈
  than: { value: 1 }
  tolerance: 0.05`),
      'c.yaml',
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const [near, abs] = r.scenario.doc.metadata.claims;
    expect(near).toMatchObject({ relation: '≈', window: { from: 0, to: 30 }, tolerance: { kind: 'relative', fraction: 0.1 } });
    expect(abs).toMatchObject({ relation: '≈', tolerance: { kind: 'absolute', value: 0.05 } });
  });

  it('suggests the field meant for a misspelt key', () => {
    const errors = errorsOf(withClaims(good.replace('relation:', 'relaton:')));
    expect(errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'metadata.claims[0].relaton', message: 'unknown field', suggestion: 'relation' })]),
    );
  });

  it('wants bounds for between, than for the other relations, a tolerance for ≈', () => {
    expect(errorsOf(withClaims(good.replace("relation: '<'", 'relation: between')))).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'metadata.claims[0].bounds', message: 'relation between needs bounds: [low, high]' })]),
    );
    expect(errorsOf(withClaims(good.replace('  than: { engine: mesos }', '')))[0]).toMatchObject({
      path: 'metadata.claims[0].than',
      message: expect.stringContaining('needs than'),
    });
    expect(errorsOf(withClaims(good.replace("relation: '<'", 'relation: ≈')))[0]).toMatchObject({ path: 'metadata.claims[0].tolerance' });
  });

  it('rejects a window on a metric that is not a series', () => {
    expect(errorsOf(withClaims(`${good}\n  window: { from: 0, to: 10s }`))[0]).toMatchObject({
      path: 'metadata.claims[0].window',
      message: 'a window applies to a series: metric only',
    });
  });

  it('checks claims against the document: duplicate ids, windows past the end, tenants, sweeps, translations', () => {
    const errors = errorsOf(
      withClaims(
        `${good}
${good}
- id: late
  text: late
  metric: series:locked/cpu
  window: { from: 30s, to: 90s }
  engines: [mesos]
  relation: '<'
  than: { value: 0.5 }
- id: shares
  text: shares
  metric: counter:share-avg:defualt
  engines: [mesos]
  relation: '<'
  than: { value: 0.5 }
  sweepValues: [1s]`,
        'fsat: 错别字',
      ),
    );
    expect(errors.map((e) => [e.path, e.message, e.suggestion])).toEqual(
      expect.arrayContaining([
        ['metadata.claims[1].id', 'claim id "fast" is used twice', undefined],
        ['metadata.claims[2].window.to', 'the window ends at 90 s, after the run (spec.duration 60 s)', undefined],
        ['metadata.claims[3].metric', 'tenant "defualt" is not declared in spec.tenants (declared: default)', 'counter:share-avg:default'],
        ['metadata.claims[3].sweepValues', 'the scenario has no sweep', undefined],
        ['metadata.translations.zh-CN.claims.fsat', 'no claim has the id "fsat"', 'fast'],
      ]),
    );
    expect(errors.every((e) => e.line !== undefined)).toBe(true);
  });
});
