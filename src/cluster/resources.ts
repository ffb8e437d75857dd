/**
 * A resource vector: cpu in millicores, memory in bytes, whole GPUs, and named extended scalars
 * (e.g. `example.com/fpga`). Vectors are immutable values; every operation returns a new one.
 */
export interface Resources {
  readonly cpu: number;
  readonly memory: number;
  readonly gpu: number;
  /** Extended scalar resources by name; absent means none. */
  readonly ext?: Readonly<Record<string, number>>;
}

/**
 * The name Kubernetes gives GPUs (the NVIDIA device plugin's extended resource). The vector keeps
 * GPUs in their own dimension, `gpu`, which is this project's short name of `nvidia.com/gpu`: a
 * scenario may write either, both name the same resource, and what the scheduler reports (filter
 * reasons, explanations) says `nvidia.com/gpu` as kube-scheduler does.
 */
export const GPU_RESOURCE_NAME = 'nvidia.com/gpu';

/**
 * A resource name in Kubernetes's qualified form `domain/name` (an extended resource such as
 * `example.com/fpga`): a DNS subdomain, a slash, and a name of letters, digits, `-`, `_`, `.`
 * beginning and ending with a letter or digit (`IsQualifiedName`).
 */
export const QUALIFIED_RESOURCE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** The one name of a resource: `gpu` and `nvidia.com/gpu` are both `nvidia.com/gpu`; every other name is itself. */
export function canonicalResourceName(name: string): string {
  return name === 'gpu' ? GPU_RESOURCE_NAME : name;
}

/** The names of the standard dimensions, in report order. */
export const STANDARD_DIMENSIONS = ['cpu', 'memory', 'gpu'] as const;

export const NO_RESOURCES: Resources = Object.freeze({ cpu: 0, memory: 0, gpu: 0 });

/** Builds a vector; missing dimensions are 0. */
export function resources(partial: Partial<Resources>): Resources {
  const r: Resources = { cpu: partial.cpu ?? 0, memory: partial.memory ?? 0, gpu: partial.gpu ?? 0 };
  return partial.ext && Object.keys(partial.ext).length > 0 ? { ...r, ext: { ...partial.ext } } : r;
}

function mergeExt(
  a: Readonly<Record<string, number>> | undefined,
  b: Readonly<Record<string, number>> | undefined,
  sign: 1 | -1,
): Record<string, number> | undefined {
  if (!a && !b) return undefined;
  const out: Record<string, number> = { ...(a ?? {}) };
  for (const [k, v] of Object.entries(b ?? {})) out[k] = (out[k] ?? 0) + sign * v;
  return out;
}

/** a + b. */
export function addResources(a: Resources, b: Resources): Resources {
  const ext = a.ext || b.ext ? mergeExt(a.ext, b.ext, 1) : undefined;
  const r = { cpu: a.cpu + b.cpu, memory: a.memory + b.memory, gpu: a.gpu + b.gpu };
  return ext ? { ...r, ext } : r;
}

/** a − b (may go negative; callers check with {@link fitsWithin} first). */
export function subtractResources(a: Resources, b: Resources): Resources {
  const ext = a.ext || b.ext ? mergeExt(a.ext, b.ext, -1) : undefined;
  const r = { cpu: a.cpu - b.cpu, memory: a.memory - b.memory, gpu: a.gpu - b.gpu };
  return ext ? { ...r, ext } : r;
}

/** n × a. */
export function scaleResources(a: Resources, n: number): Resources {
  const r = { cpu: a.cpu * n, memory: a.memory * n, gpu: a.gpu * n };
  if (!a.ext) return r;
  const ext: Record<string, number> = {};
  for (const [k, v] of Object.entries(a.ext)) ext[k] = v * n;
  return { ...r, ext };
}

/** True when every dimension of `demand` is ≤ the same dimension of `available`. */
export function fitsWithin(demand: Resources, available: Resources): boolean {
  if (demand.cpu > available.cpu || demand.memory > available.memory || demand.gpu > available.gpu) return false;
  if (demand.ext) {
    for (const [k, v] of Object.entries(demand.ext)) if (v > 0 && v > (available.ext?.[k] ?? 0)) return false;
  }
  return true;
}

