import { type FormatReader, intField, invalid, type Normalisation, numberField, OK, type RowOutcome, type TraceRecord } from './trace-record.js';

/*
 * Alibaba cluster-trace-v2017, table batch_task.csv (official schema.csv, trace_201708.md):
 *   task_create_time, task_end_time, job_id, task_id, instance_num, status, plan_cpu, plan_mem
 * Times are seconds from the trace start (0 or negative: created before the window). Assumptions of
 * this reader (stated in the README and the scenarios' metadata):
 * - every instance of a task runs for the task's end − create time (the table has no per-instance
 *   times; end < create, 209 rows of the public copy, gives a run time of 0);
 * - plan_cpu 100 = 1 core (the trace docs say CPU is "NOT normalized"; the values 50/100 read as cores × 100);
 * - plan_mem is normalised to the largest machine: 1.0 = the memory of the scenario's largest node;
 * - Waiting tasks have no plan_cpu/plan_mem (9,017 rows): they get the table's most common request,
 *   0.5 core (52,901 of 71,536 rows that have one), and its median memory, 0.0054;
 * - a task created at or before 0 (before the window) is submitted at 0.
 */

/** plan_cpu of rows without one: the mode of the public table (50 = half a core, 52,901 rows). */
export const ALIBABA_2017_DEFAULT_PLAN_CPU = 50;
/** plan_mem of rows without one: the median of the public table's values. */
export const ALIBABA_2017_DEFAULT_PLAN_MEM = 0.005404706;

const SECOND = 1_000_000;

/** A reader for the Alibaba 2017 batch_task table. */
export function alibaba2017Reader(norm: Normalisation): FormatReader {
  return {
    row(f, emit): RowOutcome {
      if (f.length !== 8) return invalid(`expected 8 fields (create, end, job, task, instances, status, plan_cpu, plan_mem), got ${f.length}`);
      const create = intField(f[0]);
      const end = intField(f[1]);
      const instances = intField(f[4]);
      if (create === undefined) return invalid(`task_create_time "${f[0]}" is not a whole number of seconds`);
      if (end === undefined) return invalid(`task_end_time "${f[1]}" is not a whole number of seconds`);
      if (intField(f[2]) === undefined || intField(f[3]) === undefined) return invalid(`job_id "${f[2]}" and task_id "${f[3]}" must be whole numbers`);
      if (instances === undefined || instances < 0) return invalid(`number_of_instances "${f[4]}" is not a count`);
      const planCpu = (f[6] as string).trim() === '' ? ALIBABA_2017_DEFAULT_PLAN_CPU : numberField(f[6]);
      const planMem = (f[7] as string).trim() === '' ? ALIBABA_2017_DEFAULT_PLAN_MEM : numberField(f[7]);
      if (planCpu === undefined || planCpu < 0) return invalid(`plan_cpu "${f[6]}" is not a non-negative number`);
      if (planMem === undefined || planMem < 0 || planMem > 1) return invalid(`plan_mem "${f[7]}" is not a normalised memory between 0 and 1`);
      if (instances === 0) return OK;
      const record: TraceRecord = {
        // Created before the window (0 or negative, 167 rows): submitted when the replay starts.
        submit: Math.max(0, create) * SECOND,
        instances,
        runFor: Math.max(0, end - create) * SECOND,
        cpu: Math.round(planCpu * 10),
        memory: Math.round(planMem * norm.memory),
      };
      emit(record);
      return OK;
    },
    end(): void {},
  };
}
