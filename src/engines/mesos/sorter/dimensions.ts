import { type Resources } from '../../../cluster/resources.js';

/**
 * The resource dimensions a DRF sorter measures shares over, numbered: cpu, memory and gpu are 0–2,
 * extended resources get the next index the first time they are seen. The sorter keeps every
 * total as a plain number array indexed this way, so a share is a loop over numbers.
 */
export class ResourceDimensions {
  private readonly byName = new Map<string, number>();
  private readonly names: string[] = [];
  /** Whether dimension `d` is left out of shares (`--fair_sharing_excluded_resource_names`). */
  readonly excludedByIndex: boolean[] = [];

  constructor(private readonly excluded: ReadonlySet<string>) {
    for (const d of ['cpu', 'memory', 'gpu']) this.index(d);
  }

  /** The index of dimension `name`, numbering it if it is new. */
  index(name: string): number {
    let i = this.byName.get(name);
    if (i === undefined) {
      i = this.names.length;
      this.byName.set(name, i);
      this.names.push(name);
      this.excludedByIndex.push(this.excluded.has(name));
    }
    return i;
  }

  /** `r` as a number array indexed by dimension. */
  vector(r: Resources): number[] {
    const v = [r.cpu, r.memory, r.gpu];
    if (r.ext) for (const [k, x] of Object.entries(r.ext)) v[this.index(k)] = x;
    return v;
  }

  /** A number array back as resources; extended dimensions that are zero are left out. */
  fromVector(v: readonly number[]): Resources {
    const r = { cpu: v[0] ?? 0, memory: v[1] ?? 0, gpu: v[2] ?? 0 };
    if (v.length <= 3) return r;
    const ext: Record<string, number> = {};
    for (let d = 3; d < v.length; d++) if ((v[d] ?? 0) !== 0) ext[this.names[d] as string] = v[d] as number;
    return Object.keys(ext).length > 0 ? { ...r, ext } : r;
  }
}

/** target += v, dimension by dimension (missing entries count as 0). */
export function addInto(target: number[], v: readonly number[]): void {
  for (let d = 0; d < v.length; d++) target[d] = (target[d] ?? 0) + (v[d] ?? 0);
}

/** target −= v, dimension by dimension (missing entries count as 0). */
export function subtractInto(target: number[], v: readonly number[]): void {
  for (let d = 0; d < v.length; d++) target[d] = (target[d] ?? 0) - (v[d] ?? 0);
}
