import { describe, expect, it } from 'vitest';
import { PollLinks } from '../../../../src/engines/kit/liveness/poll-links.js';

describe('PollLinks', () => {
  it('numbers the polls of each machine on their own and carries the last reply as the ack', () => {
    const links = new PollLinks(2);
    expect(links.send(0)).toEqual({ seq: 1, acked: 0, missed: 0, missedNow: false });
    expect(links.send(1)).toEqual({ seq: 1, acked: 0, missed: 0, missedNow: false });
    expect(links.received(0, 1)).toBe('in-order');
    expect(links.send(0)).toEqual({ seq: 2, acked: 1, missed: 0, missedNow: false });
  });

  it('counts a poll as missed when the next one goes out before its reply, and a newer reply starts the count over', () => {
    const links = new PollLinks(1);
    links.send(0);
    expect(links.send(0)).toMatchObject({ seq: 2, missed: 1, missedNow: true });
    expect(links.send(0)).toMatchObject({ seq: 3, missed: 2, missedNow: true });
    expect(links.missed(0)).toBe(2);
    expect(links.received(0, 3)).toBe('gap');
    expect(links.missed(0)).toBe(0);
    expect(links.send(0)).toEqual({ seq: 4, acked: 3, missed: 0, missedNow: false });
  });

  it('calls a reply older than one already received stale and leaves the books as they were', () => {
    const links = new PollLinks(1);
    links.send(0);
    links.send(0);
    links.send(0);
    expect(links.received(0, 2)).toBe('gap');
    expect(links.received(0, 1)).toBe('stale');
    expect(links.received(0, 2)).toBe('stale');
    expect(links.received(0, 3)).toBe('in-order');
  });

  it('keeps counting misses while the machine stays silent (the engine decides the limit)', () => {
    const links = new PollLinks(1);
    const missed: number[] = [];
    for (let k = 0; k < 6; k++) {
      const poll = links.send(0);
      if (poll.missedNow) missed.push(poll.missed);
    }
    expect(missed).toEqual([1, 2, 3, 4, 5]);
  });

  it('names the machine number it does not know', () => {
    const links = new PollLinks(2);
    expect(() => links.send(2)).toThrow(/no machine 2 \(polling 2\)/);
    expect(() => links.received(-1, 1)).toThrow(/no machine -1/);
  });
});
