import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMeta } from '../../src/report/results-folder.js';
import { runCli } from '../support/cli.js';

const TINY = new URL('../fixtures/cli/tiny-batch.yaml', import.meta.url).pathname;
const tmp = (): string => mkdtempSync(join(tmpdir(), 'schedbench-claims-'));

/** tiny-batch with a claims list (YAML list items, flush left) written to a temporary file. */
function tinyWithClaims(claims: string): string {
  const indented = claims
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
  const text = readFileSync(TINY, 'utf8').replace('  title: Tiny batch (CLI tests)\n', `  title: Tiny batch (CLI tests)\n  claims:\n${indented}\n`);
  const file = join(tmp(), 'tiny-claims.yaml');
  writeFileSync(file, text);
  return file;
}

const claims = `- id: all-placed
  text: Every task is placed.
  metric: tasks_pending_end
  engines: [oracle]
  relation: between
  bounds: [0, 0]
- id: impossible
  text: The oracle places no task.
  metric: placements
  engines: [oracle]
  relation: '<'
  than: { value: 1 }
- id: needs-kubernetes
  text: Kubernetes places as many tasks as the oracle.
  metric: placements
  engines: [kubernetes]
  relation: '>='
  than: { engine: oracle }`;

describe('claims on the command line', () => {
  it('run prints a claims summary and each claim that fails or was not evaluated; a failed claim keeps exit code 0', async () => {
    const out = tmp();
    const r = await runCli(['run', tinyWithClaims(claims), '--engines', 'oracle', '--out', out, '--no-report']);
    expect(r.code).toBe(0);
    const text = r.stdout + r.stderr;
    expect(text).toContain('claims: 1 of 3 hold, 1 fail, 1 not evaluated (a failed claim does not change the exit code)');
    expect(text).toMatch(/FAILED tiny-batch\/impossible: The oracle places no task\. \[placements < 1; oracle seed 1: \d+ vs 1; oracle seed 2: \d+ vs 1\]/);
    expect(text).toContain(
      'NOT EVALUATED tiny-batch/needs-kubernetes: Kubernetes places as many tasks as the oracle. [placements >= placements (oracle): kubernetes did not run]',
    );
    expect(readMeta(out).scenarios[0]?.claims?.map((c) => c.id)).toEqual(['all-placed', 'impossible', 'needs-kubernetes']);
  });

  it('validate rejects a claim naming an unknown engine or runs.csv column, at its line, with a suggestion (exit 2)', async () => {
    const file = tinyWithClaims(claims.replace('engines: [kubernetes]', 'engines: [kubernetse]').replace('metric: tasks_pending_end', 'metric: tasks_pending'));
    const r = await runCli(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /tiny-claims\.yaml:9:\d+: metadata\.claims\[0\]\.metric: "tasks_pending" is not a runs\.csv column.*did you mean "tasks_pending_end"/,
    );
    expect(r.stderr).toMatch(/tiny-claims\.yaml:22:\d+: metadata\.claims\[2\]\.engines\[0\]: unknown engine "kubernetse".*did you mean "kubernetes"/);
  });
});
