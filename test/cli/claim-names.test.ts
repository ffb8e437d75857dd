import { describe, expect, it } from 'vitest';
import { claimNameErrors } from '../../src/cli/scenario-files.js';
import { minimalScenarioYaml, scenarioFromYaml } from '../support/scenario.js';

/** The minimal scenario with one claim whose metric and engine are given. */
function withClaim(metric: string, engine = 'kubernetes'): string {
  return minimalScenarioYaml.replace(
    '  name: minimal\n',
    `  name: minimal\n  claims:\n    - id: c\n      text: a claim\n      metric: ${metric}\n      engines: [${engine}]\n      relation: '<'\n      than: { value: 1 }\n`,
  );
}

describe('the names a claim uses, checked against the vocabulary, the runs.csv columns and the engines', () => {
  it('accepts every form of metric', () => {
    for (const metric of ['jain', 'counter:share-avg:default', 'latency:scheduling:all:p99', 'series:util/cpu']) {
      expect(claimNameErrors(scenarioFromYaml(withClaim(metric), 'c.yaml'))).toEqual([]);
    }
  });

  it('places a bad metric prefix at its line and field path, with a suggestion', () => {
    expect(claimNameErrors(scenarioFromYaml(withClaim('countr:share-avg:a'), 'c.yaml'))).toEqual([
      'c.yaml:8:15: metadata.claims[0].metric: "countr:" is not a metric prefix: write <runs.csv column>, counter:<name>, latency:<metric>:<group>:<stat> or series:<name> (did you mean "counter:share-avg:a"?)',
    ]);
  });

  it('rejects a latency statistic that does not exist and a runs.csv column that does not exist', () => {
    expect(claimNameErrors(scenarioFromYaml(withClaim('latency:scheduling:all:p95'), 'c.yaml'))[0]).toContain(
      'metadata.claims[0].metric: "p95" is not a latency statistic',
    );
    expect(claimNameErrors(scenarioFromYaml(withClaim('sched_p50'), 'c.yaml'))[0]).toBe(
      'c.yaml:8:15: metadata.claims[0].metric: "sched_p50" is not a runs.csv column (did you mean "sched_p50_s"?)',
    );
  });

  it('rejects an engine that is not registered, with the nearest name', () => {
    expect(claimNameErrors(scenarioFromYaml(withClaim('jain', 'messo'), 'c.yaml'))).toEqual([
      'c.yaml:9:17: metadata.claims[0].engines[0]: unknown engine "messo" (engines: oracle, mesos, kubernetes, omega) (did you mean "mesos"?)',
    ]);
  });
});
