import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planTrials } from '../../src/runner/plan.js';
import { ENGINE_NAMES } from '../../src/engines/registry.js';
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

  it('names the two commands a new user runs, and .ci/run runs exactly the test one', () => {
    expect(README).toContain('npm ci && npm run bench');
    expect(README).toContain('npm test');
    const ci = readFileSync(new URL('../../.ci/run', import.meta.url), 'utf8');
    expect(ci).toMatch(/^npm ci$/m);
    expect(ci).toMatch(/^npm test$/m);
  });
});
