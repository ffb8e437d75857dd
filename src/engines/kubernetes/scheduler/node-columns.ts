import { insufficient } from './plugins/node-resources-fit.js';
import { type FilterOutcome, FITS, type NodeInfo, type PodInfo } from './types.js';

/** The node is not cordoned and has no NoSchedule / NoExecute taint: only NodeResourcesFit can reject a plain pod. */
export const PLAIN_FILTERS = 1;
/** The node has a PreferNoSchedule taint (TaintToleration scores it). */
export const PREFER_TAINT = 2;

/**
 * The numbers the filter walk and the resource scorers read, one column per field, indexed like the
 * cache's node ring. They are copies of the NodeInfo fields (taken after every change with
 * {@link NodeColumns.sync}), so reading them gives exactly the same values as reading the objects;
 * at 10,000 nodes and 500 visits per cycle the visit costs a few array loads instead of chains of
 * property loads on objects of varied shapes.
 */
export class NodeColumns {
  allocCpu: Float64Array;
  allocMemory: Float64Array;
  allocGpu: Float64Array;
  reqCpu: Float64Array;
  reqMemory: Float64Array;
  reqGpu: Float64Array;
  nonZeroCpu: Float64Array;
  nonZeroMemory: Float64Array;
  /** `pods.size`. */
  podCount: Float64Array;
  maxPods: Float64Array;
  /** {@link PLAIN_FILTERS} | {@link PREFER_TAINT}. */
  flags: Uint8Array;

  constructor(capacity = 16) {
    const c = Math.max(1, capacity);
    this.allocCpu = new Float64Array(c);
    this.allocMemory = new Float64Array(c);
    this.allocGpu = new Float64Array(c);
    this.reqCpu = new Float64Array(c);
    this.reqMemory = new Float64Array(c);
    this.reqGpu = new Float64Array(c);
    this.nonZeroCpu = new Float64Array(c);
    this.nonZeroMemory = new Float64Array(c);
    this.podCount = new Float64Array(c);
    this.maxPods = new Float64Array(c);
    this.flags = new Uint8Array(c);
  }

  /** Columns for a node list (tests and callers without a cache). */
  static of(nodes: readonly NodeInfo[]): NodeColumns {
    const cols = new NodeColumns(nodes.length);
    for (let i = 0; i < nodes.length; i++) cols.sync(i, nodes[i] as NodeInfo);
    return cols;
  }

  /** Copies node `info`'s fields into slot `i`, growing the columns when needed. */
  sync(i: number, info: NodeInfo): void {
    if (i >= this.flags.length) this.grow(Math.max(i + 1, this.flags.length * 2));
    this.allocCpu[i] = info.allocatable.cpu;
    this.allocMemory[i] = info.allocatable.memory;
    this.allocGpu[i] = info.allocatable.gpu;
    this.reqCpu[i] = info.requested.cpu;
    this.reqMemory[i] = info.requested.memory;
    this.reqGpu[i] = info.requested.gpu;
    this.nonZeroCpu[i] = info.nonZeroCpu;
    this.nonZeroMemory[i] = info.nonZeroMemory;
    this.podCount[i] = info.pods.size;
    this.maxPods[i] = info.maxPods;
    let flags = info.unschedulable ? 0 : PLAIN_FILTERS;
    for (const t of info.taints) {
      if (t.effect === 'PreferNoSchedule') flags |= PREFER_TAINT;
      else flags &= ~PLAIN_FILTERS;
    }
    this.flags[i] = flags;
  }

  private grow(capacity: number): void {
    const f64 = (a: Float64Array): Float64Array => {
      const b = new Float64Array(capacity);
      b.set(a);
      return b;
    };
    this.allocCpu = f64(this.allocCpu);
    this.allocMemory = f64(this.allocMemory);
    this.allocGpu = f64(this.allocGpu);
    this.reqCpu = f64(this.reqCpu);
    this.reqMemory = f64(this.reqMemory);
    this.reqGpu = f64(this.reqGpu);
    this.nonZeroCpu = f64(this.nonZeroCpu);
    this.nonZeroMemory = f64(this.nonZeroMemory);
    this.podCount = f64(this.podCount);
    this.maxPods = f64(this.maxPods);
    const flags = new Uint8Array(capacity);
    flags.set(this.flags);
    this.flags = flags;
  }
}

/**
 * NodeResourcesFit's filter on slot `i` of the columns: the same checks in the same order as
 * `nodeResourcesFitFilter` (pod count, then cpu, memory, GPUs), returning the same outcomes. For
 * pods without extended requests (those go through the plugin).
 */
export function fitOnColumns(pod: PodInfo, cols: NodeColumns, i: number): FilterOutcome {
  if ((cols.podCount[i] as number) + 1 > (cols.maxPods[i] as number)) return TOO_MANY_PODS;
  const r = pod.requests;
  if (r.cpu > 0 && r.cpu > (cols.allocCpu[i] as number) - (cols.reqCpu[i] as number)) return INSUFFICIENT_CPU;
  if (r.memory > 0 && r.memory > (cols.allocMemory[i] as number) - (cols.reqMemory[i] as number)) return INSUFFICIENT_MEMORY;
  if (r.gpu > 0 && r.gpu > (cols.allocGpu[i] as number) - (cols.reqGpu[i] as number)) return INSUFFICIENT_GPU;
  return FITS;
}

const TOO_MANY_PODS = insufficient('Too many pods');
const INSUFFICIENT_CPU = insufficient('Insufficient cpu');
const INSUFFICIENT_MEMORY = insufficient('Insufficient memory');
const INSUFFICIENT_GPU = insufficient('Insufficient nvidia.com/gpu');
