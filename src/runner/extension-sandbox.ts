import { inspect } from 'node:util';
import { createContext, Script } from 'node:vm';

/**
 * What a user module finds in place of the wall clock and other sources of run-to-run difference:
 * `Date` and `Math.random` throw with a pointer to the engine's clock and rng stream; `WeakRef` and
 * `FinalizationRegistry` (whose timing depends on the garbage collector) are gone. A fresh context
 * has no `process`, `performance`, timers, `require` or `import()` of Node built-ins to begin with.
 */
const PRELUDE = `(() => {
  const refuse = (what, use) => function () {
    throw new Error(what + ' is not available to an extension (results must not depend on the wall clock or an unseeded stream): use ' + use + ' (docs/extending.md)');
  };
  const NoDate = refuse('Date', 'api.now()');
  NoDate.now = refuse('Date.now()', 'api.now()');
  NoDate.parse = refuse('Date.parse()', 'api.now()');
  NoDate.UTC = refuse('Date.UTC()', 'api.now()');
  Object.defineProperty(globalThis, 'Date', { value: NoDate, writable: false, configurable: false });
  Object.defineProperty(Math, 'random', { value: refuse('Math.random()', 'api.rng'), writable: false, configurable: false });
  delete globalThis.WeakRef;
  delete globalThis.FinalizationRegistry;
})();`;

/** Longest a module may run while it loads (its top-level code), in wall time: a guard against a hang at load. */
const LOAD_TIMEOUT_MS = 10_000;

/**
 * Evaluates a CommonJS bundle of a user module in a fresh V8 context of its own (node:vm) and returns
 * its `module.exports`. Each call is a new instance: module-level state never leaks from one trial to
 * the next, so results do not depend on which trials shared a worker. `eval` and `new Function` are
 * off inside the context. This is a guard against accidental non-determinism, not a security
 * boundary: code that digs into the harness objects it is handed can reach the host.
 */
export function evaluateInSandbox(code: string, filename: string): unknown {
  const module = { exports: {} as unknown };
  const context = createContext({ module, exports: module.exports, console: moduleConsole(filename) }, { codeGeneration: { strings: false, wasm: false } });
  new Script(PRELUDE, { filename: 'schedbench-extension-prelude.js' }).runInContext(context);
  new Script(code, { filename }).runInContext(context, { timeout: LOAD_TIMEOUT_MS });
  return module.exports;
}

/**
 * A console that writes to the run's standard error, each line prefixed with the module's file: a
 * student's debugging output, never part of the results.
 */
function moduleConsole(filename: string): Record<string, (...args: unknown[]) => void> {
  const write = (...args: unknown[]): void => {
    process.stderr.write(`[${filename}] ${args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' ')}\n`);
  };
  return { log: write, info: write, warn: write, error: write, debug: write };
}
