import { describe, expect, it } from 'vitest';
import { planConflicts, type GivenParts } from '../../src/cli/run-plan-record.js';
import { type RunPlanRecord } from '../../src/report/results-folder.js';

const RECORDED: RunPlanRecord = {
  scenarios: [{ name: 'a', file: 'scenarios/a.yaml', sha256: 'aa' }],
  engines: ['oracle', 'mesos'],
  seeds: null,
  detail: false,
  explain: true,
  shard: null,
  timeoutSeconds: null,
};
const NONE: GivenParts = { scenarios: false, engines: false, seeds: false, detail: false, explain: false, shard: false, timeoutSeconds: false };

describe('planConflicts', () => {
  it('compares only the parts the command line gives', () => {
    const other: RunPlanRecord = { ...RECORDED, engines: ['kubernetes'], seeds: [3], detail: true };
    expect(planConflicts(RECORDED, other, NONE)).toEqual([]);
    expect(planConflicts(RECORDED, other, { ...NONE, engines: true, seeds: true })).toEqual([
      'engines: the run has oracle,mesos; the command gives kubernetes',
      'seeds: the run has default; the command gives 3',
    ]);
  });

  it('tells scenarios apart by name and SHA-256, and shards by i/n', () => {
    const edited: RunPlanRecord = { ...RECORDED, scenarios: [{ name: 'a', file: 'scenarios/a.yaml', sha256: 'bb' }], shard: { i: 1, n: 2 } };
    expect(planConflicts(RECORDED, edited, { ...NONE, scenarios: true, shard: true })).toEqual([
      'scenarios: the run has a (scenarios/a.yaml, SHA-256 aa…); the command names a (scenarios/a.yaml, SHA-256 bb…)',
      'shard: the run has none; the command gives 1/2',
    ]);
    expect(
      planConflicts(RECORDED, { ...RECORDED }, { scenarios: true, engines: true, seeds: true, detail: true, explain: true, shard: true, timeoutSeconds: true }),
    ).toEqual([]);
  });

  it('tells the explain levels apart: off, top (the default) and full', () => {
    const full: RunPlanRecord = { ...RECORDED, explainLevel: 'full' };
    const off: RunPlanRecord = { ...RECORDED, explain: false };
    expect(planConflicts(RECORDED, full, { ...NONE, explain: true })).toEqual(['explain: the run has top; the command gives full']);
    expect(planConflicts(full, off, { ...NONE, explain: true })).toEqual(['explain: the run has full; the command gives off']);
    expect(planConflicts(full, { ...full }, { ...NONE, explain: true })).toEqual([]);
  });
});
