import { type FormatReader, intField, invalid, type Normalisation, numberField, OK, type RowOutcome } from './trace-record.js';

/*
 * Alibaba cluster-trace-v2018, table batch_task.csv (official schema.txt):
 *   task_name, instance_num, job_name, task_type, status, start_time, end_time, plan_cpu, plan_mem
 * Times are seconds from the start of the 8-day window. Assumptions of this reader:
 * - a task is submitted at start_time and each instance runs for end_time − start_time (the
 *   per-instance table batch_instance is not read); a task with no end (0 or empty: still running
 *   when the trace was cut) or end < start runs for 0 s and is counted invalid (skipInvalid);
 * - plan_cpu 100 = 1 core (schema.txt);
 * - plan_mem is normalised 0–100 to the largest machine: 100 = the memory of the scenario's largest node;
 * - the DAG encoded in task_name (M5_3_4) is not replayed: tasks are independent.
 */

const SECOND = 1_000_000;

/** A reader for the Alibaba 2018 batch_task table. */
export function alibaba2018Reader(norm: Normalisation): FormatReader {
  return {
    row(f, emit): RowOutcome {
      if (f.length !== 9)
        return invalid(`expected 9 fields (task_name, instance_num, job_name, task_type, status, start_time, end_time, plan_cpu, plan_mem), got ${f.length}`);
      const instances = numberField(f[1]);
      const start = intField(f[5]);
      const end = intField(f[6]);
      const planCpu = numberField(f[7]);
      const planMem = numberField(f[8]);
      if (instances === undefined || !Number.isInteger(instances) || instances < 0) return invalid(`instance_num "${f[1]}" is not a count`);
      if (start === undefined) return invalid(`start_time "${f[5]}" is not a whole number of seconds`);
      if (end === undefined || end < start) return invalid(`end_time "${f[6]}" is missing or before start_time ${start}`);
      if (planCpu === undefined || planCpu < 0) return invalid(`plan_cpu "${f[7]}" is not a non-negative number`);
      if (planMem === undefined || planMem < 0 || planMem > 100) return invalid(`plan_mem "${f[8]}" is not a normalised memory between 0 and 100`);
      if (instances === 0) return OK;
      emit({
        submit: start * SECOND,
        instances,
        runFor: (end - start) * SECOND,
        cpu: Math.round(planCpu * 10),
        memory: Math.round((planMem / 100) * norm.memory),
      });
      return OK;
    },
    end(): void {},
  };
}
