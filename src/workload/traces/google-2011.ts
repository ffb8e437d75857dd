import { type FormatReader, intField, invalid, type Normalisation, numberField, OK, type RowOutcome, type TraceRecord } from './trace-record.js';

/*
 * Google clusterdata-2011-2, table task_events (format document "Google cluster-usage traces:
 * format + schema", 2014): 13 fields, no header:
 *   time, missing info, job ID, task index, machine ID, event type, user, scheduling class,
 *   priority, CPU request, memory request, disk request, different-machines restriction
 * Times are microseconds (the window starts at 600 s; 0 = before the window; 2^63−1 = after it).
 * Event types: 0 SUBMIT, 1 SCHEDULE, 2 EVICT, 3 FAIL, 4 FINISH, 5 KILL, 6 LOST, 7/8 UPDATE.
 * Assumptions of this reader:
 * - each SUBMIT … first terminal event (2–6) of a task is one run, replayed as a one-instance record
 *   submitted at the SUBMIT time and running for terminal − SCHEDULE (a resubmission after an
 *   eviction or failure is a new record: the trace's own retries are replayed as new work);
 * - a task still open at the end of the file runs until the file's last timestamp;
 * - CPU and memory requests are normalised to the largest machine: 1.0 = the scenario's largest node;
 * - rows must be in time order per task (the official files are sorted by time).
 * The reader keeps only open tasks in memory.
 */

const AFTER_WINDOW = '9223372036854775807';
const SUBMIT = 0;
const SCHEDULE = 1;

interface OpenTask {
  readonly submit: number;
  scheduled: number;
  cpu: number;
  memory: number;
}

/** A reader for Google 2011 task_events. */
export function google2011Reader(norm: Normalisation): FormatReader {
  const open = new Map<string, OpenTask>();
  let last = 0;
  const close = (t: OpenTask, at: number, emit: (r: TraceRecord) => void): void => {
    const started = t.scheduled >= 0 ? t.scheduled : at;
    emit({ submit: t.submit, instances: 1, runFor: Math.max(0, at - started), cpu: t.cpu, memory: t.memory });
  };
  return {
    row(f, emit): RowOutcome {
      if (f.length < 11)
        return invalid(
          `expected 13 fields (time, missing info, job ID, task index, machine ID, event type, user, scheduling class, priority, CPU request, memory request, …), got ${f.length}`,
        );
      if ((f[0] as string).trim() === AFTER_WINDOW) return OK;
      const time = intField(f[0]);
      const job = intField(f[2]);
      const index = intField(f[3]);
      const type = intField(f[5]);
      if (time === undefined || time < 0) return invalid(`time "${f[0]}" is not a whole number of microseconds`);
      if (job === undefined || index === undefined) return invalid(`job ID "${f[2]}" and task index "${f[3]}" must be whole numbers`);
      if (type === undefined || type < 0 || type > 8) return invalid(`event type "${f[5]}" is not 0–8`);
      last = Math.max(last, time);
      const key = `${job}:${index}`;
      const task = open.get(key);
      if (type === SUBMIT) {
        if (task) return OK; // a repeated SUBMIT of an open task (missing-info records) changes nothing
        const cpu = (f[9] as string).trim() === '' ? 0 : numberField(f[9]);
        const mem = (f[10] as string).trim() === '' ? 0 : numberField(f[10]);
        if (cpu === undefined || cpu < 0 || cpu > 1) return invalid(`CPU request "${f[9]}" is not a normalised value between 0 and 1`);
        if (mem === undefined || mem < 0 || mem > 1) return invalid(`memory request "${f[10]}" is not a normalised value between 0 and 1`);
        open.set(key, { submit: time, scheduled: -1, cpu: Math.round(cpu * norm.cpu), memory: Math.round(mem * norm.memory) });
        return OK;
      }
      if (!task) return OK; // an event of a task submitted before this file starts: nothing to replay
      if (type === SCHEDULE) {
        if (task.scheduled < 0) task.scheduled = time;
        return OK;
      }
      if (type >= 2 && type <= 6) {
        open.delete(key);
        close(task, time, emit);
      }
      return OK;
    },
    end(emit): void {
      for (const t of open.values()) close(t, last, emit);
      open.clear();
    },
  };
}
