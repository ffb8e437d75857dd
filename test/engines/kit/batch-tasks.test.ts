import { describe, expect, it } from 'vitest';
import { NO_CONSTRAINTS } from '../../../src/cluster/constraints.js';
import { type PodRequests } from '../../../src/cluster/pod-requests.js';
import { resources } from '../../../src/cluster/resources.js';
import { BatchTasks } from '../../../src/engines/kit/index.js';
import { type BatchTask, type JobSubmitted, type JobTasks } from '../../../src/intents/index.js';
import { type SimDuration } from '../../../src/sim/time.js';

const SHAPE = { resources: resources({ cpu: 500, memory: 2 ** 28 }), runFor: 7_000_000 as SimDuration, firstAttempt: 'finished' as const };

function job(name: string, tasks: JobTasks): JobSubmitted['job'] {
  return { name, workload: 'w', tenant: 't', priority: 0, constraints: NO_CONSTRAINTS, tasks, sync: false };
}

/** The list a count-form job stands for. */
function listOf(name: string, count: number): BatchTask[] {
  return Array.from({ length: count }, (_, index) => ({ index, key: `${name}#${index}`, ...SHAPE }));
}

describe('BatchTasks (the kit accessor of a job’s tasks)', () => {
  it('reads a count-form job as the list it stands for, field by field and task by task', () => {
    const uniform = new BatchTasks(job('j', { count: 4, shape: SHAPE }));
    const list = new BatchTasks(job('j', listOf('j', 4)));
    expect(uniform.count).toBe(4);
    expect([...uniform]).toEqual([...list]);
    for (let i = 0; i < 4; i++) {
      expect(uniform.at(i)).toEqual(list.at(i));
      expect(uniform.key(i)).toBe(`j#${i}`);
      expect(uniform.resources(i)).toBe(SHAPE.resources);
      expect(uniform.runFor(i)).toBe(SHAPE.runFor);
      expect(uniform.firstAttempt(i)).toBe('finished');
    }
    expect([...uniform.range(1, 3)].map((t) => t.key)).toEqual(['j#1', 'j#2']);
  });

  it('gives the shape only for the count form, and a list’s own task objects', () => {
    const tasks = listOf('k', 2);
    const list = new BatchTasks(job('k', tasks));
    expect(list.shape).toBeUndefined();
    expect(list.at(1)).toBe(tasks[1]);
    expect(new BatchTasks(job('k', { count: 2, shape: SHAPE })).shape).toBe(SHAPE);
  });

  it('makes a count-form task only when asked, a fresh object each time', () => {
    const tasks = new BatchTasks(job('big', { count: 13_000_000, shape: SHAPE }));
    expect(tasks.count).toBe(13_000_000);
    expect(tasks.at(12_999_999)).toEqual({ index: 12_999_999, key: 'big#12999999', ...SHAPE });
    expect(tasks.at(5)).not.toBe(tasks.at(5));
  });

  it('keeps a pod of the shape on each task, and none when the shape has none', () => {
    const pod: PodRequests = { containers: [], initContainers: [] };
    const withPod = new BatchTasks(job('p', { count: 1, shape: { ...SHAPE, pod } }));
    expect(withPod.at(0).pod).toBe(pod);
    expect('pod' in new BatchTasks(job('q', { count: 1, shape: SHAPE })).at(0)).toBe(false);
  });

  it('refuses a task outside the job, naming the job', () => {
    expect(() => new BatchTasks(job('x', { count: 2, shape: SHAPE })).at(2)).toThrow(/job x has no task 2 \(it has 2\)/);
    expect(() => new BatchTasks(job('x', { count: 2, shape: SHAPE })).at(-1)).toThrow(/job x has no task -1/);
    expect(() => new BatchTasks(job('y', listOf('y', 1))).at(1)).toThrow(/job y has no task 1 \(it has 1\)/);
  });

  it('puts back one task as a list of its own', () => {
    const t = listOf('r', 3)[2] as BatchTask;
    const one = BatchTasks.list('r', [t]);
    expect(one.count).toBe(1);
    expect(one.at(0)).toBe(t);
    expect(one.key(0)).toBe('r#2');
  });
});
