import { describe, expect, it } from 'vitest';
import { explainFile } from '../../../src/report/explain/explain-records.js';
import { findDecisions, knownNames, launchedTasks } from '../../../src/report/explain/find-decisions.js';
import { explainFolder } from './records.js';

describe('findDecisions', () => {
  const file = explainFile(explainFolder());

  it('finds a pod’s cycles in the first trial that has them, and names the other trials', async () => {
    const found = await findDecisions(file, { pod: 'web-0' });
    expect(found.trials).toEqual(['s/kubernetes/seed-1', 's/kubernetes/seed-2']);
    expect(found.trial).toBe('s/kubernetes/seed-1');
    expect(found.decisions.map((d) => d.record.time)).toEqual([1, 2.5]);
    const second = await findDecisions(file, { pod: 'web-0' }, 's/kubernetes/seed-2');
    expect(second.decisions).toHaveLength(1);
    expect((await findDecisions(file, { pod: 'web-0' }, 'no/such/trial')).trial).toBeUndefined();
  });

  it('finds a task as an oracle placement, or as the Mesos reply that launched it with the offer it answers', async () => {
    const oracle = await findDecisions(file, { task: 'job#0.0' }, 's/oracle/seed-1');
    expect(oracle.decisions.map((d) => d.record.type)).toEqual(['placement']);
    const mesos = await findDecisions(file, { task: 'job#0.1' });
    expect(mesos.trials).toEqual(['s/mesos/seed-1']);
    const [reply] = mesos.decisions;
    expect(reply?.record.type).toBe('offer-reply');
    // The last offer of the same agent to the same framework before the reply (not the earlier one, not agent b's).
    expect(reply?.offer?.time).toBe(3);
    if (reply) expect(launchedTasks(reply.record)).toEqual(['job#0.0', 'job#0.1']);
  });

  it('finds a Kubernetes pod by --task too (a pod is named by its task instance)', async () => {
    expect((await findDecisions(file, { task: 'web-0' })).decisions).toHaveLength(2);
  });

  it('lists the known names for a suggestion', async () => {
    expect(await knownNames(file, { pod: 'x' })).toEqual(['web-0']);
    expect((await knownNames(file, { task: 'x' })).sort()).toEqual(['job#0.0', 'web-0']);
  });
});
