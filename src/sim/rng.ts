import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';

type Generator = ReturnType<typeof xoroshiro128plusFromState>;

/**
 * A seeded pseudo-random stream (xoroshiro128+ from pure-rand). All randomness of a trial comes
 * from one root stream per seed, split by label: `root.split('workload')`, `root.split('faults')`,
 * `root.split('engine:mesos')`. A split depends only on the root seed and the label path, never on
 * how many numbers were drawn before, so adding draws in an engine cannot move a single arrival.
 */
export class Rng {
  private readonly gen: Generator;

  private constructor(
    /** The trial seed this stream descends from. */
    readonly seed: number,
    /** Labels from the root to this stream, joined by '/'. */
    readonly path: string,
  ) {
    this.gen = xoroshiro128plusFromState(stateFor(seed, path));
  }

  /** The root stream of a trial. */
  static root(seed: number): Rng {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
    return new Rng(seed, '');
  }

  /**
   * An independent stream named `label` below this one; the same label always gives the same
   * stream. A `/` inside a label is escaped, so `split('a/b')` never equals `split('a').split('b')`.
   */
  split(label: string): Rng {
    const safe = label.includes('/') || label.includes('%') ? label.replace(/%/g, '%25').replace(/\//g, '%2F') : label;
    return new Rng(this.seed, this.path === '' ? safe : `${this.path}/${safe}`);
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    return this.gen.next() >>> 0;
  }

  /** A uniform float in [0, 1) with 53 random bits. */
  float(): number {
    const hi = this.gen.next() >>> 5; // 27 bits
    const lo = this.gen.next() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** A uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    if (max < min) throw new RangeError(`int(${min}, ${max}): empty range`);
    return min + Math.floor(this.float() * (max - min + 1));
  }

  /** A uniformly chosen element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty array');
    return items[Math.floor(this.float() * items.length)] as T;
  }

  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.float() * (i + 1));
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }
}

/** 128 bits of generator state from (seed, path), via four salted 32-bit string hashes. */
function stateFor(seed: number, path: string): number[] {
  const text = `${seed}|${path}`;
  const state = [hash32(text, 0x9e3779b9), hash32(text, 0x85ebca6b), hash32(text, 0xc2b2ae35), hash32(text, 0x27d4eb2f)];
  if (!state.some((s) => s !== 0)) state[0] = 1; // xoroshiro must not start from the all-zero state
  return state;
}

/** FNV-1a over UTF-16 code units with a salt, finished with murmur3's avalanche. */
function hash32(text: string, salt: number): number {
  let h = (0x811c9dc5 ^ salt) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}
