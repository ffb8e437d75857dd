import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { scenarioSchema, type TraceSpec } from '../../../src/workload/schema.js';
import { loadTrace, TraceError } from '../../../src/workload/traces/load-trace.js';

const dir = mkdtempSync(join(tmpdir(), 'schedbench-traces-'));
const GiB = 2 ** 30;
const NORM = { cpu: 64_000, memory: 256 * GiB };

/** A Trace workload as the schema would default it. */
function traceSpec(fields: Record<string, unknown>): TraceSpec {
  const doc = scenarioSchema.parse({
    apiVersion: 'schedbench/v1',
    kind: 'Scenario',
    metadata: { name: 't' },
    spec: { duration: '1h', cluster: { nodes: [{ name: 'n', resources: { cpu: 1 } }] }, workloads: [{ kind: 'Trace', name: 'tr', file: 'x', ...fields }] },
  });
  return doc.spec.workloads[0] as TraceSpec;
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, name.endsWith('.gz') ? gzipSync(text) : text);
  return path;
}

const ALIBABA_2017 = [
  'task_create_time, task_end_time, job_id, task_id,number_of_instances, status, number_of_cpus_requested_per_instance_in_the_task,normalized_memory_requested_per_instance_in_the_task',
  '6459,6524,3,4,15,Terminated,50,0.5',
  '-100,20,3,5,1,Terminated,100,0.25',
  '6036,6046,4,7,3,Waiting,,',
  '7000,6990,4,8,2,Running,200,0.125',
].join('\n');

describe('loadTrace: Alibaba 2017 batch_task', () => {
  it('reads good rows into a time-sorted table, gzipped or not', async () => {
    for (const name of ['a17.csv', 'a17.csv.gz']) {
      const t = await loadTrace(traceSpec({ format: 'alibaba-2017-batch-task' }), file(name, ALIBABA_2017), NORM);
      expect(t.length).toBe(4);
      expect(t.rows).toBe(4);
      // The row created before the window (−100 s) is submitted at 0 and runs end − create = 120 s.
      expect([...t.submit]).toEqual([0, 6036e6, 6459e6, 7000e6]);
      expect([...t.runFor]).toEqual([120e6, 10e6, 65e6, 0]);
      expect([...t.instances]).toEqual([1, 3, 15, 2]);
      // plan_cpu 100 = 1 core; a Waiting task without a request gets half a core.
      expect([...t.cpu]).toEqual([1000, 500, 500, 2000]);
      expect(t.memory[0]).toBe(64 * GiB);
      expect(t.memory[2]).toBe(128 * GiB);
    }
  });

  const malformed: { name: string; row: string; message: RegExp }[] = [
    { name: 'too few fields', row: '1,2,3,4,5,Terminated,50', message: /expected 8 fields/ },
    { name: 'a time that is not a number', row: 'x,2,3,4,5,Terminated,50,0.1', message: /task_create_time "x"/ },
    { name: 'a negative instance count', row: '1,2,3,4,-5,Terminated,50,0.1', message: /number_of_instances/ },
    { name: 'memory above the largest machine', row: '1,2,3,4,5,Terminated,50,1.5', message: /plan_mem "1.5"/ },
  ];
  it.each(malformed)('rejects $name with file and line', async ({ row, message }) => {
    const path = file('bad.csv', `${ALIBABA_2017}\n${row}\n`);
    const err = await loadTrace(traceSpec({ format: 'alibaba-2017-batch-task' }), path, NORM).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TraceError);
    expect((err as TraceError).line).toBe(6);
    expect((err as Error).message).toContain(`${path}:6: `);
    expect((err as Error).message).toMatch(message);
  });

  it('skips and counts malformed rows with skipInvalid', async () => {
    const path = file('bad-skip.csv', `${ALIBABA_2017}\n1,2,3\nx,2,3,4,5,T,50,0.1\n`);
    const t = await loadTrace(traceSpec({ format: 'alibaba-2017-batch-task', skipInvalid: true }), path, NORM);
    expect(t.length).toBe(4);
    expect(t.invalidRows).toBe(2);
    expect(t.rows).toBe(6);
  });
});

describe('loadTrace: window and time scale', () => {
  const rows: { name: string; fields: Record<string, unknown>; submit: number[]; outside: number }[] = [
    { name: 'no window', fields: {}, submit: [0, 6036e6, 6459e6, 7000e6], outside: 0 },
    {
      name: 'a window keeps [start, end) and shifts times to its start',
      fields: { window: { start: '6000s', end: '7000s' } },
      submit: [36e6, 459e6],
      outside: 2,
    },
    {
      name: 'timeScale 0.5 replays arrivals twice as fast',
      fields: { window: { start: '6000s' }, timeScale: 0.5 },
      submit: [18e6, 229.5e6, 500e6],
      outside: 1,
    },
  ];
  it.each(rows)('$name', async ({ fields, submit, outside }) => {
    const t = await loadTrace(traceSpec({ format: 'alibaba-2017-batch-task', ...fields }), file('w.csv', ALIBABA_2017), NORM);
    expect([...t.submit]).toEqual(submit);
    expect(t.outsideWindow).toBe(outside);
    // Run times are not scaled.
    if (fields.timeScale !== undefined) expect(t.runFor[0]).toBe(10e6);
  });
});

