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
  private times = new Float64Array(1024);
  private priorities = new Int32Array(1024);
  private seqs = new Float64Array(1024);
  private generations = new Int32Array(1024);
  private live = new Uint8Array(1024);
  private handlers: (EventHandler<unknown> | undefined)[] = [];
  private args: unknown[] = [];
  private heap = new Int32Array(1024);
  private heapSize = 0;
  private freeSlots: number[] = [];
  private nextSlot = 0;
  private seq = 0;
  private liveCount = 0;

  /** Number of scheduled events that have not popped and were not cancelled. */
  get size(): number {
    return this.liveCount;
  }

  /** Schedules `handler(arg)` at `time`; lower `priority` values pop first among same-time events. */
  push<A>(time: SimTime, priority: number, handler: EventHandler<A>, arg: A): TimerHandle {
    const slot = this.allocSlot();
    this.times[slot] = time;
    this.priorities[slot] = priority;
    this.seqs[slot] = this.seq++;
    this.live[slot] = 1;
    this.handlers[slot] = handler as EventHandler<unknown>;
    this.args[slot] = arg;
    this.liveCount++;
    if (this.heapSize === this.heap.length) this.heap = grow(this.heap);
    this.heap[this.heapSize] = slot;
    this.siftUp(this.heapSize++);
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
    this.dropCancelledTop();
    return this.heapSize === 0 ? undefined : (this.times[this.heap[0] as number] as SimTime);
  }

  /**
   * Removes the next live event and runs it via `run(time, handler, arg)`. Returns false when the
   * queue is empty. The slot is recycled before the handler runs, so handlers may push freely.
   */
  popAndRun(onTime: (time: SimTime) => void): boolean {
    this.dropCancelledTop();
    if (this.heapSize === 0) return false;
    const slot = this.removeTop();
    const handler = this.handlers[slot] as EventHandler<unknown>;
    const arg = this.args[slot];
    const time = this.times[slot] as SimTime;
    this.live[slot] = 0;
    this.handlers[slot] = undefined;
    this.args[slot] = undefined;
    this.liveCount--;
    this.releaseSlot(slot);
    onTime(time);
    handler(arg);
    return true;
  }

  private dropCancelledTop(): void {
    while (this.heapSize > 0 && this.live[this.heap[0] as number] === 0) {
      this.releaseSlot(this.removeTop());
    }
  }

  private removeTop(): number {
    const top = this.heap[0] as number;
    this.heapSize--;
    if (this.heapSize > 0) {
      this.heap[0] = this.heap[this.heapSize] as number;
      this.siftDown(0);
    }
    return top;
  }

  private allocSlot(): number {
    const reused = this.freeSlots.pop();
    if (reused !== undefined) return reused;
    const slot = this.nextSlot++;
    if (slot >= SLOT_BITS) throw new RangeError('event queue holds more than 16.7 M events at once');
    if (slot === this.times.length) {
      this.times = grow(this.times);
      this.priorities = grow(this.priorities);
      this.seqs = grow(this.seqs);
      this.generations = grow(this.generations);
      this.live = grow(this.live);
    }
    return slot;
  }

  private releaseSlot(slot: number): void {
    this.generations[slot] = ((this.generations[slot] as number) + 1) & 0x1fffffff;
    this.freeSlots.push(slot);
  }

  /** True when slot a must pop before slot b. */
  private before(a: number, b: number): boolean {
    const ta = this.times[a] as number;
    const tb = this.times[b] as number;
    if (ta !== tb) return ta < tb;
    const pa = this.priorities[a] as number;
    const pb = this.priorities[b] as number;
    if (pa !== pb) return pa < pb;
    return (this.seqs[a] as number) < (this.seqs[b] as number);
  }

  private siftUp(index: number): void {
    const heap = this.heap;
    const slot = heap[index] as number;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      const p = heap[parent] as number;
      if (!this.before(slot, p)) break;
      heap[index] = p;
      index = parent;
    }
    heap[index] = slot;
  }

  private siftDown(index: number): void {
    const heap = this.heap;
    const size = this.heapSize;
    const slot = heap[index] as number;
    for (;;) {
      let child = 2 * index + 1;
      if (child >= size) break;
      const right = child + 1;
      if (right < size && this.before(heap[right] as number, heap[child] as number)) child = right;
      const c = heap[child] as number;
      if (!this.before(c, slot)) break;
      heap[index] = c;
      index = child;
    }
    heap[index] = slot;
  }
}

function grow<T extends Float64Array | Int32Array | Uint8Array>(array: T): T {
  const bigger = new (array.constructor as new (n: number) => T)(array.length * 2);
  bigger.set(array);
  return bigger;
}
