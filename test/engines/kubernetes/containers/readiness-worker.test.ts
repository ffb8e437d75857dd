import { describe, expect, it } from 'vitest';
import { ReadinessWorker } from '../../../../src/engines/kubernetes/containers/readiness-worker.js';

describe('ReadinessWorker (kubelet readiness probe results)', () => {
  it('starts not ready and becomes ready on the first success (successThreshold 1)', () => {
    const w = new ReadinessWorker(3);
    expect(w.isReady).toBe(false);
    expect(w.observe(false)).toBe(false);
    expect(w.observe(true)).toBe(true);
    expect(w.isReady).toBe(true);
    expect(w.observe(true)).toBe(false);
  });

  it('needs failureThreshold consecutive failures to mark a ready container not ready', () => {
    const w = new ReadinessWorker(3);
    w.observe(true);
    expect([w.observe(false), w.observe(false)]).toEqual([false, false]);
    expect(w.observe(true)).toBe(false);
    expect([w.observe(false), w.observe(false), w.observe(false)]).toEqual([false, false, true]);
    expect(w.isReady).toBe(false);
  });

  it('fails at once when the container stops, and a new container starts over not ready', () => {
    const w = new ReadinessWorker(3);
    w.observe(true);
    expect(w.notRunning()).toBe(true);
    expect(w.isReady).toBe(false);
    w.newContainer();
    expect(w.isReady).toBe(false);
    expect(w.observe(true)).toBe(true);
  });
});