/** True when every dimension is 0. */
export function isZero(a: Resources): boolean {
  if (a.cpu !== 0 || a.memory !== 0 || a.gpu !== 0) return false;
  return !a.ext || Object.values(a.ext).every((v) => v === 0);
}

/** True when no dimension is negative. */
export function isNonNegative(a: Resources): boolean {
  if (a.cpu < 0 || a.memory < 0 || a.gpu < 0) return false;
  return !a.ext || Object.values(a.ext).every((v) => v >= 0);
}

/** Element-wise minimum. */
export function minResources(a: Resources, b: Resources): Resources {
  const r = { cpu: Math.min(a.cpu, b.cpu), memory: Math.min(a.memory, b.memory), gpu: Math.min(a.gpu, b.gpu) };
  if (!a.ext && !b.ext) return r;
  const ext: Record<string, number> = {};
  for (const k of new Set([...Object.keys(a.ext ?? {}), ...Object.keys(b.ext ?? {})])) ext[k] = Math.min(a.ext?.[k] ?? 0, b.ext?.[k] ?? 0);
  return { ...r, ext };
}

/** Element-wise maximum (`maxResourceList` of Kubernetes's resource helpers). */
export function maxResources(a: Resources, b: Resources): Resources {
  const r = { cpu: Math.max(a.cpu, b.cpu), memory: Math.max(a.memory, b.memory), gpu: Math.max(a.gpu, b.gpu) };
  if (!a.ext && !b.ext) return r;
  const ext: Record<string, number> = {};
  for (const k of new Set([...Object.keys(a.ext ?? {}), ...Object.keys(b.ext ?? {})])) ext[k] = Math.max(a.ext?.[k] ?? 0, b.ext?.[k] ?? 0);
  return { ...r, ext };
}

/** The canonical names ({@link canonicalResourceName}) of the dimensions with a positive value. */
export function resourceNamesOf(a: Resources): string[] {
  const names: string[] = [];
  if (a.cpu > 0) names.push('cpu');
  if (a.memory > 0) names.push('memory');
  if (a.gpu > 0) names.push(GPU_RESOURCE_NAME);
  for (const [k, v] of Object.entries(a.ext ?? {})) if (v > 0) names.push(k);
  return names;
}

/** Every dimension name with a non-zero value in any of the vectors (standard ones first, then ext sorted). */
export function dimensionsOf(...vectors: readonly Resources[]): string[] {
  const ext = new Set<string>();
  for (const v of vectors) for (const k of Object.keys(v.ext ?? {})) ext.add(k);
  return [...STANDARD_DIMENSIONS, ...[...ext].sort()];
}

/** The value of one dimension by name (`gpu` or `nvidia.com/gpu` for GPUs). */
export function dimension(a: Resources, name: string): number {
  switch (name) {
    case 'cpu':
      return a.cpu;
    case 'memory':
      return a.memory;
    case 'gpu':
    case GPU_RESOURCE_NAME:
      return a.gpu;
    default:
      return a.ext?.[name] ?? 0;
  }
}

/**
 * The dominant share of `used` in `total` (DRF): the maximum over dimensions with a positive total
 * of used/total. Plain double arithmetic, as in Mesos's sorter.
 */
export function dominantShare(used: Resources, total: Resources): number {
  let share = 0;
  for (const name of dimensionsOf(used, total)) {
    const t = dimension(total, name);
    if (t > 0) share = Math.max(share, dimension(used, name) / t);
  }
  return share;
}

/** Human-readable form for messages: `cpu=500m memory=1.0Gi gpu=1`. */
export function formatResources(a: Resources): string {
  const parts = [`cpu=${a.cpu}m`, `memory=${(a.memory / 2 ** 30).toFixed(2)}Gi`];
  if (a.gpu) parts.push(`gpu=${a.gpu}`);
  for (const [k, v] of Object.entries(a.ext ?? {})) parts.push(`${k}=${v}`);
  return parts.join(' ');
}
