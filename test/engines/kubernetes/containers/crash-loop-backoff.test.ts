import { describe, expect, it } from 'vitest';
import { CrashLoopBackoff } from '../../../../src/engines/kubernetes/containers/crash-loop-backoff.js';
import { type SimDuration, type SimTime } from '../../../../src/sim/time.js';

const S = 1_000_000;
const t = (s: number): SimTime => (s * S) as SimTime;

/** Crash a container every `runFor` seconds of running, restarting as soon as the back-off allows; the waits. */
function waits(b: CrashLoopBackoff, count: number, runFor: number): number[] {
  const out: number[] = [];
  let now = 0;
  for (let i = 0; i < count; i++) {
    const exitedAt = t(now);
    const wait = b.remaining('p', exitedAt, exitedAt) / S;
    out.push(wait);
    now += wait;
    b.next('p', exitedAt, t(now));
    now += runFor;
  }
  return out;
}

describe('CrashLoopBackoff (kubelet container restart back-off)', () => {
  const config = { initial: (10 * S) as SimDuration, max: (300 * S) as SimDuration };

  it('restarts the first exit at once, then waits 10 s, 20 s, 40 s … capped at 5 min', () => {
    expect(waits(new CrashLoopBackoff(config), 9, 1)).toEqual([0, 10, 20, 40, 80, 160, 300, 300, 300]);
  });

  it('counts the wait from the exit: an exit noticed late waits only what is left', () => {
    const b = new CrashLoopBackoff(config);
    b.next('p', t(0), t(0));
    expect(b.remaining('p', t(5), t(9)) / S).toBe(6);
    expect(b.remaining('p', t(5), t(15)) / S).toBe(0);
  });

  it('starts over once the container ran more than 2 × max (10 min) since its last restart', () => {
    const b = new CrashLoopBackoff(config);
    for (let i = 0; i < 5; i++) b.next('p', t(i), t(i));
    expect(b.current('p') / S).toBe(160);
    expect(b.remaining('p', t(4 + 599), t(4 + 599)) / S).toBe(160);
    expect(b.remaining('p', t(4 + 601), t(4 + 601))).toBe(0);
    b.next('p', t(4 + 601), t(4 + 601));
    expect(b.current('p') / S).toBe(10);
  });

  it('keeps containers apart and forgets a pod that left', () => {
    const b = new CrashLoopBackoff(config);
    b.next('a', t(0), t(0));
    expect(b.remaining('b', t(1), t(1))).toBe(0);
    b.forget('a');
    expect(b.remaining('a', t(1), t(1))).toBe(0);
  });
});