describe('loadTrace: other formats', () => {
  it('reads a JobList and maps workloads to tenants', async () => {
    const text = 'workload,submitted,numTasks,duration,cpusPerTask,memPerTask\nBatch,1.5,3,10.25,1.000000,2.000000\nService,0.5,2,500,0.5,4\nOther,2,1,1,1,1\n';
    const t = await loadTrace(
      traceSpec({ format: 'job-list', tenant: 'rest', tenants: { Batch: 'batch', Service: 'service' } }),
      file('jobs.csv.gz', text),
      NORM,
    );
    expect([...t.submit]).toEqual([0.5e6, 1.5e6, 2e6]);
    expect([...t.instances]).toEqual([2, 3, 1]);
    expect([...t.runFor]).toEqual([500e6, 10.25e6, 1e6]);
    expect([...t.cpu]).toEqual([500, 1000, 1000]);
    expect([...t.memory]).toEqual([4e9, 2e9, 1e9]);
    expect([...t.tenant].map((i) => t.tenants[i])).toEqual(['service', 'batch', 'rest']);
  });

  it('keeps only the JobList workloads named by groups, and counts the others', async () => {
    const text = 'workload,submitted,numTasks,duration,cpusPerTask,memPerTask\nBatch,1,3,10,1,2\nService,0.5,2,500,0.5,4\nBatch,2,1,1,1,1\n';
    const t = await loadTrace(traceSpec({ format: 'job-list', groups: ['Batch'] }), file('groups.csv', text), NORM);
    expect([...t.instances]).toEqual([3, 1]);
    expect(t.otherGroups).toBe(1);
  });

  it('rejects a JobList with a wrong header at line 1', async () => {
    const err = await loadTrace(traceSpec({ format: 'job-list' }), file('jl-bad.csv', 'kind,submitted,numTasks,duration,cpusPerTask,memPerTask\n'), NORM).catch(
      (e: unknown) => e,
    );
    expect((err as Error).message).toMatch(/jl-bad\.csv:1: a JobList header/);
  });

  it('reads Alibaba 2018 batch_task (plan_mem 0–100)', async () => {
    const text = 'M1,10,j_1,1,Terminated,100,160,50,0.5\nR2_1,1,j_1,1,Terminated,90,200,100,50\n';
    const t = await loadTrace(traceSpec({ format: 'alibaba-2018-batch-task' }), file('a18.csv', text), NORM);
    expect([...t.submit]).toEqual([90e6, 100e6]);
    expect([...t.runFor]).toEqual([110e6, 60e6]);
    expect([...t.cpu]).toEqual([1000, 500]);
    expect(t.memory[0]).toBe(128 * GiB);
  });

  it('reads Google 2011 task_events: SUBMIT to the first terminal event, open tasks run to the end of the file', async () => {
    // time, missing, job, index, machine, type, user, class, priority, cpu, mem, disk, different-machines
    const text = [
      '0,,7,0,,0,u,1,0,0.5,0.25,0,0',
      '600000000,,7,1,,0,u,1,0,0.125,0.125,0,0',
      '601000000,,7,0,m1,1,u,1,0,0.5,0.25,0,0',
      '605000000,,7,0,m1,4,u,1,0,0.5,0.25,0,0',
      '700000000,,7,1,m2,1,u,1,0,0.125,0.125,0,0',
      '900000000,,8,0,m2,2,u,1,0,,,,',
      '9223372036854775807,,9,0,,0,u,1,0,0.1,0.1,0,0',
    ].join('\n');
    const t = await loadTrace(traceSpec({ format: 'google-2011-task-events' }), file('g11.csv', text), NORM);
    expect([...t.submit]).toEqual([0, 600e6]);
    expect([...t.runFor]).toEqual([4e6, 200e6]);
    expect([...t.cpu]).toEqual([32_000, 8_000]);
    expect(t.memory[0]).toBe(64 * GiB);
  });

  it('names the file when it cannot be read', async () => {
    const err = await loadTrace(traceSpec({ format: 'job-list' }), join(dir, 'missing.csv.gz'), NORM).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/missing\.csv\.gz: cannot read the trace/);
  });
});
