import { type SimTime } from './time.js';

/** A callback run when its event pops. `arg` is the value given to {@link EventQueue.push}. */
export type EventHandler<A = never> = (arg: A) => void;

/**
 * An opaque handle for a scheduled event, valid for {@link EventQueue.cancel} until the event pops.
 * It encodes a slot and the slot's generation, so a stale handle never cancels a later event.
 */
export type TimerHandle = number & { readonly __timer: true };

const SLOT_BITS = 2 ** 24;

/**
 * Binary min-heap of events with the total order (time, priority, seq): earlier time first, then
 * lower priority value, then the order in which events were pushed. Same-time, same-priority events
 * therefore pop first-in first-out, on every machine.
 *
 * Events live in recycled slots of typed arrays, so pushing and popping allocate nothing once the
 * queue has grown; cancellation is lazy (the slot is marked and skipped when it reaches the top).
 */
export class EventQueue {
  // Per-slot payload: handler, argument, liveness and generation (for stale-handle detection).
  private generations = new Int32Array(1024);
  private live = new Uint8Array(1024);
  private handlers: (EventHandler<unknown> | undefined)[] = [];
  private args: unknown[] = [];
  // The heap keeps its sort keys inline (struct of arrays), so comparisons never chase a slot:
  // `heapTime` is the time, `heapOrder` packs (priority, seq) into one exact double.
  private heapTime = new Float64Array(1024);
  private heapOrder = new Float64Array(1024);
  private heapSlot = new Int32Array(1024);
  private heapSize = 0;
  private freeSlots: number[] = [];
  private nextSlot = 0;
  private seq = 0;
  private liveCount = 0;

  /** Number of scheduled events that have not popped and were not cancelled. */
  get size(): number {
    return this.liveCount;
  }

  /**
   * Schedules `handler(arg)` at `time`; lower `priority` values pop first among same-time events.
   * Priorities are integers in [-2048, 2047].
   */
  push<A>(time: SimTime, priority: number, handler: EventHandler<A>, arg: A): TimerHandle {
    // `(p | 0) === p` is the integer test V8 inlines; it also rejects NaN and ±Infinity.
    if ((priority | 0) !== priority || priority < -PRIORITY_OFFSET || priority >= PRIORITY_OFFSET) {
      throw new RangeError(`event priority must be an integer in [-2048, 2047], got ${priority}`);
    }
    const slot = this.allocSlot();
    this.live[slot] = 1;
    this.handlers[slot] = handler as EventHandler<unknown>;
    this.args[slot] = arg;
    this.liveCount++;
    if (this.heapSize === this.heapSlot.length) {
      this.heapTime = grow(this.heapTime);
      this.heapOrder = grow(this.heapOrder);
      this.heapSlot = grow(this.heapSlot);
    }
    // (priority + offset) · 2^41 + seq stays below 2^53, so the packed key is exact.
    this.siftUp(this.heapSize++, time, (priority + PRIORITY_OFFSET) * SEQ_SPAN + this.seq++, slot);
    return ((this.generations[slot] as number) * SLOT_BITS + slot) as TimerHandle;
  }

  /** Cancels a scheduled event; returns false if it already popped or was cancelled. */
  cancel(handle: TimerHandle): boolean {
    const slot = handle % SLOT_BITS;
    const generation = Math.floor(handle / SLOT_BITS);
    if (slot >= this.nextSlot || this.generations[slot] !== generation || this.live[slot] !== 1) return false;
    this.live[slot] = 0;
    this.handlers[slot] = undefined;
    this.args[slot] = undefined;
    this.liveCount--;
    return true;
  }

  /** Time of the next live event, or undefined when none is left. */
  peekTime(): SimTime | undefined {
    if (this.heapSize === 0) return undefined;
    if (this.live[this.heapSlot[0] as number] === 0) {
      this.dropCancelledTop();
      if (this.heapSize === 0) return undefined;
    }
    return this.heapTime[0] as SimTime;
  }

