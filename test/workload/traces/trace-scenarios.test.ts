import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarios } from '../../../src/cli/scenario-files.js';
import { expandCluster } from '../../../src/workload/expand.js';
import { type TraceSpec } from '../../../src/workload/schema.js';
import { loadTraceTables } from '../../../src/workload/traces/trace-tables.js';

const NAMES = ['trace-alibaba-2017-day', 'trace-alibaba-2017-hour', 'omega-la'];

describe('bundled trace scenarios', () => {
  const loaded = loadScenarios(NAMES);
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  const byName = new Map(loaded.scenarios.map((s) => [s.doc.metadata.name, s]));

  it.each(NAMES)('%s validates, states its assumptions and names a file in the repository', (name) => {
    const s = byName.get(name);
    expect(s).toBeDefined();
    const traces = s?.doc.spec.workloads.filter((w): w is TraceSpec => w.kind === 'Trace') ?? [];
    expect(traces.length).toBeGreaterThan(0);
    for (const w of traces) expect(existsSync(`${dirname(s?.file ?? '')}/${w.file}`)).toBe(true);
    expect(s?.doc.metadata.description).toMatch(/assum|every task of a job/i);
  });

  it('the day replays all 80,553 tasks and 11.9 M instances of the Alibaba 2017 table', async () => {
    const s = byName.get('trace-alibaba-2017-day');
    if (!s) throw new Error('missing');
    const tables = await loadTraceTables(s.doc, dirname(s.file), expandCluster(s.doc));
    const t = tables.get('batch');
    expect(t?.length).toBe(80_553);
    expect(t?.invalidRows).toBe(0);
    expect(t ? t.instances.reduce((a, b) => a + b, 0) : 0).toBe(11_909_321);
  });

  it('omega-la splits the job list into 129,108 batch and 12,866 service jobs, 13.15 M tasks in all', async () => {
    const s = byName.get('omega-la');
    if (!s) throw new Error('missing');
    const tables = await loadTraceTables(s.doc, dirname(s.file), expandCluster(s.doc));
    expect(tables.get('batch')?.length).toBe(129_108);
    expect(tables.get('service')?.length).toBe(12_866);
    const tasks = [...tables.values()].reduce((n, t) => n + t.instances.reduce((a, b) => a + b, 0), 0);
    expect(tasks).toBe(13_152_978);
  });
});
