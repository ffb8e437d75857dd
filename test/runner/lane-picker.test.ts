import { describe, expect, it } from 'vitest';
import { LanePicker } from '../../src/runner/lane-picker.js';
import { type TrialSpec } from '../../src/runner/trial-types.js';

function specs(engines: string): TrialSpec[] {
  return [...engines].map((e, index) => ({ index, id: `${e}${index}`, engine: e }) as unknown as TrialSpec);
}

describe('LanePicker', () => {
  it('keeps each lane on the engines it already ran, starts idle lanes on engines nobody runs, and hands out every trial once', () => {
    const picker = new LanePicker(specs('oommkk'), 2);
    const order = [0, 1, 0, 1, 0, 1, 0, 1].map((lane) => `${lane}:${picker.next(lane)?.id ?? '-'}`);
    expect(order).toEqual(['0:o0', '1:m2', '0:o1', '1:m3', '0:k4', '1:k5', '0:-', '1:-']);
  });

  it('with one lane, runs an engine’s trials together, engines in plan order', () => {
    const picker = new LanePicker(specs('omkom'), 1);
    expect(Array.from({ length: 6 }, () => picker.next(0)?.id)).toEqual(['o0', 'o3', 'm1', 'm4', 'k2', undefined]);
  });
});