  /**
   * Removes the next live event and runs it: `onTime(time)` first, then `handler(arg)`. Returns
   * false when the queue is empty. The slot is recycled before the handler runs, so handlers may
   * push freely.
   */
  popAndRun(onTime: (time: SimTime) => void): boolean {
    this.dropCancelledTop();
    if (this.heapSize === 0) return false;
    onTime(this.heapTime[0] as SimTime);
    this.runTop();
    return true;
  }

  /**
   * Pops the root and runs it. Contract: call only right after {@link peekTime} returned a time
   * (the root is then live); the kernel's run loop uses it to avoid a second scan and a callback.
   */
  runTop(): void {
    const slot = this.removeTop();
    const handler = this.handlers[slot] as EventHandler<unknown>;
    const arg = this.args[slot];
    this.live[slot] = 0;
    this.handlers[slot] = undefined;
    this.args[slot] = undefined;
    this.liveCount--;
    this.releaseSlot(slot);
    handler(arg);
  }

  private dropCancelledTop(): void {
    while (this.heapSize > 0 && this.live[this.heapSlot[0] as number] === 0) {
      this.releaseSlot(this.removeTop());
    }
  }

  /** Removes the root and returns its slot. */
  private removeTop(): number {
    const top = this.heapSlot[0] as number;
    const last = --this.heapSize;
    if (last > 0) this.siftDown(this.heapTime[last] as number, this.heapOrder[last] as number, this.heapSlot[last] as number);
    return top;
  }

  private allocSlot(): number {
    const reused = this.freeSlots.pop();
    if (reused !== undefined) return reused;
    const slot = this.nextSlot++;
    if (slot >= SLOT_BITS) throw new RangeError('event queue holds more than 16.7 M events at once');
    if (slot === this.generations.length) {
      this.generations = grow(this.generations);
      this.live = grow(this.live);
    }
    return slot;
  }

  private releaseSlot(slot: number): void {
    this.generations[slot] = ((this.generations[slot] as number) + 1) & 0x1fffffff;
    this.freeSlots.push(slot);
  }

  /** Places (time, order, slot) at or above `index`, moving larger parents down. */
  private siftUp(index: number, time: number, order: number, slot: number): void {
    const ht = this.heapTime;
    const ho = this.heapOrder;
    const hs = this.heapSlot;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      const pt = ht[parent] as number;
      if (pt < time || (pt === time && (ho[parent] as number) < order)) break;
      ht[index] = pt;
      ho[index] = ho[parent] as number;
      hs[index] = hs[parent] as number;
      index = parent;
    }
    ht[index] = time;
    ho[index] = order;
    hs[index] = slot;
  }

  /** Places (time, order, slot) from the root down, moving smaller children up. */
  private siftDown(time: number, order: number, slot: number): void {
    const ht = this.heapTime;
    const ho = this.heapOrder;
    const hs = this.heapSlot;
    const size = this.heapSize;
    let index = 0;
    for (;;) {
      let child = 2 * index + 1;
      if (child >= size) break;
      let ct = ht[child] as number;
      let co = ho[child] as number;
      const right = child + 1;
      if (right < size) {
        const rt = ht[right] as number;
        const ro = ho[right] as number;
        if (rt < ct || (rt === ct && ro < co)) {
          child = right;
          ct = rt;
          co = ro;
        }
      }
      if (time < ct || (time === ct && order < co)) break;
      ht[index] = ct;
      ho[index] = co;
      hs[index] = hs[child] as number;
      index = child;
    }
    ht[index] = time;
    ho[index] = order;
    hs[index] = slot;
  }
}

/** Priorities are shifted by this much so the packed key is non-negative. */
const PRIORITY_OFFSET = 2048;
/** Room for 2^41 (2.2 trillion) events per trial in the sequence part of the packed key. */
const SEQ_SPAN = 2 ** 41;

function grow<T extends Float64Array | Int32Array | Uint8Array>(array: T): T {
  const bigger = new (array.constructor as new (n: number) => T)(array.length * 2);
  bigger.set(array);
  return bigger;
}
