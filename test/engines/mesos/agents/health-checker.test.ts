import { describe, expect, it } from 'vitest';
import { HealthChecker } from '../../../../src/engines/mesos/agents/health-checker.js';
import { defaultMesosOptions } from '../../../../src/engines/mesos/options.js';
import { miniContext } from '../../kubernetes/mini-context.js';

/*
 * Mesos-native health checks with Marathon's defaults: first check 15 s after the task runs, then
 * every 60 s; failures ignored for 300 s from the start until the task was healthy once; 3
 * consecutive failures kill the task. The probe here is a switch the test flips.
 */
function bench(healthyFrom: number, healthyUntil = Number.POSITIVE_INFINITY) {
  const m = miniContext();
  const checker = new HealthChecker(m.ctx);
  const reports: [number, boolean][] = [];
  const kills: number[] = [];
  const now = (): number => m.sim.now() / 1e6;
  checker.start({
    id: 't1',
    options: defaultMesosOptions().service.healthCheck,
    probe: () => now() >= healthyFrom && now() < healthyUntil,
    report: (h) => reports.push([now(), h]),
    kill: () => kills.push(now()),
  });
  return { m, checker, reports, kills };
}

describe('HealthChecker (Marathon MESOS_HTTP defaults: delay 15 s, interval 60 s, grace 300 s, 3 failures)', () => {
  it('reports healthy at the first passing check, and only once while it stays healthy', () => {
    const b = bench(30);
    b.m.runTo(400);
    // 15 s fails inside the grace period (not reported); 75 s passes; 135 s … pass silently.
    expect(b.reports).toEqual([[75, true]]);
    expect(b.kills).toEqual([]);
  });

  it('ignores failures in the grace period, then reports each failure and kills after the third', () => {
    const b = bench(Number.POSITIVE_INFINITY);
    b.m.runTo(1000);
    // Checks at 15, 75, …, 255 are in the 300 s grace period; 315, 375 and 435 count.
    expect(b.reports).toEqual([
      [315, false],
      [375, false],
      [435, false],
    ]);
    expect(b.kills).toEqual([435]);
  });

  it('ends the grace period at the first pass: a later failure counts at once', () => {
    const b = bench(30, 100);
    b.m.runTo(300);
    expect(b.reports).toEqual([
      [75, true],
      [135, false],
      [195, false],
      [255, false],
    ]);
    expect(b.kills).toEqual([255]);
  });

  it('stops checking a task that is gone', () => {
    const b = bench(30);
    b.m.runTo(20);
    b.checker.stop('t1');
    b.m.runTo(400);
    expect(b.reports).toEqual([]);
  });
});
