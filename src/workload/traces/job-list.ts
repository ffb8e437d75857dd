import { type FormatReader, intField, invalid, numberField, OK, type RowOutcome } from './trace-record.js';

/*
 * The JobList format, for job lists exchanged with other simulators (the Omega paper's simulator
 * among them): CSV with a header `workload,submitted,numTasks,duration,cpusPerTask,memPerTask`;
 * submitted and duration in seconds, cpusPerTask in cores, memPerTask in GB (10^9 bytes). Every task
 * of a job has the job's shape and duration. `workload` is mapped to a tenant by the scenario.
 */

/** The header a JobList file starts with. */
export const JOB_LIST_HEADER = 'workload,submitted,numTasks,duration,cpusPerTask,memPerTask';

const SECOND = 1_000_000;
/** JobList memory unit: a decimal gigabyte, as the Omega simulator's "GB" is a plain unit of 10^9. */
const GB = 1e9;

/** A reader for JobList files. */
export function jobListReader(): FormatReader {
  return {
    row(f, emit): RowOutcome {
      if (f.length !== 6) return invalid(`expected 6 fields (${JOB_LIST_HEADER}), got ${f.length}`);
      const group = (f[0] as string).trim();
      const submitted = numberField(f[1]);
      const tasks = intField(f[2]);
      const duration = numberField(f[3]);
      const cpus = numberField(f[4]);
      const mem = numberField(f[5]);
      if (group === '') return invalid('workload is empty');
      if (submitted === undefined || submitted < 0) return invalid(`submitted "${f[1]}" is not a non-negative number of seconds`);
      if (tasks === undefined || tasks < 0) return invalid(`numTasks "${f[2]}" is not a count`);
      if (duration === undefined || duration < 0) return invalid(`duration "${f[3]}" is not a non-negative number of seconds`);
      if (cpus === undefined || cpus < 0) return invalid(`cpusPerTask "${f[4]}" is not a non-negative number of cores`);
      if (mem === undefined || mem < 0) return invalid(`memPerTask "${f[5]}" is not a non-negative number of GB`);
      if (tasks === 0) return OK;
      emit({
        submit: Math.round(submitted * SECOND),
        instances: tasks,
        runFor: Math.round(duration * SECOND),
        cpu: Math.round(cpus * 1000),
        memory: Math.round(mem * GB),
        group,
      });
      return OK;
    },
    end(): void {},
  };
}
