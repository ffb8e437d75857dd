import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeSetup } from '../../src/cli/scenario-setup.js';
import { loadScenarioFile } from '../../src/workload/load.js';
import { type ScenarioDoc } from '../../src/workload/schema.js';

const SCENARIOS = join(import.meta.dirname, '../../scenarios');

function doc(name: string): ScenarioDoc {
  const load = loadScenarioFile(join(SCENARIOS, `${name}.yaml`));
  if (!load.ok) throw new Error(`cannot load ${name}: ${JSON.stringify(load.errors)}`);
  return load.scenario.doc;
}

describe('describeSetup', () => {
  it('writes singular and plural forms, never "(s)" or "1 nodes"', () => {
    const text = describeSetup(doc('drf-paper-example'));
    expect(text).toMatch(/^1 node: one named node\./);
    expect(text).toContain('one job of 8 tasks');
    for (const name of ['steady-batch', 'multi-tenant-sharing', 'node-failure-tuned', 'decision-time-sweep', 'drf-paper-example']) {
      const en = describeSetup(doc(name));
      expect(en, name).not.toMatch(/\(s\)|\b1 nodes\b|\b1 tasks\b|\b1 replicas\b/);
    }
  });

  it('names engine settings in words, without JSON', () => {
    const tuned = describeSetup(doc('node-failure-tuned'));
    expect(tuned).not.toMatch(/[{}"=]/);
    expect(tuned).toContain('Kubernetes node lifecycle grace period 20s');
    expect(tuned).toContain('Mesos agent ping timeout 5s');
    const sweep = describeSetup(doc('decision-time-sweep'));
    expect(sweep).toContain('Mesos service framework t_job 100ms');
    expect(sweep).toContain('Sweep: Mesos service framework t_job over 100ms, 1s, 10s, 100s.');
    expect(sweep).not.toContain('spec.engines');
  });

  it('writes the Chinese paragraph without raw paths or JSON either', () => {
    const zh = describeSetup(doc('decision-time-sweep'), 'zh-CN');
    expect(zh).toContain('Mesos service 框架的 t_job 为 100ms');
    expect(zh).not.toMatch(/[{}"]|spec\.engines/);
    expect(describeSetup(doc('drf-paper-example'), 'zh-CN')).toMatch(/^1 个节点：1 个具名节点。/);
  });
});
