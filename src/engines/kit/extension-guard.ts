/**
 * An error raised by a user module (`spec.extensions`) while it ran inside an engine. Its message
 * names where (`spec.extensions[0].controller (my-scaler) in sync`), so the failed trial's error says
 * which module broke; its stack is the module's own.
 */
export class ExtensionError extends Error {
  constructor(where: string, cause: unknown) {
    const inner = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    super(`${where}: ${inner}`);
    this.name = 'ExtensionError';
    if (cause instanceof Error && cause.stack !== undefined) this.stack = `${this.name}: ${this.message}\n${cause.stack.split('\n').slice(1).join('\n')}`;
  }
}

/**
 * Wraps a function a user module handed the engine (a handler, a sync, a timer) so that what it
 * throws becomes an {@link ExtensionError} naming `where`; an ExtensionError from a nested call
 * passes through unchanged. A returned promise is refused: extensions run in virtual time through
 * callbacks, and work after an `await` would run outside the simulation's order.
 */
export function guardExtension<A extends unknown[], R>(where: string, fn: (...args: A) => R): (...args: A) => R {
  return (...args: A): R => {
    let r: R;
    try {
      r = fn(...args);
    } catch (err) {
      throw err instanceof ExtensionError ? err : new ExtensionError(where, err);
    }
    if (typeof r === 'object' && r !== null && typeof (r as { then?: unknown }).then === 'function')
      throw new ExtensionError(where, new Error('returned a promise: extension callbacks run in virtual time and must not be async'));
    return r;
  };
}
