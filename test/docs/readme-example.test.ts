import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planTrials } from '../../src/runner/plan.js';
import { ENGINE_NAMES } from '../../src/engines/registry.js';
import { claimNameProblems } from '../../src/cli/claim-names.js';
import { formatScenarioErrors, parseScenarioText } from '../../src/workload/load.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('shows a scenario example that validates, engine options included', () => {
    const example = /```yaml\n([\s\S]*?)```/.exec(README)?.[1];
    expect(example).toBeDefined();
    const r = parseScenarioText(example as string, 'README.md');
    expect(r.ok ? '' : formatScenarioErrors(r.errors)).toBe('');
    if (!r.ok) return;
    const plan = planTrials([r.scenario], { engines: [...ENGINE_NAMES] });
    expect(plan.ok ? [] : plan.errors).toEqual([]);
  });

  it('shows a claims example that validates in a scenario with two tenants and a sweep', () => {
    const example = /```yaml\n(metadata:\n  claims:[\s\S]*?)```/.exec(README)?.[1];
    expect(example).toBeDefined();
    const text =
      (example as string).replace('metadata:\n', 'apiVersion: schedbench/v1\nkind: Scenario\nmetadata:\n  name: claims-example\n') +
      `spec:
  duration: 150s
  cluster: { nodeGroups: [{ name: node, count: 2, resources: { cpu: 4, memory: 16Gi } }] }
  latency: { rpc: 1ms }
  sweep: { parameter: spec.latency.rpc, values: [100ms, 1s] }
`;
    const r = parseScenarioText(text, 'README.md');
    expect(r.ok ? '' : formatScenarioErrors(r.errors)).toBe('');
    if (r.ok) expect(claimNameProblems(r.scenario.doc, ENGINE_NAMES)).toEqual([]);
  });

  it('names the two commands a new user runs, and .ci/run runs exactly the test one', () => {
    expect(README).toContain('npm ci && npm run bench');
    expect(README).toContain('npm test');
    const ci = readFileSync(new URL('../../.ci/run', import.meta.url), 'utf8');
    expect(ci).toMatch(/^npm ci$/m);
    expect(ci).toMatch(/^npm test$/m);
  });
});
