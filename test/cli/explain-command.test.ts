import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const BATCH = new URL('../fixtures/cli/tiny-batch.yaml', import.meta.url).pathname;

describe('schedbench explain', () => {
  let full = '';
  let top = '';
  beforeAll(async () => {
    full = join(mkdtempSync(join(tmpdir(), 'schedbench-explain-cli-')), 'full');
    top = join(mkdtempSync(join(tmpdir(), 'schedbench-explain-cli-')), 'top');
    const engines = ['--engines', 'kubernetes,oracle,mesos', '--seeds', '1', '--workers', '0', '-q', '--no-report'];
    // `--explain=full` before the scenario, and a bare `--explain` right before it: the scenario is not taken for a level.
    expect((await runCli(['run', '--explain=full', BATCH, ...engines, '--out', full])).code).toBe(0);
    expect((await runCli(['run', '--explain', BATCH, ...engines, '--out', top])).code).toBe(0);
  }, 120_000);

  it('prints a pod’s scheduling cycle as nodes × score plugins, every feasible node listed at level full', async () => {
    const r = await runCli(['explain', full, '--pod', 'jobs-0-0-0']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('tiny-batch/kubernetes/seed-1: kube-scheduler cycle for pod jobs-0-0-0');
    expect(r.stdout).toMatch(/node\s+TaintToleration ×3\s+NodeResourcesFit ×1\s+NodeResourcesBalancedAllocation ×1\s+total/);
    expect(r.stdout).toContain('Listed: all 5 feasible nodes.');
    expect(r.stdout).toContain('NodeAffinity (weight 2): PreScore returned Skip');
    const chosen = /Chosen node: (node-\d)/.exec(r.stdout)?.[1];
    expect(r.stdout).toMatch(new RegExp(`\\*\\s+${chosen ?? '?'}\\s`));
  });

  it('changes only explain.jsonl with the level: every other results file is the same', () => {
    for (const f of ['runs.csv', 'latency.csv', 'cdf.csv', 'convergence.csv', 'timeseries.csv', 'counters.csv'])
      expect(readFileSync(join(full, f), 'utf8'), f).toBe(readFileSync(join(top, f), 'utf8'));
    expect(readFileSync(join(full, 'explain.jsonl'), 'utf8').length).toBeGreaterThan(readFileSync(join(top, 'explain.jsonl'), 'utf8').length);
  });

  it('lists the best three by default and says how to see every node', async () => {
    const r = await runCli(['explain', top, '--pod', 'jobs-0-0-0']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('3 of 5 feasible nodes (run with --explain=full to list every node)');
  });

  it('explains a task of the oracle and of Mesos by its id', async () => {
    const oracle = await runCli(['explain', full, '--task', 'jobs-0#0.0']);
    expect(oracle.code).toBe(0);
    expect(oracle.stdout).toContain('tiny-batch/oracle/seed-1: oracle placement of task jobs-0#0.0');
    const mesos = await runCli(['explain', full, '--task', 'jobs-0#0.1']);
    expect(mesos.code).toBe(0);
    expect(mesos.stdout).toMatch(/tiny-batch\/mesos\/seed-1: Mesos offer o\d+ of agent node-\d to framework/);
    expect(mesos.stdout).toContain('DRF walk up to this framework');
  });

  it('refuses bad input with a message and exit code 2', async () => {
    const typo = await runCli(['explain', full, '--pod', 'jobs-0-0-O']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/no decision about pod jobs-0-0-O \(did you mean "jobs-0-0-0"\?\)/);
    expect((await runCli(['explain', full])).stderr).toMatch(/--pod NAME .* or --task ID/);
    expect((await runCli(['explain', full, '--pod', 'a', '--task', 'b'])).code).toBe(2);
    expect((await runCli(['explain', full, '--pod', 'jobs-0-0-0', '--cycle', '9'])).stderr).toMatch(/--cycle 9: pod jobs-0-0-0 has 1 decision\(s\)/);
    expect((await runCli(['explain', full, '--pod', 'jobs-0-0-0', '--trial', 'x/y/seed-1'])).stderr).toMatch(
      /in trial x\/y\/seed-1; it has some in: tiny-batch\/kubernetes\/seed-1/,
    );
    const noExplain = mkdtempSync(join(tmpdir(), 'schedbench-explain-cli-'));
    const none = await runCli(['explain', noExplain, '--pod', 'x']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/has no explain\.jsonl: the run was made without --explain/);
    const level = await runCli(['run', BATCH, '--explain=everything', '--out', join(noExplain, 'out'), '-q']);
    expect(level.code).toBe(2);
    expect(level.stderr).toMatch(/--explain=everything: no such level \(known: top, full/);
  });
});
