/**
 * `slowStartBatch`: runs `count` calls in batches of 1, 2, 4, … (from `initial`), each batch only
 * after every call of the previous one returned and none failed. `call(done)` must call `done(ok)`
 * exactly once. `finished(successes, skipped)` runs at the end; `skipped` calls were never made, and
 * the other `count − successes − skipped` failed.
 */
export function slowStartBatch(
  count: number,
  initial: number,
  call: (done: (ok: boolean) => void) => void,
  finished: (successes: number, skipped: number) => void,
): void {
  let remaining = count;
  let successes = 0;
  const next = (batch: number): void => {
    if (remaining <= 0) return finished(successes, 0);
    const size = Math.min(remaining, batch);
    remaining -= size;
    let pending = size;
    let failed = false;
    for (let i = 0; i < size; i++) {
      call((ok) => {
        if (ok) successes++;
        else failed = true;
        if (--pending === 0) {
          if (failed) finished(successes, remaining);
          else next(batch * 2);
        }
      });
    }
  };
  next(initial);
}
