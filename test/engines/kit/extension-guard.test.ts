import { describe, expect, it } from 'vitest';
import { ExtensionError, guardExtension } from '../../../src/engines/kit/index.js';

/* What a user module throws names where it ran; a promise is refused. */
describe('guardExtension', () => {
  it('passes values through', () => {
    expect(guardExtension('here', (a: number, b: number) => a + b)(1, 2)).toBe(3);
  });

  it('wraps what the function throws in an ExtensionError naming where, keeping the stack of the throw', () => {
    const thrower = (): never => {
      throw new TypeError('bad key');
    };
    let caught: unknown;
    try {
      guardExtension('x.yaml: spec.extensions[0].controller (c) in sync', thrower)();
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ExtensionError);
    expect((caught as Error).message).toBe('x.yaml: spec.extensions[0].controller (c) in sync: TypeError: bad key');
    expect((caught as Error).stack).toMatch(/thrower/);
  });

  it('lets an ExtensionError from a nested guard through unchanged', () => {
    const inner = guardExtension('inner', () => {
      throw new Error('x');
    });
    expect(() => guardExtension('outer', inner)()).toThrow(/^inner: Error: x$/);
  });

  it('refuses a returned promise', () => {
    expect(() => guardExtension('start', () => Promise.resolve())()).toThrow(/start: Error: returned a promise/);
  });
});
