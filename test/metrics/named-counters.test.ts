import { describe, expect, it } from 'vitest';
import { NamedCounters } from '../../src/metrics/named-counters.js';

describe('NamedCounters', () => {
  it('creates a counter at its first bump and reads 0 for one never bumped', () => {
    const c = new NamedCounters();
    c.bump('a', 2);
    c.bump('a', 3);
    expect(c.get('a')).toBe(5);
    expect(c.get('never')).toBe(0);
    expect(c.sorted()).toEqual({ a: 5 });
  });

  it('writes the counters sorted by name', () => {
    const c = new NamedCounters();
    for (const name of ['zeta', 'alpha', 'msg:rpc:x']) c.bump(name, 1);
    expect(Object.keys(c.sorted())).toEqual(['alpha', 'msg:rpc:x', 'zeta']);
  });

  it('hands back the same box for a name, so an add through it is a bump', () => {
    const c = new NamedCounters();
    c.box('hot').v += 2;
    c.box('hot').v += 1;
    c.bump('hot', 1);
    expect(c.get('hot')).toBe(4);
  });

  it('names message boxes by channel and label, dropped ones apart, across channel switches', () => {
    const c = new NamedCounters();
    c.messageBox('rpc', 'bind', true).v++;
    c.messageBox('heartbeat', 'poll', true).v++;
    c.messageBox('rpc', 'bind', true).v++;
    c.messageBox('rpc', 'bind', false).v++;
    expect(c.sorted()).toEqual({ 'msg:heartbeat:poll': 1, 'msg:rpc:bind': 2, 'msg:rpc:bind:dropped': 1 });
    expect(c.messageBox('rpc', 'bind', true)).toBe(c.box('msg:rpc:bind'));
  });

  it('finds a family member by its suffix and shares the box with the full name', () => {
    const c = new NamedCounters();
    const offers = c.family('offers-');
    offers.box('declined').v += 3;
    offers.box('declined').v += 1;
    expect(c.get('offers-declined')).toBe(4);
    expect(offers.box('declined')).toBe(c.box('offers-declined'));
  });
});
