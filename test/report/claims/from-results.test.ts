import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { claimDataFromTrials } from '../../../src/report/claims/from-trials.js';
import { claimDataFromView } from '../../../src/report/claims/from-results.js';
import { readResults } from '../../../src/report/read-results.js';
import { type RunMeta, writeResultsFolder } from '../../../src/report/results-folder.js';
import { scenarioViews } from '../../../src/report/scenario-view.js';
import { engineOptionsOrThrow } from '../../../src/runner/engine-options.js';
import { runTrial } from '../../../src/runner/trial.js';
import { scenarioFromYaml, scenarioYaml } from '../../support/scenario.js';

const dir = mkdtempSync(join(tmpdir(), 'schedbench-claims-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('claim data from a results folder and from results in memory', () => {
  it('holds the same numbers, so a claim gives the same verdict in the report and in the tests', () => {
    const scenario = scenarioFromYaml(
      scenarioYaml({
        name: 'same-numbers',
        workloads: `- kind: BatchJob
  name: jobs
  tasks: 3
  resources: { cpu: 1, memory: 1Gi }
  duration: 10s
  arrivals: { meanInterArrival: 5s, until: 40s }`,
      }),
    );
    const doc = scenario.doc;
    const results = ['oracle', 'kubernetes'].flatMap((engine, e) =>
      [1, 2].map((seed, s) =>
        runTrial({
          index: e * 2 + s,
          id: `same-numbers/${engine}/seed-${seed}`,
          scenario: 'same-numbers',
          doc,
          scenarioDir: dir,
          engine,
          engineOptions: engineOptionsOrThrow(doc, engine, 'same-numbers.yaml'),
          seed,
        }),
      ),
    );
    const meta: RunMeta = {
      tool: { name: 'schedbench', version: 'test' },
      gitCommit: null,
      node: 'test',
      command: 'test',
      engines: ['oracle', 'kubernetes'],
      planned: results.length,
      shard: null,
      scenarios: [{ name: 'same-numbers', file: '', hash: '', title: '', description: '', lesson: '', tags: [], seeds: [1, 2], sweep: null, setup: '' }],
    };
    writeResultsFolder(dir, meta, results, { workers: 1, startedAt: '' });
    const data = readResults(dir);
    const view = scenarioViews(data)[0];
    if (!view) throw new Error('no scenario in the folder');
    const fromFolder = claimDataFromView(view, data.latency);
    const inMemory = claimDataFromTrials(results);
    expect(fromFolder.trials.length).toBe(4);
    expect(fromFolder).toEqual(inMemory);
    expect(inMemory.trials[0]?.latency.size).toBeGreaterThan(0);
    expect(inMemory.trials[0]?.series.size).toBeGreaterThan(0);
  });
});
