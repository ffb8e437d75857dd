import { describe, expect, it } from 'vitest';
import { engineStyle, OKABE_ITO } from '../../src/report/palette.js';

describe('engineStyle', () => {
  it.each([
    { name: 'oracle is the black dotted reference', engine: 'oracle', color: OKABE_ITO.black, shape: 'diamond' },
    { name: 'kubernetes is blue', engine: 'kubernetes', color: OKABE_ITO.blue, shape: 'circle' },
    { name: 'mesos is vermillion', engine: 'mesos', color: OKABE_ITO.vermillion, shape: 'square' },
  ])('$name', ({ engine, color, shape }) => {
    expect(engineStyle(engine).color).toBe(color);
    expect(engineStyle(engine).shape).toBe(shape);
  });

  it('gives the known engines distinct dashes and shapes, so black-and-white print tells them apart', () => {
    const styles = ['oracle', 'kubernetes', 'mesos'].map(engineStyle);
    expect(new Set(styles.map((s) => s.dash.join(','))).size).toBe(3);
    expect(new Set(styles.map((s) => s.shape)).size).toBe(3);
  });

  it('gives an engine added later a fixed Okabe–Ito style that depends only on its name', () => {
    const omega = engineStyle('omega');
    expect(engineStyle('omega')).toEqual(omega);
    expect(Object.values(OKABE_ITO)).toContain(omega.color);
    expect([OKABE_ITO.black, OKABE_ITO.blue, OKABE_ITO.vermillion, OKABE_ITO.yellow]).not.toContain(omega.color);
  });
});
