import { describe, expect, it } from 'vitest';
import { type TaskLaunch } from '../../../src/cluster/task.js';
import { type BorgTask } from '../../../src/engines/borg/borg-task.js';
import { Outboxes } from '../../../src/engines/borg/outboxes.js';
import { job, res, task } from './borg-fixtures.js';

/** A task assigned to a machine, its launch built. */
function assigned(id: string): BorgTask {
  const t = task(job(id), res(1, 1));
  t.state = 'assigned';
  t.launch = { id, workload: id, tenant: 'default', priority: 0, resources: t.resources } as TaskLaunch;
  return t;
}

describe('Outboxes', () => {
  it('hands a machine its launches, kills and full-state ask with the next poll, once, and marks the launches sent', () => {
    const boxes = new Outboxes(2);
    const a = assigned('a');
    boxes.launch(0, a);
    boxes.kill(0, 'old');
    boxes.askFull(0);
    const req = boxes.take(0, 7);
    expect(req).toEqual({ kills: ['old'], launches: [a.launch], full: true });
    expect(a.state).toBe('sent');
    expect(a.sentSeq).toBe(7);
    expect(boxes.take(0, 8)).toEqual({ kills: [], launches: [], full: false });
    expect(boxes.take(1, 1)).toEqual({ kills: [], launches: [], full: false });
  });

  it('drops a launch cancelled before its poll, and everything outstanding when the machine goes down', () => {
    const boxes = new Outboxes(1);
    const a = assigned('a');
    const b = assigned('b');
    boxes.launch(0, a);
    boxes.launch(0, b);
    boxes.cancel(0, a);
    boxes.cancel(0, assigned('never-queued'));
    expect(boxes.take(0, 1).launches).toEqual([b.launch]);
    boxes.launch(0, a);
    boxes.kill(0, 'x');
    boxes.askFull(0);
    boxes.clear(0);
    // The ask for the full state outlives the clear: a machine marked down is asked for it when it answers again.
    expect(boxes.take(0, 2)).toEqual({ kills: [], launches: [], full: true });
  });

  it('remembers what a machine marked down ran, until its full list was read', () => {
    const boxes = new Outboxes(1);
    const a = assigned('a');
    boxes.remember(0, a);
    boxes.remember(0, task(job('unlaunched'), res(1, 1)));
    expect(boxes.former(0, 'a')).toEqual({ resources: res(1, 1) });
    expect(boxes.former(0, 'unlaunched')).toBeUndefined();
    boxes.forget(0);
    expect(boxes.former(0, 'a')).toBeUndefined();
  });
});
