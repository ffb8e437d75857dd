import { describe, expect, it } from 'vitest';
import { cycleInRange, decisionsText } from '../../../src/report/explain/decision-text.js';
import { explainFile } from '../../../src/report/explain/explain-records.js';
import { findDecisions } from '../../../src/report/explain/find-decisions.js';
import { explainFolder } from './records.js';

describe('decisionsText', () => {
  const file = explainFile(explainFolder());

  it('shows the last decision by default, after a list of all of them, and names the other trials', async () => {
    const found = await findDecisions(file, { pod: 'web-0' });
    const text = decisionsText(found).join('\n');
    expect(text).toContain('2 decisions in s/kubernetes/seed-1; showing decision 2 (choose another with --cycle N):');
    expect(text).toMatch(/\s+1\s+1\s+unschedulable: 0\/3 nodes are available/);
    expect(text).toMatch(/>\s+2\s+2\.5\s+placed on n2/);
    expect(text).toContain('kube-scheduler cycle for pod web-0 at 2.5 s');
    expect(text).toContain('Also in 1 other trial(s) (choose with --trial): s/kubernetes/seed-2');
    expect(decisionsText(found, 1).join('\n')).toContain('Unschedulable: 0/3 nodes are available');
    expect([cycleInRange(found, 0), cycleInRange(found, 2), cycleInRange(found, 3)]).toEqual([false, true, false]);
  });

  it('prints a single decision without the list', async () => {
    const text = decisionsText(await findDecisions(file, { task: 'job#0.1' }));
    expect(text[0]).toMatch(/^s\/mesos\/seed-1: Mesos offer o7/);
  });
});
