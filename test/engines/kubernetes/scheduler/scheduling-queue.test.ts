import { describe, expect, it } from 'vitest';
import { SchedulingQueue } from '../../../../src/engines/kubernetes/scheduler/scheduling-queue.js';
import { defaultOptions } from '../../../../src/engines/kubernetes/options.js';
import { miniContext } from '../mini-context.js';
import { pod } from './fixtures.js';

function queue(popFromBackoffQ = false) {
  const m = miniContext();
  const q = new SchedulingQueue(m.ctx, { ...defaultOptions().scheduler, popFromBackoffQ }, () => undefined);
  return { ...m, q };
}

describe('SchedulingQueue', () => {
  it('pops by priority, then by enqueue time', () => {
    const { q, sim } = queue();
    q.add(pod('low', {}, { priority: 1 }));
    sim.run(1000 as never);
    q.add(pod('high', {}, { priority: 9 }));
    q.add(pod('low2', {}, { priority: 1 }));
    expect([q.pop()?.pod.name, q.pop()?.pod.name, q.pop()?.pod.name]).toEqual(['high', 'low', 'low2']);
  });

  const backoffs = [
    { attempts: 0, seconds: 0 },
    { attempts: 1, seconds: 1 },
    { attempts: 2, seconds: 2 },
    { attempts: 3, seconds: 4 },
    { attempts: 4, seconds: 8 },
    { attempts: 5, seconds: 10 },
    { attempts: 9, seconds: 10 },
  ];
  it.each(backoffs)('back-off after $attempts failures is $seconds s', ({ attempts, seconds }) => {
    expect(queue().q.backoffDuration(attempts)).toBe(seconds * 1e6);
  });

  it('keeps a rejected pod in the pool until a relevant event, then backs it off', () => {
    const { q, runTo } = queue();
    q.add(pod('p'));
    const popped = q.pop();
    expect(popped).toBeDefined();
    q.unschedulableAttempt('default/p', new Set(['TaintToleration']));
    expect(q.isUnschedulable('default/p')).toBe(true);
    q.onClusterEvent('AssignedPodDelete'); // cannot help a taint rejection
    expect(q.isUnschedulable('default/p')).toBe(true);
    q.onClusterEvent('NodeTaintRemoved');
    expect(q.sizes()).toMatchObject({ unschedulable: 0, backoff: 1 });
    runTo(1.5); // 1 s back-off, flushed on the 1 s tick
    expect(q.sizes()).toMatchObject({ backoff: 0, active: 1 });
  });

  it('sends a pod rejected after an event that arrived during its cycle straight to backoffQ', () => {
    const { q } = queue();
    q.add(pod('p'));
    q.pop();
    q.onClusterEvent('NodeAdd');
    q.unschedulableAttempt('default/p', new Set(['NodeResourcesFit']));
    expect(q.sizes()).toMatchObject({ unschedulable: 0, backoff: 1 });
  });

  it('flushes pods older than 5 min from the pool on the 30 s sweep', () => {
    const { q, runTo } = queue();
    q.add(pod('p'));
    q.pop();
    q.unschedulableAttempt('default/p', new Set(['NodeAffinity']));
    runTo(299);
    expect(q.isUnschedulable('default/p')).toBe(true);
    runTo(331);
    expect(q.isUnschedulable('default/p')).toBe(false);
    expect(q.sizes().active).toBe(1);
  });

  it('pops from backoffQ when activeQ is empty (SchedulerPopFromBackoffQ)', () => {
    const { q } = queue(true);
    q.add(pod('p'));
    q.pop();
    q.errorAttempt('default/p');
    expect(q.pop()?.pod.name).toBe('p');
  });
});
