import { type TraceRecord } from './trace-record.js';

/**
 * A loaded trace as columns of typed arrays, sorted by submission time (ties in file order):
 * about 30 bytes per task whatever the instance count, so the 80,553 tasks of a day of Alibaba 2017
 * take 2.4 MB. Times are simulation microseconds (window and time scale applied).
 */
export interface TraceTable {
  readonly length: number;
  /** Submission time of each task, µs of simulated time. */
  readonly submit: Float64Array;
  readonly instances: Int32Array;
  /** Run time of each instance, µs. */
  readonly runFor: Float64Array;
  /** CPU of each instance, millicores. */
  readonly cpu: Int32Array;
  /** Memory of each instance, bytes. */
  readonly memory: Float64Array;
  /** Index into `tenants`. */
  readonly tenant: Uint16Array;
  readonly tenants: readonly string[];
  /** Data rows read (headers excluded). */
  readonly rows: number;
  /** Malformed rows skipped (only with skipInvalid). */
  readonly invalidRows: number;
  /** Records outside the window. */
  readonly outsideWindow: number;
  /** Records of other groups than the workload's `groups`. */
  readonly otherGroups: number;
}

/** Where a record lands in simulated time: the window and time scale of the scenario. */
export interface TimeMapping {
  /** Start of the window in trace µs; records before it are dropped. */
  readonly start: number;
  /** End of the window in trace µs (exclusive); undefined = no end. */
  readonly end?: number;
  /** Simulated time = (trace time − start) × timeScale (0.5 replays the arrivals twice as fast; run times are not scaled). */
  readonly timeScale: number;
}

/** Accumulates records into growable columns, then sorts them. */
export class TraceTableBuilder {
  private n = 0;
  private submit = new Float64Array(1024);
  private instances = new Int32Array(1024);
  private runFor = new Float64Array(1024);
  private cpu = new Int32Array(1024);
  private memory = new Float64Array(1024);
  private tenant = new Uint16Array(1024);
  private readonly tenantIndex = new Map<string, number>();
  private readonly tenantNames: string[] = [];
  private outside = 0;

  constructor(private readonly time: TimeMapping) {}

  /** Adds a record (dropped, and counted, when outside the window). */
  add(r: TraceRecord, tenant: string): void {
    if (r.submit < this.time.start || (this.time.end !== undefined && r.submit >= this.time.end)) {
      this.outside++;
      return;
    }
    if (this.n === this.submit.length) this.grow();
    const i = this.n++;
    this.submit[i] = Math.round((r.submit - this.time.start) * this.time.timeScale);
    this.instances[i] = r.instances;
    this.runFor[i] = r.runFor;
    this.cpu[i] = r.cpu;
    this.memory[i] = r.memory;
    let t = this.tenantIndex.get(tenant);
    if (t === undefined) {
      t = this.tenantNames.length;
      this.tenantIndex.set(tenant, t);
      this.tenantNames.push(tenant);
    }
    this.tenant[i] = t;
  }

  /** The table, sorted by submission time (stable: ties keep file order). */
  build(rows: number, invalidRows: number, otherGroups = 0): TraceTable {
    const n = this.n;
    const order = Array.from({ length: n }, (_, i) => i);
    const submit = this.submit;
    order.sort((a, b) => (submit[a] as number) - (submit[b] as number) || a - b);
    const pick = <T extends Float64Array | Int32Array | Uint16Array>(src: T, make: (len: number) => T): T => {
      const out = make(n);
      for (let k = 0; k < n; k++) out[k] = src[order[k] as number] as number;
      return out;
    };
    return {
      length: n,
      submit: pick(this.submit, (l) => new Float64Array(l)),
      instances: pick(this.instances, (l) => new Int32Array(l)),
      runFor: pick(this.runFor, (l) => new Float64Array(l)),
      cpu: pick(this.cpu, (l) => new Int32Array(l)),
      memory: pick(this.memory, (l) => new Float64Array(l)),
      tenant: pick(this.tenant, (l) => new Uint16Array(l)),
      tenants: [...this.tenantNames],
      rows,
      invalidRows,
      outsideWindow: this.outside,
      otherGroups,
    };
  }

  private grow(): void {
    const size = this.submit.length * 2;
    const widen = <T extends Float64Array | Int32Array | Uint16Array>(a: T, make: (len: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.submit = widen(this.submit, (l) => new Float64Array(l));
    this.instances = widen(this.instances, (l) => new Int32Array(l));
    this.runFor = widen(this.runFor, (l) => new Float64Array(l));
    this.cpu = widen(this.cpu, (l) => new Int32Array(l));
    this.memory = widen(this.memory, (l) => new Float64Array(l));
    this.tenant = widen(this.tenant, (l) => new Uint16Array(l));
  }
}
