import { describe, expect, it } from 'vitest';
import { UnackedChanges } from '../../../../src/engines/kit/liveness/unacked-changes.js';

describe('UnackedChanges', () => {
  it('repeats a change in every reply until a poll acknowledges the first reply that carried it', () => {
    const log = new UnackedChanges<string>();
    log.add('a');
    expect(log.carry(1)).toEqual(['a']);
    log.add('b');
    log.dropAckedThrough(0); // the reply numbered 1 was lost
    expect(log.carry(2)).toEqual(['a', 'b']);
    log.dropAckedThrough(1); // 'a' was first carried by reply 1, which the master now has
    expect(log.values()).toEqual(['b']);
    log.dropAckedThrough(2);
    expect(log.size).toBe(0);
  });

  it('never drops a change no reply has carried yet', () => {
    const log = new UnackedChanges<string>();
    log.add('late');
    log.dropAckedThrough(99);
    expect(log.values()).toEqual(['late']);
  });

  it('keeps the number a change was given when it happened (an agent with its own sequence)', () => {
    const log = new UnackedChanges<{ seq: number; id: string }>();
    log.add({ seq: 1, id: 'x' }, 1);
    log.add({ seq: 2, id: 'y' }, 2);
    log.add({ seq: 3, id: 'z' }, 3);
    log.dropAckedThrough(2);
    expect(log.values()).toEqual([{ seq: 3, id: 'z' }]);
    expect(log.carry(7)).toEqual([{ seq: 3, id: 'z' }]);
    log.dropAckedThrough(3);
    expect(log.size).toBe(0);
  });

  it('hands out fresh arrays in the order the changes were added, and forgets all on clear', () => {
    const log = new UnackedChanges<number>();
    for (const n of [3, 1, 2]) log.add(n);
    const first = log.values();
    first.push(9);
    expect(log.values()).toEqual([3, 1, 2]);
    log.clear();
    expect(log.size).toBe(0);
    expect(log.carry(1)).toEqual([]);
  });
});
