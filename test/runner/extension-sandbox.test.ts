import { describe, expect, it } from 'vitest';
import { evaluateInSandbox } from '../../src/runner/extension-sandbox.js';

/*
 * The context a user module is evaluated in has no wall clock, no unseeded randomness, no
 * garbage-collector-timed objects and no Node globals, and each evaluation is a fresh instance.
 */

const run = (body: string): unknown => (evaluateInSandbox(`module.exports.default = (() => { ${body} })();`, 'test-module.js') as { default: unknown }).default;

describe('the extension sandbox', () => {
  it.each([
    ['Date.now()', /Date\.now\(\) is not available to an extension.*use api\.now\(\)/],
    ['new Date()', /Date is not available to an extension/],
    ['Math.random()', /Math\.random\(\) is not available to an extension.*use api\.rng/],
    ['eval("1 + 1")', /Code generation from strings disallowed/],
    ['new Function("return 1")()', /Code generation from strings disallowed/],
  ])('refuses %s', (expression, error) => {
    expect(() => run(`return ${expression};`)).toThrow(error);
  });

  it('has no process, timers, performance, WeakRef or FinalizationRegistry', () => {
    expect(run('return [typeof process, typeof setTimeout, typeof performance, typeof WeakRef, typeof FinalizationRegistry, typeof require];')).toEqual(
      Array(6).fill('undefined'),
    );
  });

  it('gives every evaluation its own module state', () => {
    const code = 'let calls = 0; module.exports.default = { next: () => ++calls };';
    const a = (evaluateInSandbox(code, 'a.js') as { default: { next(): number } }).default;
    const b = (evaluateInSandbox(code, 'b.js') as { default: { next(): number } }).default;
    expect([a.next(), a.next(), b.next()]).toEqual([1, 2, 1]);
  });

  it('keeps everything else of the language: Math, JSON, Map, classes', () => {
    expect(run('class P { constructor(x) { this.x = x; } } return [Math.max(1, 2), JSON.stringify({ a: 1 }), new Map([[1, 2]]).get(1), new P(3).x];')).toEqual([
      2,
      '{"a":1}',
      2,
      3,
    ]);
  });
});
