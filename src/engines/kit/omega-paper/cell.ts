/**
 * The simulator's cell state (docs/reference/omega-simulator.md §4.1; `CellState` of
 * CoreClusterSimulation.scala): per machine the allocated CPU and memory and a sequence number, and per
 * scheduler the occupied and locked totals. Allocated counts both occupied and locked resources, so a
 * machine's available room is its capacity minus both. A claim raises the machine's sequence number;
 * freeing does not (§4.1). Units: CPU in millicores, memory in bytes (whole numbers, so sums are exact).
 */
export class PaperCell {
  readonly machines: number;
  readonly allocatedCpu: Float64Array;
  readonly allocatedMemory: Float64Array;
  readonly seq: Int32Array;
  /** Per scheduler index: resources of its running tasks (`occupiedCpus`, used by DRF, §4.4). */
  readonly occupiedCpu: Float64Array;
  readonly occupiedMemory: Float64Array;
  /** Per scheduler index: resources locked in offers made to it (§4.4 step 2). */
  readonly lockedCpu: Float64Array;
  readonly lockedMemory: Float64Array;
  totalOccupiedCpu = 0;
  totalOccupiedMemory = 0;
  totalLockedCpu = 0;
  totalLockedMemory = 0;

  /** `capacityCpu[m]`/`capacityMemory[m]`: machine m's room; shared (never written) by every copy. */
  constructor(
    readonly capacityCpu: Float64Array,
    readonly capacityMemory: Float64Array,
    readonly schedulers: number,
    readonly totalCpu = sum(capacityCpu),
    readonly totalMemory = sum(capacityMemory),
  ) {
    this.machines = capacityCpu.length;
    this.allocatedCpu = new Float64Array(this.machines);
    this.allocatedMemory = new Float64Array(this.machines);
    this.seq = new Int32Array(this.machines);
    this.occupiedCpu = new Float64Array(schedulers);
    this.occupiedMemory = new Float64Array(schedulers);
    this.lockedCpu = new Float64Array(schedulers);
    this.lockedMemory = new Float64Array(schedulers);
  }

  /** CPU neither occupied nor locked, cell-wide (`availableCpus`). */
  availableCpu(): number {
    return this.totalCpu - (this.totalOccupiedCpu + this.totalLockedCpu);
  }

  availableMemory(): number {
    return this.totalMemory - (this.totalOccupiedMemory + this.totalLockedMemory);
  }

  machineCpu(m: number): number {
    return (this.capacityCpu[m] as number) - (this.allocatedCpu[m] as number);
  }

  machineMemory(m: number): number {
    return (this.capacityMemory[m] as number) - (this.allocatedMemory[m] as number);
  }

  /** `ClaimDelta.apply`: allocates on machine m for scheduler s and raises m's sequence number. */
  claim(s: number, m: number, cpu: number, memory: number, locked: boolean): void {
    if (this.machineCpu(m) < cpu || this.machineMemory(m) < memory) throw new Error(`omega-paper cell: machine ${m} lacks room for ${cpu} m cpu / ${memory} B`);
    this.account(s, cpu, memory, locked, 1);
    this.allocatedCpu[m] = (this.allocatedCpu[m] as number) + cpu;
    this.allocatedMemory[m] = (this.allocatedMemory[m] as number) + memory;
    this.seq[m] = (this.seq[m] as number) + 1;
  }

  /** `ClaimDelta.unApply`: frees on machine m (the sequence number stays). */
  free(s: number, m: number, cpu: number, memory: number, locked: boolean): void {
    this.account(s, cpu, memory, locked, -1);
    this.allocatedCpu[m] = (this.allocatedCpu[m] as number) - cpu;
    this.allocatedMemory[m] = (this.allocatedMemory[m] as number) - memory;
  }

  /** A private copy (`CellState.copy`): Omega's sync (§4.5) and a Mesos offer (§4.4 step 2). */
  copy(into?: PaperCell): PaperCell {
    const c = into ?? new PaperCell(this.capacityCpu, this.capacityMemory, this.schedulers, this.totalCpu, this.totalMemory);
    c.allocatedCpu.set(this.allocatedCpu);
    c.allocatedMemory.set(this.allocatedMemory);
    c.seq.set(this.seq);
    c.occupiedCpu.set(this.occupiedCpu);
    c.occupiedMemory.set(this.occupiedMemory);
    c.lockedCpu.set(this.lockedCpu);
    c.lockedMemory.set(this.lockedMemory);
    c.totalOccupiedCpu = this.totalOccupiedCpu;
    c.totalOccupiedMemory = this.totalOccupiedMemory;
    c.totalLockedCpu = this.totalLockedCpu;
    c.totalLockedMemory = this.totalLockedMemory;
    return c;
  }

  private account(s: number, cpu: number, memory: number, locked: boolean, sign: 1 | -1): void {
    if (locked) {
      this.lockedCpu[s] = (this.lockedCpu[s] as number) + sign * cpu;
      this.lockedMemory[s] = (this.lockedMemory[s] as number) + sign * memory;
      this.totalLockedCpu += sign * cpu;
      this.totalLockedMemory += sign * memory;
    } else {
      this.occupiedCpu[s] = (this.occupiedCpu[s] as number) + sign * cpu;
      this.occupiedMemory[s] = (this.occupiedMemory[s] as number) + sign * memory;
      this.totalOccupiedCpu += sign * cpu;
      this.totalOccupiedMemory += sign * memory;
    }
  }
}

function sum(values: Float64Array): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
